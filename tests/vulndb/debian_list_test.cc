#include <gtest/gtest.h>

#include "feed_test_util.h"
#include "vulndb/import/debian.h"
#include "vulndb/import/parsers.h"

namespace customs {
namespace {

using testing::find_advisory;
using testing::row_text;
using testing::vulndb_testdata;

class DebianListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = parse_debian_list(vulndb_testdata("debian/DSA-list"), "DSA/list", diags_);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    batch_ = std::move(*r);
  }
  const Advisory& get(const std::string& id) {
    const Advisory* a = find_advisory(batch_, id);
    EXPECT_NE(a, nullptr) << id;
    static const Advisory kNone;
    return a != nullptr ? *a : kNone;
  }
  Diagnostics diags_;
  FeedBatch batch_;
};

TEST_F(DebianListTest, EveryEntryIsAnAdvisory) {
  ASSERT_EQ(batch_.advisories.size(), 9u);
  EXPECT_TRUE(diags_.empty());
  const Advisory& a = get("DSA-5380-1");
  EXPECT_EQ(a.source, "debian-dsa");
  EXPECT_EQ(a.summary, "security update");
  EXPECT_EQ(a.published, "2023-03-29T00:00:00Z");
  EXPECT_EQ(a.aliases, std::vector<std::string>{"CVE-2023-1393"});
  ASSERT_EQ(a.affected.size(), 1u);
  EXPECT_EQ(row_text(a.affected[0]), "Debian:11 xorg-server affected 0..2:1.20.11-1+deb11u6");
  EXPECT_EQ(get("DSA-2092-1").summary, "cross-site scripting");
  EXPECT_EQ(get("DSA-4205-1").summary, "jessie end-of-life");
}

TEST_F(DebianListTest, MarkersBecomeFixStates) {
  const Advisory& a = get("DSA-9999-1");
  EXPECT_EQ(a.aliases, (std::vector<std::string>{"CVE-2023-5678", "CVE-2024-0727"}));
  ASSERT_EQ(a.affected.size(), 6u);
  EXPECT_EQ(row_text(a.affected[0]), "Debian:12 openssl affected 0..3.0.13-1~deb12u1");
  EXPECT_EQ(row_text(a.affected[1]), "Debian:11 openssl wont-fix 0..");
  EXPECT_EQ(a.affected[1].note, "no DSA; Minor issue");
  EXPECT_EQ(row_text(a.affected[2]), "Debian:10 openssl unfixed 0..");
  EXPECT_EQ(row_text(a.affected[3]), "Debian:9 openssl end-of-life 0..");
  EXPECT_EQ(a.affected[3].severity_label, "low");
  EXPECT_EQ(row_text(a.affected[4]), "Debian:13 openssl unfixed 0..");
  EXPECT_EQ(a.affected[4].note, "postponed (no DSA)");
  EXPECT_EQ(row_text(a.affected[5]), "Debian:unstable openssl wont-fix 0..");
  EXPECT_EQ(a.affected[5].note, "ignored (no DSA); Revisit when fixed upstream");
  const Advisory& vlc = get("DSA-2218-1");
  ASSERT_EQ(vlc.affected.size(), 2u);
  EXPECT_EQ(row_text(vlc.affected[0]), "Debian:5 vlc not-affected ");
  EXPECT_EQ(vlc.affected[0].note, "Vulnerable code not present");
  EXPECT_EQ(row_text(vlc.affected[1]), "Debian:6 vlc affected 0..1.1.3-1squeeze5");
  EXPECT_EQ(row_text(get("DSA-3699-1").affected.at(0)), "Debian:8 virtualbox end-of-life 0..");
}

TEST_F(DebianListTest, NotesAndUrgencies) {
  const Advisory& sudo = get("DSA-735-2");
  ASSERT_EQ(sudo.affected.size(), 2u);
  EXPECT_EQ(row_text(sudo.affected[0]), "Debian:3.0 sudo affected 0..1.6.6-1.3woody1");
  EXPECT_EQ(sudo.affected[0].severity_label, "medium");
  EXPECT_EQ(sudo.affected[1].note,
            "fixed in testing at time of DSA; Some architectures were not ready, that's why another DSA was; "
            "issued.");
  ASSERT_EQ(sudo.severities.size(), 1u);
  EXPECT_EQ(sudo.severities[0].label, "medium");
  EXPECT_EQ(get("DSA-3714-1").affected.at(0).note, "Compatibility update for mysql 5.5.53");
  const Advisory& glibc = get("DSA-1605-1");  // no package lines: the notes become details
  EXPECT_TRUE(glibc.affected.empty());
  EXPECT_EQ(
      glibc.details,
      "<unfixed> (backport too complicated, solution: install bind9 or use ip address spoofing protection)\n"
      "DSA issued as an avisory about actions user can take to protect against this vulnerability");
}

TEST(DebianListBad, GarbageLinesAreReportedWithTheirLines) {
  std::string text =
      "[01 Apr 2023] DLA-3380-1 firmware-nonfree - security update\n"
      "\t{CVE-2020-12362}\n"
      "\tgarbage here\n"
      "\t[nosuch] - firmware-nonfree 1.0\n"
      "[xx] not a header\n"
      "\t[buster] - ignored-with-its-header 1.0\n"
      "\t[buster] - firmware-nonfree\n"
      "[32 Foo 2023] DLA-3379-1 intel-microcode - security update\n"
      "\t[buster] - intel-microcode 3.20230214.1~deb10u1\n";
  Diagnostics diags;
  auto r = parse_debian_list(text, "DLA/list", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->advisories.size(), 2u);
  EXPECT_EQ(r->advisories[0].source, "debian-dla");
  EXPECT_TRUE(r->advisories[0].affected.empty());
  EXPECT_EQ(r->advisories[1].published, "");
  EXPECT_EQ(r->advisories[1].affected.size(), 1u);
  ASSERT_EQ(diags.items().size(), 4u);
  EXPECT_EQ(diags.items()[0].code, "debian.bad-line");
  EXPECT_EQ(diags.items()[0].where.line, 3);
  EXPECT_EQ(diags.items()[1].code, "debian.bad-line");  // the header; its body lines go with it
  EXPECT_EQ(diags.items()[1].where.line, 5);
  EXPECT_EQ(diags.items()[2].code, "debian.bad-date");
  EXPECT_EQ(diags.items()[2].where.line, 8);
  EXPECT_EQ(diags.items()[3].code, "debian.unknown-release");
  EXPECT_EQ(diags.items()[3].where.line, 4);
  EXPECT_EQ(diags.items()[3].where.file, "DLA/list");
}

TEST(DebianListBad, TextThatIsNotAListIsAnError) {
  Diagnostics diags;
  auto r = parse_debian_list("hello\n[01 Apr 2023] DLA-3380-1 x - y\n", "x", diags);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.line, 1);
  EXPECT_FALSE(parse_debian_list("", "x", diags).ok());
  EXPECT_FALSE(parse_debian_list("{\"a\": 1}", "x", diags).ok());
}

TEST(DebianRelease, CodenamesMapToOsvEcosystems) {
  EXPECT_EQ(debian_ecosystem("bookworm"), "Debian:12");
  EXPECT_EQ(debian_ecosystem("trixie"), "Debian:13");
  EXPECT_EQ(debian_ecosystem("sarge"), "Debian:3.1");
  EXPECT_EQ(debian_ecosystem("etch"), "Debian:4");
  EXPECT_EQ(debian_ecosystem("sid"), "Debian:unstable");
  EXPECT_EQ(debian_ecosystem("bookworm-security"), std::nullopt);
}

TEST(DebianPackageLine, ParsesVersionsMarkersAndRemarks) {
  auto l = parse_debian_package_line("[sarge] - awstats 6.4-1sarge1 (bug #322591; bug #334833; medium)");
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(l->release, "sarge");
  EXPECT_EQ(l->package, "awstats");
  EXPECT_EQ(l->kind, "fixed");
  EXPECT_EQ(l->version, "6.4-1sarge1");
  EXPECT_EQ(l->urgency, "medium");
  EXPECT_EQ(l->description, "bug #322591; bug #334833");
  auto m = parse_debian_package_line("- openssl1.0 <not-affected> (Vulnerable code introduced in 1.1.1h)");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->release, "");
  EXPECT_EQ(m->kind, "not-affected");
  EXPECT_FALSE(parse_debian_package_line("[wheezy] - curl").has_value());
  EXPECT_FALSE(parse_debian_package_line("[wheezy - curl 1.0").has_value());
}

}  // namespace
}  // namespace customs
