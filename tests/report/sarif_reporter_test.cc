#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/reporters.h"
#include "report/sample_report.h"

namespace customs {
namespace {

using nlohmann::json;
using testing::sample_report;

json render_sarif(const ScanReport& r) {
  return json::parse(make_sarif_reporter()->render(r, RenderOptions{}));
}

TEST(SarifReporter, MatchesGolden) {
  testing::expect_golden(make_sarif_reporter()->render(sample_report(), RenderOptions{}), "report.sarif");
}

TEST(SarifReporter, SeverityMapsToLevelAndSecuritySeverity) {
  struct Row {
    Severity s;
    const char* level;
    const char* score;
  };
  const Row rows[] = {{Severity::kCritical, "error", "9.5"},
                      {Severity::kHigh, "error", "8.0"},
                      {Severity::kMedium, "warning", "5.5"},
                      {Severity::kLow, "note", "3.0"},
                      {Severity::kInfo, "note", "1.0"}};
  for (const Row& row : rows) {
    EXPECT_STREQ(sarif_level(row.s), row.level) << to_string(row.s);
    EXPECT_STREQ(sarif_security_severity(row.s), row.score) << to_string(row.s);
  }
}

TEST(SarifReporter, RuleNamesArePascalCaseTitles) {
  EXPECT_EQ(pascal_case("Base image is not pinned to a digest"), "BaseImageIsNotPinnedToDigest");
  EXPECT_EQ(pascal_case("curl | sh in RUN"), "CurlShInRun");
  EXPECT_EQ(pascal_case("apt-get lists kept"), "AptGetListsKept");
  EXPECT_EQ(pascal_case("2 stages break CIS 4.1"), "StagesBreakCis41");
  EXPECT_EQ(pascal_case(" -- "), "");
}

TEST(SarifReporter, UrisAreRelativeEncodedAndWithoutDotSlash) {
  bool relative = false;
  EXPECT_EQ(sarif_uri("./services/web app/Dockerfile", &relative), "services/web%20app/Dockerfile");
  EXPECT_TRUE(relative);
  EXPECT_EQ(sarif_uri(".//./a#b?c%d:e", &relative), "a%23b%3Fc%25d%3Ae");
  EXPECT_EQ(sarif_uri("caf\xC3\xA9/Dockerfile", &relative), "caf%C3%A9/Dockerfile");
  EXPECT_EQ(sarif_uri("/work/x y/Dockerfile", &relative), "file:///work/x%20y/Dockerfile");
  EXPECT_FALSE(relative);
}

TEST(SarifReporter, ResultLocationUsesSrcRootOnlyForRelativePaths) {
  ScanReport r = sample_report();
  r.findings[0].location.file = "/abs/Dockerfile";
  json results = render_sarif(r)["runs"][0]["results"];
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"],
            json::parse(R"({"uri":"file:///abs/Dockerfile"})"));
  EXPECT_EQ(results[3]["locations"][0]["physicalLocation"]["artifactLocation"],
            json::parse(R"({"uri":"services/web%20app/Dockerfile","uriBaseId":"%SRCROOT%"})"));
}

TEST(SarifReporter, RegionOmitsUnknownPartsAndAnchorsWholeFileAtLineOne) {
  ScanReport r = sample_report();
  r.findings[0].location = Location{"Dockerfile", 7};
  json results = render_sarif(r)["runs"][0]["results"];
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"],
            json::parse(R"({"startLine":7,"snippet":{"text":"FROM python:3.12"}})"));
  EXPECT_EQ(results[2]["locations"][0]["physicalLocation"]["region"], json::parse(R"({"startLine":1})"));
  EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"]["endColumn"], 67);
}

TEST(SarifReporter, InconsistentEndIsDropped) {
  ScanReport r = sample_report();
  r.findings[0].location = Location{"Dockerfile", 7, 9, 3, 2};
  json region = render_sarif(r)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region, json::parse(R"({"startLine":7,"startColumn":9})"));
}

TEST(SarifReporter, EvidenceIsASnippetOnlyWhenItIsExactlyTheRegion) {
  ScanReport r = sample_report();
  r.findings[2].location = Location{"Dockerfile", 2, 1, 3, 7};
  r.findings[2].evidence = "RUN a \\\n  && b";
  json results = render_sarif(r)["runs"][0]["results"];
  auto region = [&](int i) { return results[i]["locations"][0]["physicalLocation"]["region"]; };
  EXPECT_EQ(region(0)["snippet"]["text"], "FROM python:3.12");  // 1:1-1:17
  EXPECT_FALSE(region(1).contains("snippet"));                  // region starts at column 5, evidence at 1
  EXPECT_EQ(region(2)["snippet"]["text"], "RUN a \\\n  && b");  // two lines, the last ends before column 7
  EXPECT_EQ(results[1]["properties"]["evidence"],
            "ENV AWS_SECRET_ACCESS_KEY=wJal**********************************EY");
}

TEST(SarifReporter, RuleIndexPointsAtTheRuleEvenWhenOnlyAFindingNamesIt) {
  ScanReport r = sample_report();
  r.rules = {&testing::kRemoteAdd};
  json run = render_sarif(r)["runs"][0];
  json rules = run["tool"]["driver"]["rules"];
  for (const json& result : run["results"]) {
    EXPECT_EQ(rules[result["ruleIndex"].get<int>()]["id"], result["ruleId"]);
  }
  EXPECT_EQ(rules.size(), 6u);
  EXPECT_EQ(rules[0]["id"], "T106");
}

TEST(SarifReporter, RuleMetadataCarriesGitHubProperties) {
  json rule = render_sarif(sample_report())["runs"][0]["tool"]["driver"]["rules"][1];
  EXPECT_EQ(rule["name"], "ContainerRunsAsRoot");
  EXPECT_EQ(rule["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(rule["properties"], json::parse(R"({"tags":["security","least-privilege"],
                                               "security-severity":"8.0","precision":"high"})"));
}

TEST(SarifReporter, SuppressionsMapInlinePragmasToInSourceAndOthersToExternal) {
  ScanReport r = sample_report();
  r.findings[0].suppressed = true;
  r.findings[0].suppression_kind = "config";
  json results = render_sarif(r)["runs"][0]["results"];
  EXPECT_EQ(results[0]["suppressions"], json::parse(R"([{"kind":"external"}])"));
  EXPECT_EQ(results[3]["suppressions"], json::parse(R"([{"kind":"inSource",
                                             "justification":"the entrypoint drops privileges with gosu"}])"));
  EXPECT_FALSE(results[1].contains("suppressions"));
}

TEST(SarifReporter, UnparsedTargetMakesExecutionUnsuccessfulAndErrorsBecomeNotifications) {
  ScanReport r;
  r.tool_version = "0.1.0-dev";
  r.targets = {{"Dockerfile", "dockerfile", false}};
  r.diagnostics.error("io.unreadable", "cannot read the file", {"Dockerfile"});
  json run = render_sarif(r)["runs"][0];
  EXPECT_EQ(run["invocations"], json::parse(R"([{"executionSuccessful":false,"toolExecutionNotifications":[
      {"level":"error","message":{"text":"cannot read the file."},
       "locations":[{"physicalLocation":{"artifactLocation":{"uri":"Dockerfile","uriBaseId":"%SRCROOT%"}}}],
       "descriptor":{"id":"io.unreadable"}}]}])"));
  EXPECT_EQ(run["tool"]["driver"]["semanticVersion"], "0.1.0-dev");
  EXPECT_EQ(run["results"], json::array());
}

TEST(SarifReporter, NonSemanticVersionIsNotClaimedAsOne) {
  ScanReport r;
  r.tool_version = "git-abc123";
  json driver = render_sarif(r)["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["version"], "git-abc123");
  EXPECT_FALSE(driver.contains("semanticVersion"));
}

}  // namespace
}  // namespace customs
