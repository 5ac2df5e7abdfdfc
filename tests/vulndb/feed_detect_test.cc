#include <gtest/gtest.h>

#include "feed_test_util.h"
#include "vulndb/import/feed.h"

namespace customs {
namespace {

using testing::vulndb_testdata;

std::string detected(std::string_view name, std::string_view head) {
  std::optional<FeedKind> k = detect_feed(name, head);
  return k ? std::string(to_string(*k)) : "none";
}

TEST(DetectFeed, KnowsEveryFixture) {
  EXPECT_EQ(detected("tracker.json", vulndb_testdata("debian/tracker.json")), "debian-tracker-json");
  EXPECT_EQ(detected("list", vulndb_testdata("debian/DSA-list")), "debian-list");
  EXPECT_EQ(detected("CVE-2020-8631.json", vulndb_testdata("debian/vuln-list/CVE-2020-8631.json")),
            "vuln-list-debian");
  EXPECT_EQ(detected("DLA-2691-1.json", vulndb_testdata("debian/vuln-list/DLA-2691-1.json")),
            "vuln-list-debian");
  EXPECT_EQ(detected("distributions.json", vulndb_testdata("debian/vuln-list/distributions.json")), "none");
  EXPECT_EQ(detected("main.json", vulndb_testdata("alpine/main.json")), "alpine-secdb");
  EXPECT_EQ(detected("api2.json", vulndb_testdata("nvd/api2.json")), "nvd-api2");
  EXPECT_EQ(detected("nvd.json", vulndb_testdata("nvd/nvdcve-1.1.json")), "nvd-1.1");
  EXPECT_EQ(detected("kev.json", vulndb_testdata("kev/kev.json")), "kev-json");
  EXPECT_EQ(detected("kev.csv", vulndb_testdata("kev/kev.csv")), "kev-csv");
}

TEST(DetectFeed, SmallHeads) {
  EXPECT_EQ(detected("x.json", R"({"schema_version": "1.4.0", "id": "GHSA-1", "modified": "2024"})"),
            "osv-json");
  EXPECT_EQ(detected("x.json", R"([{"id": "GO-2024-1", "affected": []}])"), "osv-json");
  EXPECT_EQ(detected("PYSEC-1.yaml", "id: PYSEC-2007-1\nmodified: 2021\n"), "osv-yaml");
  EXPECT_EQ(detected("notes.txt", "id: PYSEC-2007-1\n"), "none");
  EXPECT_EQ(detected("CVE-1.json", R"({"id": "CVE-2024-1", "sourceIdentifier": "x@y"})"), "nvd-api2");
  EXPECT_EQ(detected("a.json", R"({"name": "ansible", "secfixes": {}})"), "alpine-secdb");
  EXPECT_EQ(detected("e.csv", "#model_version:v2023.03.01,score_date:2024-10-25\ncve,epss,percentile\n"),
            "epss-csv");
  EXPECT_EQ(detected("e.csv", "cve,epss,percentile\n"), "epss-csv");
  EXPECT_EQ(detected("x", "\xEF\xBB\xBF[01 Apr 2023] DLA-3380-1 firmware-nonfree - security update\n"),
            "debian-list");
  EXPECT_EQ(detected("x.json", R"({"id": "x"})"), "none");
  EXPECT_EQ(detected("x.json", ""), "none");
  EXPECT_EQ(detected("x.json", "[1, 2]"), "none");
  EXPECT_EQ(detected("schema.json",
                     R"({"$schema": "x", "properties": {"catalogVersion": {}, "vulnerabilities": {}}})"),
            "none");
  EXPECT_EQ(detected("csaf.json", R"({"document": {}, "vulnerabilities": [{"cve": "CVE-2024-1"}]})"), "none");
  // A key named in a value is not a key.
  EXPECT_EQ(detected("x.json", R"({"note": "\"catalogVersion\" is a KEV key"})"), "none");
}

TEST(ParseFeed, DispatchesToTheImporterOfTheKind) {
  Diagnostics diags;
  auto r = parse_feed(FeedKind::kEpssCsv, "cve,epss,percentile\nCVE-2024-1,0.1,0.2\n", "e.csv", diags);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->epss.size(), 1u);
  auto kev = parse_feed(FeedKind::kKevJson, vulndb_testdata("kev/kev.json"), "kev.json", diags);
  ASSERT_TRUE(kev.ok());
  EXPECT_EQ(kev->kev.size(), 3u);
  EXPECT_EQ(feed_kind_from("nvd-1.1"), FeedKind::kNvd11);
  EXPECT_EQ(feed_kind_from("osv-yaml"), FeedKind::kOsvYaml);
  EXPECT_EQ(feed_kind_from("nope"), std::nullopt);
}

}  // namespace
}  // namespace customs
