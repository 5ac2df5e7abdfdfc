// `customs dockerfile` run in process against a MemoryFs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/app.h"
#include "app/commands.h"
#include "app/scan.h"

namespace customs {
namespace {

const char* kBad = "FROM ubuntu\nRUN curl -fsSL https://example.com/install.sh | sh\nADD . /app\n";
const char* kGood =
    "FROM alpine:3.19@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\n"
    "HEALTHCHECK NONE\n"
    "USER 10001:10001\n"
    "CMD [\"/app\"]\n";

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

Outcome dockerfile(MemoryFs& fs, std::vector<std::string> args) {
  std::ostringstream out, err;
  AppEnv env{fs, out, err};
  args.insert(args.begin(), "dockerfile");
  Outcome o;
  o.code = run_customs(args, env);
  o.out = out.str();
  o.err = err.str();
  return o;
}

std::set<std::string> rule_ids(const nlohmann::json& report) {
  std::set<std::string> ids;
  for (const auto& f : report.at("findings")) ids.insert(f.at("rule_id").get<std::string>());
  return ids;
}

TEST(AppDockerfile, GoodFileIsCleanEvenWithFailOnInfo) {
  MemoryFs fs;
  fs.add_file("good/Dockerfile", kGood);
  fs.add_file("good/.dockerignore", ".git\n");
  Outcome o = dockerfile(fs, {"good", "--format", "json", "--fail-on", "info", "--quiet"});
  ASSERT_EQ(o.code, kExitClean) << o.out;
  EXPECT_EQ(nlohmann::json::parse(o.out).at("findings").size(), 0u);
  EXPECT_EQ(o.err, "");
}

TEST(AppDockerfile, FailOnDecidesTheExitCode) {
  MemoryFs fs;
  fs.add_file("Dockerfile", kBad);
  EXPECT_EQ(dockerfile(fs, {"--fail-on", "low", "--quiet"}).code, kExitFindings);
  EXPECT_EQ(dockerfile(fs, {"--fail-on", "none", "--quiet"}).code, kExitClean);
  EXPECT_EQ(dockerfile(fs, {"--quiet"}).code, kExitClean);
}

TEST(AppDockerfile, SeverityFilterDropsFindingsFromReportAndFailOn) {
  MemoryFs fs;
  fs.add_file("Dockerfile", kBad);
  Outcome all = dockerfile(fs, {"--format", "json", "--quiet"});
  Outcome critical =
      dockerfile(fs, {"--format", "json", "--quiet", "--severity", "critical", "--fail-on", "info"});
  auto report = nlohmann::json::parse(critical.out);
  for (const auto& f : report.at("findings")) EXPECT_EQ(f.at("severity"), "critical");
  EXPECT_LT(report.at("findings").size(), nlohmann::json::parse(all.out).at("findings").size());
  EXPECT_EQ(critical.code, report.at("findings").empty() ? kExitClean : kExitFindings);
}

TEST(AppDockerfile, BinaryFileIsExitThreeAndTheOtherFileIsStillReported) {
  MemoryFs fs;
  fs.add_file("a/Dockerfile", kBad);
  fs.add_file("b/Dockerfile", std::string("FROM x\n\0\0\0", 10));
  Outcome o = dockerfile(fs, {".", "--format", "json"});
  EXPECT_EQ(o.code, kExitInvalidInput);
  auto report = nlohmann::json::parse(o.out);
  EXPECT_FALSE(report.at("findings").empty());
  for (const auto& f : report.at("findings")) EXPECT_EQ(f.at("location").at("file"), "a/Dockerfile");
  ASSERT_EQ(report.at("diagnostics").size(), 1u);
  EXPECT_EQ(report.at("diagnostics")[0].at("level"), "error");
  EXPECT_EQ(report.at("diagnostics")[0].at("location").at("file"), "b/Dockerfile");
  EXPECT_EQ(o.err.rfind("customs: b/Dockerfile:2:1: not a Dockerfile: binary content (NUL byte)\n", 0), 0u)
      << o.err;
}

TEST(AppDockerfile, ErrorDiagnosticIsExitThreeLocatedOnStderrAndTheFileStillChecked) {
  MemoryFs fs;
  fs.add_file("Dockerfile", "FROM ubuntu\nADD . /app\nRUN <<EOF\necho hi\n");
  Outcome o = dockerfile(fs, {"--format", "json", "--fail-on", "none"});
  EXPECT_EQ(o.code, kExitInvalidInput);
  EXPECT_EQ(o.err.rfind("customs: Dockerfile:3:5: unterminated heredoc <<EOF\n", 0), 0u) << o.err;
  auto report = nlohmann::json::parse(o.out);
  EXPECT_EQ(report.at("targets")[0].at("parsed"), true);
  EXPECT_FALSE(report.at("findings").empty());
}

TEST(AppDockerfile, ManyErrorsAreCappedOnStderrButAllInTheReport) {
  MemoryFs fs;
  std::string src = "FROM alpine\n";
  for (int i = 0; i < 15; ++i) src += "BOGUS x\n";
  fs.add_file("Dockerfile", src);
  Outcome o = dockerfile(fs, {"--format", "json"});
  EXPECT_EQ(o.code, kExitInvalidInput);
  EXPECT_NE(o.err.find("customs: Dockerfile:11:1: unknown instruction: BOGUS\n"), std::string::npos) << o.err;
  EXPECT_EQ(o.err.find("Dockerfile:12:1"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("customs: Dockerfile: 5 more errors in the report\n"), std::string::npos) << o.err;
  EXPECT_EQ(nlohmann::json::parse(o.out).at("diagnostics").size(), 15u);
}

TEST(AppDockerfile, TooDeepDirectoryIsAWarningOnStderrAndInTheReport) {
  MemoryFs fs;
  std::string deep = "repo";
  for (int i = 0; i < 70; ++i) deep += "/d";
  fs.add_file("repo/Dockerfile", kGood);
  fs.add_file(deep + "/Dockerfile", kBad);
  Outcome o = dockerfile(fs, {"repo", "--format", "json"});
  EXPECT_EQ(o.code, kExitClean);
  std::string skipped = "repo";
  for (int i = 0; i < 65; ++i) skipped += "/d";
  EXPECT_EQ(
      o.err.rfind("customs: " + skipped + ": not searched: directories nested more than 64 levels deep\n", 0),
      0u)
      << o.err;
  auto report = nlohmann::json::parse(o.out);
  ASSERT_EQ(report.at("diagnostics").size(), 1u);
  EXPECT_EQ(report.at("diagnostics")[0].at("level"), "warning");
  EXPECT_EQ(report.at("targets").size(), 1u);
}

TEST(AppDockerfile, FixKeepsAByteOrderMarkAndEditsTheRightColumnsOfLineOne) {
  MemoryFs fs;
  fs.add_file("Dockerfile", "\xEF\xBB\xBFMAINTAINER me\nFROM alpine\n");
  Outcome o = dockerfile(fs, {"--fix", "--quiet"});
  EXPECT_EQ(o.code, kExitInvalidInput);  // MAINTAINER before FROM
  EXPECT_EQ(*fs.read_file("Dockerfile", 1000),
            "\xEF\xBB\xBFLABEL org.opencontainers.image.authors=\"me\"\nFROM alpine\n");
}

TEST(AppDockerfile, QuietKeepsStderrEmptyButTheReportPrints) {
  MemoryFs fs;
  fs.add_file("b/Dockerfile", std::string("\0", 1));
  Outcome o = dockerfile(fs, {"b", "--quiet", "--format", "json"});
  EXPECT_EQ(o.code, kExitInvalidInput);
  EXPECT_EQ(o.err, "");
  EXPECT_EQ(nlohmann::json::parse(o.out).at("targets")[0].at("parsed"), false);
}

TEST(AppDockerfile, MissingPathIsExitThreeWithALocatedMessage) {
  MemoryFs fs;
  Outcome o = dockerfile(fs, {"nope"});
  EXPECT_EQ(o.code, kExitInvalidInput);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err, "customs dockerfile: nope: no such file or directory\n");
}

TEST(AppDockerfile, OutputFileGetsTheReportAndStdoutNothing) {
  MemoryFs fs;
  fs.add_file("Dockerfile", kBad);
  Outcome o = dockerfile(fs, {"Dockerfile", "--format", "json", "--output", "report.json", "--quiet"});
  EXPECT_EQ(o.code, kExitClean);
  EXPECT_EQ(o.out, "");
  auto bytes = fs.read_file("report.json", 1 << 20);
  ASSERT_TRUE(bytes.ok());
  EXPECT_FALSE(nlohmann::json::parse(*bytes).at("findings").empty());
}

TEST(AppDockerfile, UsageErrors) {
  MemoryFs fs;
  fs.add_file("Dockerfile", kBad);
  Outcome format = dockerfile(fs, {"--format", "xml"});
  EXPECT_EQ(format.code, kExitUsage);
  EXPECT_EQ(format.err.rfind("customs dockerfile: unknown format 'xml' (valid: table, json", 0), 0u)
      << format.err;
  EXPECT_EQ(dockerfile(fs, {"--fail-on", "severe"}).code, kExitUsage);
  EXPECT_EQ(dockerfile(fs, {"--severity", "bad"}).code, kExitUsage);
  EXPECT_EQ(dockerfile(fs, {"--fix", "--diff"}).code, kExitUsage);
  EXPECT_EQ(dockerfile(fs, {"--config", "missing.yaml"}).code, kExitUsage);
}

TEST(AppDockerfile, ConfigErrorNamesFileLineAndColumn) {
  MemoryFs fs;
  fs.add_file("Dockerfile", kBad);
  fs.add_file("customs.yaml", "checks:\n  disable: []\nbogus: 1\n");
  Outcome o = dockerfile(fs, {});
  EXPECT_EQ(o.code, kExitUsage);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err.rfind("customs dockerfile: customs.yaml:3:1: unknown key 'bogus'", 0), 0u) << o.err;
}

TEST(AppDockerfile, ConfigDisableRemovesTheRule) {
  MemoryFs fs;
  fs.add_file("Dockerfile", kBad);
  auto before = rule_ids(nlohmann::json::parse(dockerfile(fs, {"--format", "json", "--quiet"}).out));
  ASSERT_FALSE(before.empty());
  std::string victim = *before.begin();
  fs.add_file("customs.yaml", "checks:\n  disable: [" + victim + "]\n");
  auto after = rule_ids(nlohmann::json::parse(dockerfile(fs, {"--format", "json", "--quiet"}).out));
  EXPECT_EQ(after.count(victim), 0u);
  EXPECT_EQ(after.size(), before.size() - 1);
}

// The rule ids of the findings of `text` that carry a mechanical fix.
std::set<std::string> fixable_ids(const std::string& text) {
  std::set<std::string> ids;
  for (const auto& f : scan_dockerfile_bytes(text, "Dockerfile", false, {}).findings)
    if (!f.fix_edits.empty()) ids.insert(std::string(f.rule_id()));
  return ids;
}

TEST(AppDockerfile, DiffPrintsTheFixesAndWritesNothing) {
  MemoryFs fs;
  fs.add_file("Dockerfile", kBad);
  ASSERT_FALSE(fixable_ids(kBad).empty()) << "the sample needs a fixable finding";
  Outcome o = dockerfile(fs, {"--diff", "--quiet"});
  EXPECT_EQ(o.out.rfind("--- a/Dockerfile\n+++ b/Dockerfile\n@@ ", 0), 0u) << o.out;
  EXPECT_EQ(*fs.read_file("Dockerfile", 1 << 20), kBad);
}

TEST(AppDockerfile, FixRewritesTheFileAndTheFixedRulesAreGone) {
  MemoryFs fs;
  fs.add_file("Dockerfile", kBad);
  auto fixable = fixable_ids(kBad);
  ASSERT_FALSE(fixable.empty());
  Outcome o = dockerfile(fs, {"--fix", "--format", "json"});
  EXPECT_EQ(o.code, kExitClean);
  std::string fixed = *fs.read_file("Dockerfile", 1 << 20);
  EXPECT_NE(fixed, kBad);
  EXPECT_EQ(o.err.rfind("customs: applied ", 0), 0u) << o.err;
  auto left = rule_ids(nlohmann::json::parse(o.out));
  for (const auto& id : fixable) EXPECT_EQ(left.count(id), 0u) << id;
  Outcome again = dockerfile(fs, {"--format", "json", "--quiet"});
  for (const auto& id : fixable) EXPECT_EQ(rule_ids(nlohmann::json::parse(again.out)).count(id), 0u) << id;
}

TEST(AppDockerfile, ManyFilesComeOutInPathOrder) {
  MemoryFs fs;
  for (int i = 0; i < 12; ++i)
    fs.add_file("d" + std::to_string(i % 10) + std::to_string(i) + "/Dockerfile", kBad);
  auto report = nlohmann::json::parse(dockerfile(fs, {"--format", "json", "--quiet"}).out);
  std::vector<std::string> paths;
  for (const auto& t : report.at("targets")) paths.push_back(t.at("path"));
  ASSERT_EQ(paths.size(), 12u);
  EXPECT_TRUE(std::is_sorted(paths.begin(), paths.end()));
}

}  // namespace
}  // namespace customs
