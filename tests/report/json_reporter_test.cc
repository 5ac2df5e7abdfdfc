#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/reporters.h"
#include "report/sample_report.h"

namespace customs {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using testing::sample_report;

std::string render_json(const ScanReport& r) { return make_json_reporter()->render(r, RenderOptions{}); }

TEST(JsonReporter, MatchesGolden) { testing::expect_golden(render_json(sample_report()), "report.json"); }

TEST(JsonReporter, TopLevelKeysComeInDocumentedOrder) {
  ordered_json j = ordered_json::parse(render_json(sample_report()));
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"schema", "schema_version", "tool", "command", "targets",
                                            "findings", "diagnostics", "summary"}));
  EXPECT_EQ(j["schema"], "https://customs.dev/schemas/report/v1");
  EXPECT_EQ(j["schema_version"], 1);
}

TEST(JsonReporter, SummaryCountsUnsuppressedFindingsBySeverity) {
  json s = json::parse(render_json(sample_report()))["summary"];
  EXPECT_EQ(s, json::parse(R"({"findings":5,"critical":1,"high":1,"medium":1,"low":1,"info":1,
                               "suppressed":1,"targets":2,"diagnostics":1})"));
}

TEST(JsonReporter, SuppressionObjectOnlyOnSuppressedFindings) {
  json f = json::parse(render_json(sample_report()))["findings"];
  ASSERT_EQ(f.size(), 6u);
  EXPECT_FALSE(f[0].contains("suppression"));
  EXPECT_EQ(f[3]["suppressed"], true);
  EXPECT_EQ(f[3]["suppression"], json::parse(R"({"kind":"inline pragma",
                                                  "reason":"the entrypoint drops privileges with gosu"})"));
}

TEST(JsonReporter, EffectiveAndDefaultSeverityAreBothReported) {
  ScanReport r = sample_report();
  r.findings[0].severity = Severity::kCritical;  // a policy override of a medium rule
  json f = json::parse(render_json(r))["findings"][0];
  EXPECT_EQ(f["severity"], "critical");
  EXPECT_EQ(f["rule_severity"], "medium");
  EXPECT_EQ(json::parse(render_json(r))["summary"]["critical"], 2);
}

TEST(JsonReporter, LayerFieldsAppearOnlyWhenSet) {
  ScanReport r = sample_report();
  json plain = json::parse(render_json(r))["findings"][0]["location"];
  EXPECT_FALSE(plain.contains("layer_digest"));
  EXPECT_FALSE(plain.contains("path"));
  r.findings[0].location.layer_digest = "sha256:abcd";
  r.findings[0].location.path = "/etc/shadow";
  json layered = json::parse(render_json(r))["findings"][0]["location"];
  EXPECT_EQ(layered["layer_digest"], "sha256:abcd");
  EXPECT_EQ(layered["path"], "/etc/shadow");
}

TEST(JsonReporter, InvalidUtf8IsReplacedNotThrown) {
  ScanReport r = sample_report();
  r.findings[0].evidence = "FROM \xff\xfe";
  json j = json::parse(render_json(r));
  EXPECT_EQ(j["findings"][0]["evidence"], "FROM \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(JsonReporter, EmptyReportHasEmptyArraysAndZeroCounts) {
  ScanReport r;
  r.tool_version = "0.1.0";
  json j = json::parse(render_json(r));
  EXPECT_EQ(j["findings"], json::array());
  EXPECT_EQ(j["diagnostics"], json::array());
  EXPECT_EQ(j["targets"], json::array());
  EXPECT_EQ(j["summary"]["findings"], 0);
}

}  // namespace
}  // namespace customs
