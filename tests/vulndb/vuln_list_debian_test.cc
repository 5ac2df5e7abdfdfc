#include <gtest/gtest.h>

#include "feed_test_util.h"
#include "vulndb/import/parsers.h"

namespace customs {
namespace {

using testing::row_text;
using testing::vulndb_testdata;

TEST(VulnListDebian, CveFileGivesTheTrackerRowsWithUnstableForLinesWithoutRelease) {
  Diagnostics diags;
  auto r = parse_vuln_list_debian(vulndb_testdata("debian/vuln-list/CVE-2020-8631.json"),
                                  "CVE-2020-8631.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->advisories.size(), 1u);
  const Advisory& a = r->advisories[0];
  EXPECT_EQ(a.id, "CVE-2020-8631");
  EXPECT_EQ(a.source, "debian-tracker");
  EXPECT_EQ(a.summary, "cloud-init through 19.4 relies on Mersenne Twister for a random passwo ...");
  EXPECT_EQ(a.aliases, std::vector<std::string>{"DLA-2113-1"});
  ASSERT_EQ(a.affected.size(), 3u);
  EXPECT_EQ(row_text(a.affected[0]), "Debian:unstable cloud-init affected 0..19.4-2");
  EXPECT_EQ(a.affected[0].note,
            "bug #951362; https://bugs.launchpad.net/ubuntu/+source/cloud-init/+bug/1860795; "
            "https://github.com/canonical/cloud-init/pull/204");
  EXPECT_EQ(row_text(a.affected[1]), "Debian:11 cloud-init wont-fix 0..");
  EXPECT_TRUE(a.affected[1].note.starts_with("no DSA; Minor issue; https://"));
  EXPECT_EQ(row_text(a.affected[2]), "Debian:9 cloud-init wont-fix 0..");
  EXPECT_TRUE(diags.empty());
}

TEST(VulnListDebian, DlaAndDsaFilesGiveTheirAdvisory) {
  Diagnostics diags;
  auto dla =
      parse_vuln_list_debian(vulndb_testdata("debian/vuln-list/DLA-2691-1.json"), "DLA-2691-1.json", diags);
  ASSERT_TRUE(dla.ok()) << dla.error().to_string();
  const Advisory& a = dla->advisories.at(0);
  EXPECT_EQ(a.id, "DLA-2691-1");
  EXPECT_EQ(a.source, "debian-dla");
  EXPECT_EQ(a.summary, "security update");
  EXPECT_EQ(a.published, "2021-06-25T00:00:00Z");
  EXPECT_EQ(a.aliases, std::vector<std::string>{"CVE-2021-33560"});
  ASSERT_EQ(a.affected.size(), 1u);
  EXPECT_EQ(row_text(a.affected[0]), "Debian:9 libgcrypt20 affected 0..1.7.6-2+deb9u4");
  auto dsa =
      parse_vuln_list_debian(vulndb_testdata("debian/vuln-list/DSA-3714-1.json"), "DSA-3714-1.json", diags);
  ASSERT_TRUE(dsa.ok()) << dsa.error().to_string();
  EXPECT_EQ(dsa->advisories.at(0).source, "debian-dsa");
  EXPECT_EQ(dsa->advisories.at(0).affected.at(0).note, "Compatibility update for mysql 5.5.53");
  EXPECT_TRUE(diags.empty());
}

TEST(VulnListDebian, AnnotationWithoutPackageIsReportedAtItsLine) {
  std::string text = R"js({
  "Header": {"ID": "CVE-2024-0001", "Description": "(x)"},
  "Annotations": [
    {"Type": "package", "Release": "bookworm", "Kind": "fixed", "Version": "1.0"},
    {"Type": "package", "Release": "bookworm", "Package": "foo", "Kind": "frobbed"},
    {"Type": "package", "Release": "bookworm", "Package": "foo", "Kind": "fixed", "Version": "1.0"}
  ]
})js";
  Diagnostics diags;
  auto r = parse_vuln_list_debian(text, "CVE-2024-0001.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->advisories.at(0).affected.size(), 1u);
  ASSERT_EQ(diags.items().size(), 2u);
  EXPECT_EQ(diags.items()[0].code, "debian.bad-annotation");
  EXPECT_EQ(diags.items()[0].where.line, 4);
  EXPECT_EQ(diags.items()[1].code, "debian.unknown-kind");
  EXPECT_EQ(diags.items()[1].where.line, 5);
}

TEST(VulnListDebian, FilesWithoutAnEntryAreErrors) {
  Diagnostics diags;
  auto r = parse_vuln_list_debian(vulndb_testdata("debian/vuln-list/distributions.json"),
                                  "distributions.json", diags);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.file, "distributions.json");
  EXPECT_FALSE(
      parse_vuln_list_debian(R"({"Header": {"ID": "CVE-1"}, "Annotations": )", "t.json", diags).ok());
}

}  // namespace
}  // namespace customs
