#include <gtest/gtest.h>

#include "feed_test_util.h"
#include "vulndb/import/parsers.h"

namespace customs {
namespace {

using testing::vulndb_testdata;

std::string kev_text(const KevEntry& k) {
  return k.cve + "|" + k.vendor + "|" + k.product + "|" + k.name + "|" + k.date_added + "|" + k.due_date +
         "|" + k.known_ransomware + "|" + k.required_action.substr(0, 20);
}

TEST(Kev, JsonCatalogEntries) {
  Diagnostics diags;
  auto r = parse_kev_json(vulndb_testdata("kev/kev.json"), "kev.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->kev.size(), 3u);
  EXPECT_EQ(kev_text(r->kev[0]),
            "CVE-2025-48384|Git|Git|Git Link Following Vulnerability|2025-08-25|2025-09-15|Unknown|Apply "
            "mitigations pe");
  EXPECT_EQ(kev_text(r->kev[1]),
            "CVE-2024-8068|Citrix|Session Recording|Citrix Session Recording Improper Privilege Management "
            "Vulnerability|2025-08-25|2025-09-15|Unknown|Apply mitigations pe");
  EXPECT_TRUE(diags.empty());
}

TEST(Kev, CsvGivesTheSameEntriesAsJson) {
  Diagnostics diags;
  auto csv = parse_kev_csv(vulndb_testdata("kev/kev.csv"), "kev.csv", diags);
  auto json = parse_kev_json(vulndb_testdata("kev/kev.json"), "kev.json", diags);
  ASSERT_TRUE(csv.ok()) << csv.error().to_string();
  ASSERT_TRUE(json.ok());
  ASSERT_EQ(csv->kev.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(kev_text(csv->kev[i]), kev_text(json->kev[i]));
    EXPECT_EQ(csv->kev[i].required_action, json->kev[i].required_action);
  }
  EXPECT_TRUE(diags.empty());
}

TEST(Kev, BadEntriesAreReportedAtTheirLines) {
  std::string json =
      "{\"catalogVersion\": \"1\", \"vulnerabilities\": [\n {\"cveID\": \"CVE-2024-1234\"},\n {\"x\": 1}\n]}";
  Diagnostics diags;
  auto r = parse_kev_json(json, "kev.json", diags);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kev.size(), 1u);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].code, "kev.bad-entry");
  EXPECT_EQ(diags.items()[0].where.line, 3);
  std::string csv =
      "cveID,vendorProject,product\nCVE-2024-1234,\"Acme, Inc.\",\"multi\nline\"\nnot-a-cve,a,b\n";
  Diagnostics csv_diags;
  auto c = parse_kev_csv(csv, "kev.csv", csv_diags);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->kev.size(), 1u);
  EXPECT_EQ(c->kev[0].vendor, "Acme, Inc.");
  EXPECT_EQ(c->kev[0].product, "multi\nline");
  ASSERT_EQ(csv_diags.items().size(), 1u);
  EXPECT_EQ(csv_diags.items()[0].where.line, 4);
}

TEST(Kev, WrongShapeIsAnError) {
  Diagnostics diags;
  EXPECT_FALSE(parse_kev_json(R"({"vulnerabilities": []})", "kev.json", diags).ok());
  EXPECT_FALSE(parse_kev_csv("cve,epss\n", "kev.csv", diags).ok());
  auto r = parse_kev_csv("cveID,product\n\"CVE-1,x\n", "kev.csv", diags);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.line, 2);
}

constexpr std::string_view kEpss =
    "#model_version:v2023.03.01,score_date:2024-10-25T00:00:00+0000\n"
    "cve,epss,percentile\n"
    "CVE-1999-0005,0.91963,0.99030\n"
    "CVE-2024-9987,0.00043,0.09778";

TEST(Epss, ScoresWithTheFileDate) {
  Diagnostics diags;
  auto r = parse_epss_csv(kEpss, "epss.csv", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->epss.size(), 2u);
  EXPECT_EQ(r->epss[0].cve, "CVE-1999-0005");
  EXPECT_DOUBLE_EQ(r->epss[0].epss, 0.91963);
  EXPECT_DOUBLE_EQ(r->epss[0].percentile, 0.99030);
  EXPECT_EQ(r->epss[0].date, "2024-10-25T00:00:00+0000");
  EXPECT_EQ(r->epss[1].cve, "CVE-2024-9987");
  EXPECT_DOUBLE_EQ(r->epss[1].percentile, 0.09778);
  EXPECT_TRUE(diags.empty());
}

TEST(Epss, BadRowsAreReportedAndTheHeaderIsRequired) {
  Diagnostics diags;
  auto r = parse_epss_csv("cve,epss,percentile\nCVE-1,0.5,0.5\nCVE-2,1.5,0.1\nCVE-3,abc,0.1\ngarbage\n",
                          "e.csv", diags);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->epss.size(), 1u);
  EXPECT_EQ(r->epss[0].date, "");
  ASSERT_EQ(diags.items().size(), 3u);
  EXPECT_EQ(diags.items()[0].where.line, 3);
  EXPECT_EQ(diags.items()[2].where.line, 5);
  EXPECT_FALSE(parse_epss_csv("a,b,c\n1,2,3\n", "e.csv", diags).ok());
  EXPECT_FALSE(parse_epss_csv("", "e.csv", diags).ok());
}

}  // namespace
}  // namespace customs
