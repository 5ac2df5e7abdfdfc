// Randomised differential tests of the dpkg, rpm, semver, Go and npm-range comparators against
// their reference implementations, each run once as a batch over all pairs: dpkg itself, rpm's
// Python binding (python3-rpm), the npm `semver` package (node), and golang.org/x/mod/semver (as
// vendored in Go's source tree, built at test time). Seeded: CUSTOMS_DIFF_SEED overrides the
// seed, which every test prints. A missing reference skips its test, naming what to install.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "scratch_dir.h"
#include "vulndb/versions/npm_range.h"
#include "vulndb/versions/version.h"

namespace customs {
namespace {

using testing::ScratchDir;
namespace fs = std::filesystem;

constexpr uint64_t kDefaultSeed = 20240605;

uint64_t seed() {
  const char* env = std::getenv("CUSTOMS_DIFF_SEED");
  uint64_t s = env != nullptr && *env != '\0' ? std::strtoull(env, nullptr, 10) : kDefaultSeed;
  std::cout << "differential seed " << s << " (set CUSTOMS_DIFF_SEED to change)\n";
  return s;
}

class Gen {
 public:
  explicit Gen(uint64_t s) : rng_(s) {}
  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  bool chance(int percent) { return below(100) < static_cast<size_t>(percent); }
  std::string_view pick(const std::vector<std::string_view>& v) { return v[below(v.size())]; }
  // 1..max_len tokens drawn from `alphabet`.
  std::string tokens(const std::vector<std::string_view>& alphabet, size_t max_len) {
    std::string s;
    for (size_t i = below(max_len) + 1; i > 0; --i) s += pick(alphabet);
    return s;
  }
  // A pair: often `b` is a small edit of `a`, so that near-equal versions are compared.
  std::pair<std::string, std::string> pair(const std::function<std::string()>& make,
                                           const std::vector<std::string_view>& edits) {
    std::string a = make();
    if (chance(25)) return {a, a};
    if (!chance(50)) return {a, make()};
    std::string b = a;
    size_t at = below(b.size() + 1);
    if (chance(50) && !b.empty()) b.erase(std::min(at, b.size() - 1), 1);
    if (chance(70)) b.insert(std::min(at, b.size()), pick(edits));
    return {a, b};
  }

 private:
  std::mt19937_64 rng_;
};

bool have(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

// Writes `lines` to in.txt, runs `command` with it as stdin, and returns its stdout lines.
std::vector<std::string> run_batch(const ScratchDir& dir, const std::vector<std::string>& lines,
                                   const std::string& command) {
  {
    std::ofstream in(dir / "in.txt");
    for (const auto& l : lines) in << l << '\n';
  }
  std::string cmd = "cd '" + dir.str() + "' && " + command + " < in.txt > out.txt 2> err.txt";
  int rc = std::system(cmd.c_str());
  EXPECT_EQ(rc, 0) << command;
  std::vector<std::string> out;
  std::ifstream f(dir / "out.txt");
  for (std::string l; std::getline(f, l);) out.push_back(l);
  return out;
}

// run_batch in a fresh scratch directory holding the reference's script `file`.
std::vector<std::string> run_reference(const std::string& file, const std::string& script,
                                       const std::vector<std::string>& lines, const std::string& command) {
  ScratchDir dir("customs-diff");
  EXPECT_TRUE(dir.ok());
  {
    std::ofstream f(dir / file);
    f << script;
  }
  return run_batch(dir, lines, command);
}

std::string ours(std::optional<int> r) {
  if (!r) return "invalid";
  return *r < 0 ? "-1" : (*r > 0 ? "1" : "0");
}

// Compares our answers with the reference's, one line per pair; reports disagreements.
void check(const std::string& name, const std::vector<std::pair<std::string, std::string>>& pairs,
           const std::vector<std::string>& ref,
           const std::function<std::string(const std::string&, const std::string&)>& mine) {
  ASSERT_EQ(ref.size(), pairs.size())
      << name << ": the reference answered " << ref.size() << " of " << pairs.size();
  size_t bad = 0;
  std::map<std::string, size_t> answers;  // how varied the reference's answers were
  for (size_t i = 0; i < pairs.size(); ++i) {
    ++answers[ref[i]];
    std::string got = mine(pairs[i].first, pairs[i].second);
    if (got == ref[i]) continue;
    if (++bad <= 20) {
      ADD_FAILURE() << name << ": \"" << pairs[i].first << "\" vs \"" << pairs[i].second << "\": ours " << got
                    << ", reference " << ref[i];
    }
  }
  std::cout << name << ": " << pairs.size() << " pairs compared with the reference, " << bad
            << " disagreements (";
  for (const auto& [answer, n] : answers) std::cout << " " << answer << ":" << n;
  std::cout << " )\n";
  EXPECT_EQ(bad, 0u);
}

std::vector<std::string> tab_lines(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<std::string> lines;
  for (const auto& [a, b] : pairs) lines.push_back(a + "\t" + b);
  return lines;
}

// ---- dpkg ----------------------------------------------------------------------------------

std::string dpkg_version(Gen& g) {
  static const std::vector<std::string_view> kUp = {"0",  "1",    "2", "9", "01", "00", "10", "a",
                                                    "b",  "z",    "A", "~", "~~", "+",  ".",  ".",
                                                    "rc", "beta", "p", "-", ":",  "1.0"};
  static const std::vector<std::string_view> kRev = {"0", "1", "2", "01", "a",      "b",
                                                     "~", "+", ".", "b1", "deb12u1"};
  std::string v;
  if (g.chance(20)) v += std::string(g.pick({"0", "1", "2", "10", "00"})) + ":";
  v += g.chance(85) ? std::string(g.pick({"0", "1", "2", "10"})) : "";
  v += g.tokens(kUp, 5);
  if (g.chance(50)) v += "-" + g.tokens(kRev, 3);
  return v;
}

TEST(VersionsDifferential, DpkgAgreesWithDpkgCompareVersions) {
  if (!have("dpkg --version")) GTEST_SKIP() << "dpkg not found: install dpkg (apt-get install dpkg)";
  Gen g(seed());
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 400; ++i) {
    pairs.push_back(g.pair([&] { return dpkg_version(g); }, {"~", "+", ".", "0", "a", "-", ":", "1"}));
  }
  // Exit status 0 (true), 1 (false) or 2 (a version dpkg refuses): lt, then eq when not lt. The
  // command line reads an empty argument as "no version"; parseversion() refuses it.
  const std::string script =
      "while IFS=\"$(printf '\\t')\" read -r a b; do "
      "if [ -z \"$a\" ] || [ -z \"$b\" ]; then echo invalid; continue; fi; "
      "dpkg --compare-versions -- \"$a\" lt \"$b\" 2>/dev/null; r=$?; "
      "if [ $r -eq 0 ]; then echo -1; elif [ $r -ne 1 ]; then echo invalid; "
      "else dpkg --compare-versions -- \"$a\" eq \"$b\" 2>/dev/null && echo 0 || echo 1; fi; done";
  auto ref = run_reference("compare.sh", script + "\n", tab_lines(pairs), "sh compare.sh");
  check("dpkg", pairs, ref, [](const std::string& a, const std::string& b) {
    return ours(compare_versions(VersionScheme::kDpkg, a, b));
  });
}

// ---- rpm -----------------------------------------------------------------------------------

std::string rpm_version(Gen& g) {
  static const std::vector<std::string_view> kParts = {"0", "1", "2", "9",  "01",  "00", "10",
                                                       "a", "b", "Z", "rc", "git", ".",  ".",
                                                       "_", "+", "~", "^",  "-",   ":",  "1.0"};
  std::string v;
  if (g.chance(20)) v += std::string(g.pick({"0", "1", "2", "10", "00", ""})) + ":";
  v += g.tokens(kParts, 6);
  if (g.chance(40)) v += "-" + g.tokens(kParts, 3);
  return v;
}

TEST(VersionsDifferential, RpmAgreesWithRpmPythonBinding) {
  if (!have("/usr/bin/python3 -c 'import rpm'")) {
    GTEST_SKIP() << "rpm's Python binding not found: install python3-rpm (scripts/setup.sh)";
  }
  Gen g(seed() + 1);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 4000; ++i) {
    pairs.push_back(g.pair([&] { return rpm_version(g); }, {"~", "^", ".", "0", "a", "-", ":", "1", "_"}));
  }
  const std::string script =
      "import sys, rpm\n"
      "for line in sys.stdin:\n"
      "    a, b = line.rstrip('\\n').split('\\t')\n"
      "    try:\n"
      "        x, y = rpm.ver(a), rpm.ver(b)\n"
      "        print((x > y) - (x < y))\n"
      "    except Exception:\n"
      "        print('invalid')\n";
  auto ref = run_reference("compare.py", script, tab_lines(pairs), "/usr/bin/python3 compare.py");
  check("rpm", pairs, ref, [](const std::string& a, const std::string& b) {
    return ours(compare_versions(VersionScheme::kRpm, a, b));
  });
}

// ---- semver (node-semver) and npm ranges ---------------------------------------------------

std::string semver_dir() {
  const char* cache = std::getenv("CUSTOMS_DEV_CACHE");
  const char* home = std::getenv("HOME");
  std::string base = cache && *cache ? cache : std::string(home ? home : "") + "/.cache/customs-dev";
  return base + "/node_modules";
}

bool have_node_semver() {
  return have("node --version") && fs::exists(semver_dir() + "/semver/package.json");
}

std::string prerelease(Gen& g) {
  static const std::vector<std::string_view> kIds = {"alpha",
                                                     "beta",
                                                     "rc",
                                                     "0",
                                                     "1",
                                                     "2",
                                                     "10",
                                                     "a-b",
                                                     "-",
                                                     "x",
                                                     "A",
                                                     "alpha",
                                                     "beta",
                                                     "rc",
                                                     "0",
                                                     "1",
                                                     "2",
                                                     "01",
                                                     "9007199254740993",
                                                     "9007199254740992"};
  std::string s(g.pick(kIds));
  while (g.chance(35)) s += "." + std::string(g.pick(kIds));
  return s;
}

std::string semver_version(Gen& g) {
  static const std::vector<std::string_view> kNums = {
      "0", "1", "2", "3", "10", "10", "01", "9007199254740991", "9007199254740992"};
  std::string v;
  if (g.chance(10)) v += g.pick({"v", "=", " ", "v ", "V", "\xC2\xA0"});
  v += std::string(g.chance(90) ? g.pick({"0", "1", "2", "3"}) : g.pick(kNums)) + ".";
  v += std::string(g.chance(90) ? g.pick({"0", "1", "2", "3"}) : g.pick(kNums));
  if (g.chance(97)) v += "." + std::string(g.chance(90) ? g.pick({"0", "1", "2", "3"}) : g.pick(kNums));
  if (g.chance(40)) v += (g.chance(97) ? "-" : "") + prerelease(g);
  if (g.chance(15))
    v += "+" + std::string(g.chance(90) ? g.pick({"build", "b.1", "001", "x-y"}) : g.pick({"", "a..b"}));
  if (g.chance(3)) v += g.pick({" ", ".", "-", "+"});
  return v;
}

// A node program that answers each "a<TAB>b" line of its input with what `body` pushes on `out`.
std::string node_script(const std::string& body) {
  return "const semver = require('semver');\n"
         "const lines = require('fs').readFileSync(0, 'utf8').split('\\n');\n"
         "const out = [];\n"
         "for (const line of lines.slice(0, -1)) {\n"
         "  const [a, b] = line.split('\\t');\n  " +
         body +
         "\n}\n"
         "process.stdout.write(out.join('\\n') + '\\n');\n";
}

std::string node_command() { return "NODE_PATH='" + semver_dir() + "' node compare.js"; }

TEST(VersionsDifferential, SemverAgreesWithNodeSemver) {
  if (!have_node_semver()) GTEST_SKIP() << "node and the npm semver package are needed: run scripts/setup.sh";
  Gen g(seed() + 2);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 4000; ++i) {
    pairs.push_back(g.pair([&] { return semver_version(g); }, {".", "-", "0", "1", "a", "+", "v"}));
  }
  auto ref = run_reference(
      "compare.js",
      node_script("if (semver.valid(a) === null || semver.valid(b) === null) { out.push('invalid'); "
                  "continue; }\n  out.push(String(semver.compare(a, b)));"),
      tab_lines(pairs), node_command());
  check("semver", pairs, ref, [](const std::string& a, const std::string& b) {
    return ours(compare_versions(VersionScheme::kSemver, a, b));
  });
}

std::string partial(Gen& g) {
  static const std::vector<std::string_view> kIds = {"0", "1", "2", "3", "x", "X", "*", "10"};
  std::string v;
  if (g.chance(10)) v += g.pick({"v", "=", "v="});
  v += g.pick(kIds);
  if (g.chance(80)) {
    v += "." + std::string(g.pick(kIds));
    if (g.chance(75)) {
      v += "." + std::string(g.pick(kIds));
      if (g.chance(30)) v += "-" + prerelease(g);
    }
  }
  if (g.chance(8)) v += "+build";
  return v;
}

std::string comparator_set(Gen& g) {
  if (g.chance(15)) return partial(g) + std::string(g.pick({" - ", " - ", "-", "  -  "})) + partial(g);
  static const std::vector<std::string_view> kOps = {"",   "",  "=",  "<", "<=", ">",
                                                     ">=", "~", "~>", "^", "^",  "~"};
  std::string s;
  for (size_t i = g.below(3) + 1; i > 0; --i) {
    if (!s.empty()) s += g.pick({" ", " ", "  ", "\xC2\xA0"});
    s += g.pick(kOps);
    if (g.chance(15)) s += " ";
    s += partial(g);
  }
  return s;
}

std::string npm_range(Gen& g) {
  if (g.chance(3)) return std::string(g.pick({"", "*", "x", " ", "||", "latest", ">=", "1.2.3 ||"}));
  std::string r = comparator_set(g);
  while (g.chance(30)) r += std::string(g.pick({" || ", "||", " ||  "})) + comparator_set(g);
  return r;
}

TEST(VersionsDifferential, NpmRangeAgreesWithNodeSemverSatisfies) {
  if (!have_node_semver()) GTEST_SKIP() << "node and the npm semver package are needed: run scripts/setup.sh";
  Gen g(seed() + 3);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 5000; ++i) {
    std::string v = semver_version(g);
    pairs.emplace_back(v, npm_range(g));
  }
  auto ref = run_reference(
      "compare.js",
      node_script("if (semver.valid(a) === null || semver.validRange(b) === null) { "
                  "out.push('invalid'); continue; }\n  out.push(String(semver.satisfies(a, b)));"),
      tab_lines(pairs), node_command());
  check("npm range", pairs, ref, [](const std::string& v, const std::string& r) {
    auto s = npm_range_satisfies(v, r);
    return s ? (*s ? "true" : "false") : "invalid";
  });
}

// ---- Go ------------------------------------------------------------------------------------

std::string go_version(Gen& g) {
  static const std::vector<std::string_view> kPre = {"0.20191109021931-daa7c04131f5",
                                                     "20191109021931-daa7c04131f5",
                                                     "pre.0.20200101000000-abcdefabcdef",
                                                     "alpha",
                                                     "beta.2",
                                                     "rc.1",
                                                     "0",
                                                     "1",
                                                     "x.y",
                                                     "a-b",
                                                     "01",
                                                     ""};
  auto num = [&] { return std::string(g.chance(95) ? g.pick({"0", "1", "2", "10"}) : g.pick({"01", "00"})); };
  std::string v = g.chance(97) ? "v" : std::string(g.pick({"", "V", "vv"}));
  v += num();
  if (g.chance(90)) {
    v += "." + num();
    if (g.chance(90)) v += "." + num();
  }
  if (g.chance(40)) v += "-" + std::string(g.pick(kPre));
  if (g.chance(15))
    v += "+" + std::string(g.chance(90) ? g.pick({"incompatible", "meta.1"}) : g.pick({"", "a..b"}));
  return v;
}

TEST(VersionsDifferential, GoAgreesWithXModSemver) {
  if (!have("go version")) GTEST_SKIP() << "go not found: install golang-go (scripts/setup.sh)";
  std::string goroot;
  {
    FILE* p = popen("go env GOROOT 2>/dev/null", "r");
    ASSERT_NE(p, nullptr);
    char buf[4096];
    if (fgets(buf, sizeof buf, p) != nullptr) goroot = buf;
    pclose(p);
    while (!goroot.empty() && (goroot.back() == '\n' || goroot.back() == '\r')) goroot.pop_back();
  }
  fs::path vendored = fs::path(goroot) / "src/cmd/vendor/golang.org/x/mod/semver/semver.go";
  if (!fs::exists(vendored))
    GTEST_SKIP() << "golang.org/x/mod/semver not found at " << vendored << ": install golang-go";
  Gen g(seed() + 4);
  std::vector<std::pair<std::string, std::string>> pairs;
  for (int i = 0; i < 4000; ++i) {
    pairs.push_back(g.pair([&] { return go_version(g); }, {".", "-", "0", "1", "+", "v"}));
  }
  ScratchDir dir("customs-diff-go");
  ASSERT_TRUE(dir.ok());
  fs::create_directories(dir / "semver");
  fs::copy_file(vendored, dir / "semver/semver.go");
  {
    std::ofstream mod(dir / "go.mod");
    mod << "module difftest\n\ngo 1.17\n";
    std::ofstream main(dir / "main.go");
    main << "package main\n\nimport "
            "(\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n\t\"strings\"\n\n\t\"difftest/semver\"\n)\n\n"
            "func main() {\n\tin := bufio.NewScanner(os.Stdin)\n\tout := bufio.NewWriter(os.Stdout)\n"
            "\tdefer out.Flush()\n\tfor in.Scan() {\n\t\tp := strings.SplitN(in.Text(), \"\\t\", 2)\n"
            "\t\tif !semver.IsValid(p[0]) || !semver.IsValid(p[1]) {\n\t\t\tfmt.Fprintln(out, \"invalid\")\n"
            "\t\t\tcontinue\n\t\t}\n\t\tfmt.Fprintln(out, semver.Compare(p[0], p[1]))\n\t}\n}\n";
  }
  auto ref = run_batch(dir, tab_lines(pairs), "GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local go run .");
  check("go", pairs, ref, [](const std::string& a, const std::string& b) {
    return ours(compare_versions(VersionScheme::kGo, a, b));
  });
}

}  // namespace
}  // namespace customs
