#include <gtest/gtest.h>

#include "feed_test_util.h"
#include "vulndb/import/parsers.h"

namespace customs {
namespace {

using testing::vulndb_testdata;

std::string rating_text(const SeverityRating& r) {
  return r.source + " " + r.type + " " + r.vector + " " +
         (r.score ? std::to_string(*r.score).substr(0, 3) : "-") + " " + r.label;
}

TEST(NvdApi2, EveryMetricOfEverySourceIsKept) {
  Diagnostics diags;
  auto r = parse_nvd_api2(vulndb_testdata("nvd/api2.json"), "api2.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->cve_ratings.size(), 2u);
  EXPECT_TRUE(r->advisories.empty());
  const CveRatings& c = r->cve_ratings[0];
  EXPECT_EQ(c.cve, "CVE-2024-5732");
  EXPECT_EQ(c.published, "2024-06-07T10:15:12.293");
  EXPECT_EQ(c.modified, "2024-06-11T17:57:13.767");
  EXPECT_TRUE(c.description.starts_with("A vulnerability was found in Clash"));
  EXPECT_EQ(c.cwes, std::vector<std::string>{"CWE-287"});
  ASSERT_EQ(c.ratings.size(), 4u);
  EXPECT_EQ(
      rating_text(c.ratings[0]),
      "nvd CVSS_V4 CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/"
      "MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X 6.9 MEDIUM");
  EXPECT_EQ(rating_text(c.ratings[1]),
            "nvd CVSS_V3 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H 9.8 CRITICAL");
  EXPECT_EQ(rating_text(c.ratings[2]),
            "cna@vuldb.com CVSS_V3 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L 7.3 HIGH");
  EXPECT_EQ(rating_text(c.ratings[3]), "cna@vuldb.com CVSS_V2 AV:N/AC:L/Au:N/C:P/I:P/A:P 7.5 HIGH");
  const CveRatings& d = r->cve_ratings[1];
  EXPECT_EQ(d.cve, "CVE-2016-1585");
  EXPECT_TRUE(d.cwes.empty());  // NVD-CWE-noinfo is not a CWE
  ASSERT_EQ(d.ratings.size(), 3u);
  EXPECT_EQ(rating_text(d.ratings[1]),
            "security@ubuntu.com CVSS_V3 CVSS:3.0/AV:L/AC:H/PR:H/UI:N/S:U/C:L/I:L/A:L 3.9 LOW");
  EXPECT_EQ(rating_text(d.ratings[2]), "nvd CVSS_V2 AV:N/AC:L/Au:N/C:P/I:P/A:P 7.5 HIGH");
  EXPECT_TRUE(diags.empty());
}

TEST(NvdApi2, SingleCveObjectOfVulnList) {
  std::string text = R"({"id": "CVE-2024-0069", "sourceIdentifier": "security@hypr.com",
    "published": "2023-11-28T00:15:07.140", "vulnStatus": "Rejected",
    "descriptions": [{"lang": "es", "value": "x"}, {"lang": "en", "value": "Rejected reason: unused."}],
    "metrics": {}, "references": []})";
  Diagnostics diags;
  auto r = parse_nvd_api2(text, "CVE-2024-0069.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->cve_ratings.size(), 1u);
  EXPECT_EQ(r->cve_ratings[0].description, "Rejected reason: unused.");
  EXPECT_TRUE(r->cve_ratings[0].ratings.empty());
}

TEST(NvdApi2, EntryWithoutCveIsReportedAtItsLine) {
  std::string text = "{\"vulnerabilities\": [\n  {\"cve\": {\"id\": \"CVE-2024-1\"}},\n  {\"nope\": 1}\n]}";
  Diagnostics diags;
  auto r = parse_nvd_api2(text, "api.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->cve_ratings.size(), 1u);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].code, "nvd.bad-record");
  EXPECT_EQ(diags.items()[0].where.line, 3);
  EXPECT_FALSE(parse_nvd_api2("{\"vulnerabilities\": [", "api.json", diags).ok());
  EXPECT_FALSE(parse_nvd_api2("{\"CVE_Items\": []}", "api.json", diags).ok());
}

TEST(Nvd11, BaseMetricsV3AndV2) {
  Diagnostics diags;
  auto r = parse_nvd_11(vulndb_testdata("nvd/nvdcve-1.1.json"), "nvdcve-1.1.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->cve_ratings.size(), 2u);
  const CveRatings& c = r->cve_ratings[0];
  EXPECT_EQ(c.cve, "CVE-2022-0090");
  EXPECT_EQ(c.published, "2022-01-18T17:15Z");
  EXPECT_EQ(c.cwes, std::vector<std::string>{"CWE-269"});
  ASSERT_EQ(c.ratings.size(), 2u);
  EXPECT_EQ(rating_text(c.ratings[0]), "nvd CVSS_V3 CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N 6.5 MEDIUM");
  EXPECT_EQ(rating_text(c.ratings[1]), "nvd CVSS_V2 AV:N/AC:L/Au:N/C:N/I:P/A:N 5.0 MEDIUM");
  EXPECT_EQ(r->cve_ratings[1].cve, "CVE-2022-36749");
  EXPECT_TRUE(r->cve_ratings[1].ratings.empty());
  EXPECT_TRUE(diags.empty());
}

TEST(Nvd11, BadItemsAndWrongShape) {
  std::string text =
      "{\"CVE_Items\": [\n  {\"cve\": {}},\n  {\"cve\": {\"CVE_data_meta\": {\"ID\": \"CVE-2022-1\"}}}\n]}";
  Diagnostics diags;
  auto r = parse_nvd_11(text, "feed.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->cve_ratings.size(), 1u);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].where.line, 2);
  EXPECT_FALSE(parse_nvd_11(R"({"vulnerabilities": []})", "feed.json", diags).ok());
}

}  // namespace
}  // namespace customs
