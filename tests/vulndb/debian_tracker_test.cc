#include <gtest/gtest.h>

#include "feed_test_util.h"
#include "vulndb/import/parsers.h"

namespace customs {
namespace {

using testing::find_advisory;
using testing::row_text;
using testing::vulndb_testdata;

class DebianTrackerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = parse_debian_tracker_json(vulndb_testdata("debian/tracker.json"), "tracker.json", diags_);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    batch_ = std::move(*r);
  }
  Diagnostics diags_;
  FeedBatch batch_;
};

TEST_F(DebianTrackerTest, OneAdvisoryPerCveAcrossPackages) {
  ASSERT_EQ(batch_.advisories.size(), 5u);
  EXPECT_EQ(batch_.advisories[0].id, "CVE-2023-38545");
  EXPECT_EQ(batch_.advisories[4].id, "CVE-2023-5678");
  const Advisory* a = find_advisory(batch_, "CVE-2023-5678");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->affected.size(), 5u);  // openssl in four releases, openssl1.0 in one
  EXPECT_EQ(a->affected[4].package, "openssl1.0");
  EXPECT_TRUE(diags_.empty());
}

TEST_F(DebianTrackerTest, ResolvedReleasesGetAFixedRangeAndZeroMeansNotAffected) {
  const Advisory* a = find_advisory(batch_, "CVE-2023-38545");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->source, "debian-tracker");
  EXPECT_EQ(a->summary, "This flaw makes curl overflow a heap based buffer in the SOCKS5 proxy handshake.");
  ASSERT_EQ(a->affected.size(), 3u);
  EXPECT_EQ(row_text(a->affected[0]), "Debian:12 curl affected 0..7.88.1-10+deb12u4");
  EXPECT_EQ(row_text(a->affected[1]), "Debian:11 curl not-affected ");
  EXPECT_EQ(row_text(a->affected[2]), "Debian:unstable curl affected 0..8.4.0-1");
  EXPECT_EQ(a->affected[0].severity_label, "not yet assigned");
  EXPECT_TRUE(a->severities.empty());  // "not yet assigned" is no rating
  ASSERT_EQ(a->references.size(), 2u);
  EXPECT_EQ(a->references[1], "https://bugs.debian.org/1053693");
}

TEST_F(DebianTrackerTest, OpenReleasesMapNoDsaPostponedAndEndOfLife) {
  const Advisory* a = find_advisory(batch_, "CVE-2023-5678");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(row_text(a->affected[0]), "Debian:12 openssl unfixed 0..");
  EXPECT_EQ(a->affected[0].note, "postponed (no DSA); Minor issue");
  EXPECT_EQ(row_text(a->affected[1]), "Debian:11 openssl wont-fix 0..");
  EXPECT_EQ(a->affected[1].note, "no DSA; Minor issue");
  EXPECT_EQ(row_text(a->affected[2]), "Debian:10 openssl end-of-life 0..");
  EXPECT_EQ(a->affected[2].severity_label, "end-of-life");
  EXPECT_EQ(row_text(a->affected[3]), "Debian:unstable openssl affected 0..3.1.4-1");
  EXPECT_EQ(row_text(a->affected[4]), "Debian:9 openssl1.0 unfixed 0..");
  ASSERT_EQ(a->severities.size(), 1u);
  EXPECT_EQ(a->severities[0].source, "debian");
  EXPECT_EQ(a->severities[0].type, "text");
  EXPECT_EQ(a->severities[0].label, "medium");  // the highest urgency of its releases
}

TEST_F(DebianTrackerTest, IgnoredIsWontFixAndUndeterminedStaysUnfixed) {
  const Advisory* ignored = find_advisory(batch_, "CVE-2013-7445");
  ASSERT_NE(ignored, nullptr);
  EXPECT_EQ(row_text(ignored->affected[0]), "Debian:12 linux wont-fix 0..");
  EXPECT_EQ(ignored->affected[0].note, "ignored (no DSA); Not considered a security issue");
  EXPECT_EQ(row_text(ignored->affected[1]), "Debian:unstable linux unfixed 0..");
  EXPECT_EQ(ignored->severities.at(0).label, "unimportant");
  const Advisory* undetermined = find_advisory(batch_, "CVE-2024-26581");
  ASSERT_NE(undetermined, nullptr);
  EXPECT_EQ(row_text(undetermined->affected[0]), "Debian:12 linux unfixed 0..");
  EXPECT_EQ(undetermined->affected[0].note, "undetermined (not yet triaged by Debian)");
  EXPECT_EQ(undetermined->affected[0].severity_label, "high");  // "high**" without the NVD mark
}

TEST(DebianTrackerBad, BadRecordsAreReportedAtTheirLinesAndSkipped) {
  Diagnostics diags;
  auto r = parse_debian_tracker_json(vulndb_testdata("debian/bad_tracker.json"), "bad.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->advisories.size(), 1u);
  ASSERT_EQ(r->advisories[0].affected.size(), 1u);
  EXPECT_EQ(row_text(r->advisories[0].affected[0]), "Debian:12 zlib affected 0..1:1.2.13.dfsg-1");
  ASSERT_EQ(diags.items().size(), 4u);  // in key order: "broken" < "zlib", bookworm < bullseye < hamster
  EXPECT_EQ(diags.items()[0].code, "debian.bad-package");
  EXPECT_EQ(diags.items()[0].where.line, 23);
  EXPECT_EQ(diags.items()[1].code, "debian.bad-record");
  EXPECT_EQ(diags.items()[1].where.line, 21);
  EXPECT_EQ(diags.items()[2].code, "debian.bad-release");  // bullseye: resolved without a version
  EXPECT_EQ(diags.items()[2].where.line, 15);
  EXPECT_EQ(diags.items()[3].code, "debian.unknown-release");
  EXPECT_EQ(diags.items()[3].where.line, 11);
  EXPECT_EQ(diags.items()[3].where.file, "bad.json");
}

TEST(DebianTrackerBad, TruncatedJsonIsAnErrorAtItsEnd) {
  Diagnostics diags;
  auto r = parse_debian_tracker_json("{\n  \"curl\": {\n    \"CVE-1\": {\"releases\": {", "t.json", diags);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().where.file, "t.json");
  EXPECT_EQ(r.error().where.line, 3);
}

TEST(DebianTrackerBad, WrongShapeIsAnError) {
  Diagnostics diags;
  EXPECT_FALSE(parse_debian_tracker_json("[1, 2]", "t.json", diags).ok());
  EXPECT_FALSE(parse_debian_tracker_json("{}", "t.json", diags).ok());
  auto osv =
      parse_debian_tracker_json(R"({"id": "GHSA-x", "modified": "2024-01-01T00:00:00Z"})", "t.json", diags);
  ASSERT_FALSE(osv.ok());
  EXPECT_EQ(osv.error().message, "not a Debian tracker JSON export: no package has a CVE record");
}

}  // namespace
}  // namespace customs
