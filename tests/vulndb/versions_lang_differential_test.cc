// Randomised differential tests: our PEP 440, Maven, RubyGems and Composer comparators against
// the reference implementations, each run once per test over all pairs (python3-packaging,
// Maven's ComparableVersion from Debian's maven-artifact jar, ruby's Gem::Version, php with
// composer/semver). The seed is printed; CUSTOMS_DIFF_SEED sets another. A missing reference
// skips its test with what to install (scripts/setup.sh installs them all).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "scratch_dir.h"
#include "versions_lang_gen.h"
#include "vulndb/versions/version.h"

namespace customs {
namespace {

using testing::ScratchDir;
using testing::VersionGen;

constexpr size_t kPairs = 3000;

uint64_t seed() {
  const char* env = std::getenv("CUSTOMS_DIFF_SEED");
  uint64_t s = (env != nullptr && *env != '\0') ? std::strtoull(env, nullptr, 10) : 20261123;
  std::cout << "differential seed " << s << " (set CUSTOMS_DIFF_SEED to change)\n";
  return s;
}

std::string hex(const std::string& s) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

bool run_ok(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

std::string first_existing(const std::vector<std::string>& paths) {
  for (const auto& p : paths) {
    if (std::filesystem::exists(p)) return p;
  }
  return "";
}

// Writes the pairs (hex, tab-separated) to a file, runs `command` with it on stdin in one process
// and returns its output lines: "-1", "0", "1", or a word for "no answer" (invalid, none).
std::vector<std::string> run_reference(const ScratchDir& dir, const std::string& command,
                                       const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string in = (dir / "pairs.txt").string();
  std::string out = (dir / "answers.txt").string();
  {
    std::ofstream f(in);
    for (const auto& [a, b] : pairs) f << hex(a) << '\t' << hex(b) << '\n';
  }
  std::string full = command + " < " + in + " > " + out + " 2> " + (dir / "stderr.txt").string();
  EXPECT_EQ(std::system(full.c_str()), 0) << full;
  std::ifstream f(out);
  std::vector<std::string> lines;
  for (std::string line; std::getline(f, line);) lines.push_back(line);
  return lines;
}

std::string ours(VersionScheme scheme, const std::string& a, const std::string& b) {
  auto r = compare_versions(scheme, a, b);
  if (!r) return "nullopt";
  return std::to_string((*r > 0) - (*r < 0));
}

std::string theirs(const std::string& answer) {
  return (answer == "-1" || answer == "0" || answer == "1") ? answer : "nullopt";
}

void differential(VersionScheme scheme, const std::string& command,
                  const std::function<std::string(VersionGen&)>& make, std::string_view alphabet) {
  ScratchDir dir("customs-vdiff");
  ASSERT_TRUE(dir.ok());
  VersionGen gen(seed());
  std::vector<std::pair<std::string, std::string>> pairs;
  while (pairs.size() < kPairs) {
    std::string a = make(gen);
    pairs.emplace_back(a, gen.partner(
                              a, [&] { return make(gen); }, alphabet));
  }
  std::vector<std::string> answers = run_reference(dir, command, pairs);
  ASSERT_EQ(answers.size(), pairs.size()) << "reference output was cut short";
  size_t disagreements = 0;
  std::map<std::string, size_t> tally;  // how the reference answered: -1, 0, 1, nullopt
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto& [a, b] = pairs[i];
    std::string mine = ours(scheme, a, b);
    ++tally[theirs(answers[i])];
    if (mine == theirs(answers[i])) continue;
    if (++disagreements <= 25) {
      ADD_FAILURE() << "compare(\"" << a << "\", \"" << b << "\"): ours " << mine << ", reference "
                    << answers[i];
    }
  }
  std::cout << pairs.size() << " pairs compared with the reference, " << disagreements
            << " disagreements (reference:";
  for (const auto& [answer, n] : tally) std::cout << ' ' << answer << '=' << n;
  std::cout << ")\n";
  // The generator must reach every ordering (and refusals, where the reference refuses any), or
  // the comparison proves little.
  for (const char* answer : {"-1", "0", "1"}) EXPECT_GT(tally[answer], pairs.size() / 20) << answer;
  if (scheme != VersionScheme::kMaven) EXPECT_GT(tally["nullopt"], pairs.size() / 20);
}

void write_file(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

TEST(VersionsLangDifferential, Pep440AgreesWithPythonPackaging) {
  if (!run_ok("/usr/bin/python3 -c 'import packaging.version'")) {
    GTEST_SKIP() << "python3-packaging is not installed (apt-get install python3-packaging)";
  }
  ScratchDir scripts("customs-vdiff-py");
  write_file(scripts / "ref.py",
             "import sys\n"
             "from packaging.version import Version, InvalidVersion\n"
             "def parse(h):\n"
             "    try: return Version(bytes.fromhex(h).decode())\n"
             "    except InvalidVersion: return None\n"
             "for line in sys.stdin:\n"
             "    a, b = (parse(h) for h in line.rstrip('\\n').split('\\t'))\n"
             "    print('invalid' if a is None or b is None else (a > b) - (a < b))\n");
  differential(
      VersionScheme::kPep440, "/usr/bin/python3 " + (scripts / "ref.py").string(),
      [](VersionGen& g) { return g.pep440(); }, "-_.+!a1vx \n\t\x0c");
}

TEST(VersionsLangDifferential, MavenAgreesWithComparableVersion) {
  std::string jar =
      first_existing({"/usr/share/java/maven3-artifact.jar", "/usr/share/java/maven-artifact-3.x.jar",
                      "/usr/share/maven/lib/maven-artifact.jar"});
  if (jar.empty() || !run_ok("java -version")) {
    GTEST_SKIP()
        << "Maven's jars or java are missing (apt-get install libmaven3-core-java openjdk-17-jdk-headless)";
  }
  ScratchDir scripts("customs-vdiff-java");
  write_file(
      scripts / "MavenRef.java",
      "import org.apache.maven.artifact.versioning.ComparableVersion;\n"
      "import java.io.*;\n"
      "import java.nio.charset.StandardCharsets;\n"
      "public class MavenRef {\n"
      "  static String unhex(String h) {\n"
      "    byte[] b = new byte[h.length() / 2];\n"
      "    for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), "
      "16);\n"
      "    return new String(b, StandardCharsets.UTF_8);\n"
      "  }\n"
      "  public static void main(String[] args) throws IOException {\n"
      "    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "
      "StandardCharsets.UTF_8));\n"
      "    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));\n"
      "    for (String line; (line = in.readLine()) != null;) {\n"
      "      String[] p = line.split(\"\\t\", -1);\n"
      "      int c = new ComparableVersion(unhex(p[0])).compareTo(new ComparableVersion(unhex(p[1])));\n"
      "      out.println(Integer.signum(c));\n"
      "    }\n"
      "    out.flush();\n"
      "  }\n"
      "}\n");
  differential(
      VersionScheme::kMaven, "java -cp " + jar + " " + (scripts / "MavenRef.java").string(),
      [](VersionGen& g) { return g.maven(); }, "-._a1m0+_X\n");
}

TEST(VersionsLangDifferential, RubyGemsAgreesWithGemVersion) {
  if (!run_ok("ruby -e 'Gem::Version'")) GTEST_SKIP() << "ruby is not installed (apt-get install ruby)";
  ScratchDir scripts("customs-vdiff-rb");
  write_file(scripts / "ref.rb",
             "def parse(h)\n"
             "  Gem::Version.new([h].pack('H*').force_encoding('UTF-8'))\n"
             "rescue ArgumentError\n"
             "  nil\n"
             "end\n"
             "$stdin.each_line do |line|\n"
             "  a, b = line.chomp.split(\"\\t\", -1).map { |h| parse(h) }\n"
             "  puts(a.nil? || b.nil? ? 'invalid' : (a <=> b))\n"
             "end\n");
  differential(
      VersionScheme::kRubyGems, "ruby " + (scripts / "ref.rb").string(),
      [](VersionGen& g) { return g.rubygems(); }, ".-a1 _\n\t");
}

TEST(VersionsLangDifferential, ComposerAgreesWithComposerSemver) {
  const std::string autoload = "/usr/share/php/Composer/Semver/autoload.php";
  if (!std::filesystem::exists(autoload) || !run_ok("php -v")) {
    GTEST_SKIP() << "php or composer/semver is missing (apt-get install php-cli php-composer-semver)";
  }
  ScratchDir scripts("customs-vdiff-php");
  write_file(scripts / "ref.php",
             "<?php\n"
             "require '" +
                 autoload +
                 "';\n"
                 "use Composer\\Semver\\VersionParser;\n"
                 "use Composer\\Semver\\Comparator;\n"
                 "$p = new VersionParser();\n"
                 "while (($line = fgets(STDIN)) !== false) {\n"
                 "  [$a, $b] = array_map('hex2bin', explode(\"\\t\", rtrim($line, \"\\n\")));\n"
                 "  try { $a = $p->normalize($a); $b = $p->normalize($b); }\n"
                 "  catch (\\UnexpectedValueException $e) { echo \"invalid\\n\"; continue; }\n"
                 "  if (Comparator::lessThan($a, $b)) echo \"-1\\n\";\n"
                 "  elseif (Comparator::equalTo($a, $b)) echo \"0\\n\";\n"
                 "  elseif (Comparator::greaterThan($a, $b)) echo \"1\\n\";\n"
                 "  else echo \"none\\n\";\n"
                 "}\n");
  differential(
      VersionScheme::kComposer, "php " + (scripts / "ref.php").string(),
      [](VersionGen& g) { return g.composer(); }, "-._v1a@+ x:*d\n\t");
}

}  // namespace
}  // namespace customs
