#include "vulndb/matcher.h"

#include <gtest/gtest.h>

#include <map>

#include "scratch_dir.h"

namespace customs {
namespace {

using K = RangeEvent::Kind;

Affected fixed_in(std::string ecosystem, std::string package, std::string fixed) {
  Affected a;
  a.ecosystem = std::move(ecosystem);
  a.package = std::move(package);
  a.ranges.push_back({"ECOSYSTEM", "", {{K::kIntroduced, "0"}, {K::kFixed, std::move(fixed)}}});
  return a;
}

Advisory advisory(std::string id, std::string source, std::vector<std::string> aliases,
                  std::vector<Affected> affected) {
  Advisory a;
  a.id = std::move(id);
  a.source = std::move(source);
  a.aliases = std::move(aliases);
  a.affected = std::move(affected);
  return a;
}

Package package(PackageType type, std::string name, std::string version) {
  Package p;
  p.type = type;
  p.name = std::move(name);
  p.version = std::move(version);
  p.path = "some/path";
  return p;
}

class MatcherTest : public ::testing::Test {
 protected:
  void import(FeedBatch batch) {
    ASSERT_TRUE(store_->begin_import());
    ASSERT_TRUE(store_->add(batch));
    ASSERT_TRUE(store_->commit_import("2026-11-23T00:00:00Z", "test"));
  }
  MatchResult match(const std::vector<Package>& packages, MatchOptions options = {}) {
    Inventory inv;
    inv.os = OsInfo{"debian", "12", "bookworm", "Debian GNU/Linux 12", "", "etc/os-release", 10};
    inv.packages = packages;
    auto r = match_inventory(inv, *store_, options);
    EXPECT_TRUE(r.ok());
    return r.ok() ? std::move(*r) : MatchResult{};
  }
  void SetUp() override {
    auto s = VulnStore::open((dir_ / "v.db").string(), VulnStore::Mode::kReadWrite);
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
  }

  testing::ScratchDir dir_;
  std::unique_ptr<VulnStore> store_;
};

TEST_F(MatcherTest, DistributionPackagesMatchThroughSourcePackageAndRelease) {
  import({{advisory("DSA-5532-1", "debian-dsa", {"CVE-2023-5363"},
                    {fixed_in("Debian:12", "openssl", "3.0.11-1~deb12u2"),
                     fixed_in("Debian:11", "openssl", "1.1.1w-0+deb11u1")})},
          {},
          {},
          {}});
  Package libssl = package(PackageType::kDeb, "libssl3", "3.0.11-1~deb12u1");
  libssl.source_name = "openssl";
  MatchResult r = match({libssl, package(PackageType::kDeb, "openssl-unrelated", "1.0")});
  ASSERT_EQ(r.vulnerabilities.size(), 1u);
  const Vulnerability& v = r.vulnerabilities[0];
  EXPECT_EQ(v.id, "CVE-2023-5363");
  EXPECT_EQ(v.aliases, std::vector<std::string>{"DSA-5532-1"});
  EXPECT_EQ(v.ecosystem, "Debian:12");
  EXPECT_EQ(v.advisory_package, "openssl");
  EXPECT_EQ(v.package_name, "openssl");
  EXPECT_EQ(v.installed_version, "3.0.11-1~deb12u1");
  EXPECT_EQ(v.fixed_versions, std::vector<std::string>{"3.0.11-1~deb12u2"});
  EXPECT_EQ(r.stats.matched_packages, 1u);
}

TEST_F(MatcherTest, UnfixedAndWontFixAreReportedAsSuchAndNotAffectedIsNot) {
  Affected open;
  open.ecosystem = "Debian:12";
  open.package = "glibc";
  open.state = FixState::kUnfixed;
  Affected ignored = open;
  ignored.state = FixState::kWontFix;
  ignored.note = "minor issue";
  Affected never = open;
  never.state = FixState::kNotAffected;
  import({{advisory("CVE-2024-0001", "debian-tracker", {}, {open}),
           advisory("CVE-2024-0002", "debian-tracker", {}, {ignored}),
           advisory("CVE-2024-0003", "debian-tracker", {}, {never})},
          {},
          {},
          {}});
  Package libc = package(PackageType::kDeb, "libc6", "2.36-9+deb12u3");
  libc.source_name = "glibc";
  MatchResult r = match({libc});
  ASSERT_EQ(r.vulnerabilities.size(), 2u);
  for (const auto& v : r.vulnerabilities) {
    EXPECT_TRUE(v.fixed_versions.empty());
    if (v.id == "CVE-2024-0001") EXPECT_EQ(v.state, FixState::kUnfixed);
    if (v.id == "CVE-2024-0002") {
      EXPECT_EQ(v.state, FixState::kWontFix);
      EXPECT_EQ(v.note, "minor issue");
    }
  }
}

TEST_F(MatcherTest, OsOwnedLanguagePackagesAreLeftToTheirOsPackageUnlessAsked) {
  import(
      {{advisory("GHSA-v845-jxx5-vc9f", "osv", {"CVE-2023-43804"}, {fixed_in("PyPI", "urllib3", "1.26.17")})},
       {},
       {},
       {}});
  Package urllib3 = package(PackageType::kPypi, "urllib3", "1.26.12");
  urllib3.os_owner = "pkg:deb/debian/python3-urllib3@1.26.12-1%2Bdeb12u4?arch=all&distro=debian-12";
  MatchResult skipped = match({urllib3});
  EXPECT_TRUE(skipped.vulnerabilities.empty());
  EXPECT_EQ(skipped.stats.os_owned_skipped, 1u);
  MatchOptions options;
  options.os_owned = OsOwnedMode::kMatch;
  MatchResult matched = match({urllib3}, options);
  ASSERT_EQ(matched.vulnerabilities.size(), 1u);
  EXPECT_TRUE(matched.vulnerabilities[0].matched_as_os_owned);
  EXPECT_NE(matched.vulnerabilities[0].note.find("the distribution may have patched it"), std::string::npos);
}

TEST_F(MatcherTest, RecordsThatNameEachOtherBecomeOneVulnerabilityNamedByItsCve) {
  import(
      {{advisory("GHSA-j8r2-6x86-q33q", "osv", {"CVE-2023-32681"}, {fixed_in("PyPI", "requests", "2.31.0")}),
        advisory("PYSEC-2023-74", "osv", {"CVE-2023-32681", "GHSA-j8r2-6x86-q33q"},
                 {fixed_in("PyPI", "Requests", "2.31.0")})},
       {},
       {},
       {}});
  MatchResult r = match({package(PackageType::kPypi, "requests", "2.25.0")});
  ASSERT_EQ(r.vulnerabilities.size(), 1u);
  EXPECT_EQ(r.vulnerabilities[0].id, "CVE-2023-32681");
  EXPECT_EQ(r.vulnerabilities[0].aliases, (std::vector<std::string>{"GHSA-j8r2-6x86-q33q", "PYSEC-2023-74"}));
  EXPECT_EQ(r.vulnerabilities[0].fixed_versions, std::vector<std::string>{"2.31.0"});
}

TEST_F(MatcherTest, ABundleOfSeveralCvesJoinsTheCveThatMatchedOnItsOwn) {
  import({{advisory("DSA-5000-1", "debian-dsa", {"CVE-2024-1000", "CVE-2024-1001"},
                    {fixed_in("Debian:12", "curl", "7.88.1-10")}),
           advisory("CVE-2024-1000", "debian-tracker", {}, {fixed_in("Debian:12", "curl", "7.88.1-10")})},
          {},
          {},
          {}});
  MatchResult r = match({package(PackageType::kDeb, "curl", "7.88.1-9")});
  ASSERT_EQ(r.vulnerabilities.size(), 1u);
  EXPECT_EQ(r.vulnerabilities[0].id, "CVE-2024-1000");
  EXPECT_EQ(r.vulnerabilities[0].aliases, (std::vector<std::string>{"CVE-2024-1001", "DSA-5000-1"}));
}

TEST_F(MatcherTest, PackagesSharingAnAdvisoryEachGetTheirOwnVersionAndFixes) {
  // One group's facts are worked out once per scan; what depends on the installed version is not.
  Affected two_lines;
  two_lines.ecosystem = "npm";
  two_lines.package = "minimist";
  two_lines.ranges.push_back(
      {"SEMVER",
       "",
       {{K::kIntroduced, "0"}, {K::kFixed, "0.2.4"}, {K::kIntroduced, "1.0.0"}, {K::kFixed, "1.2.6"}}});
  import({{advisory("GHSA-xvch-5gv4-984h", "osv", {"CVE-2021-44906"}, {two_lines})}, {}, {}, {}});
  Package old_line = package(PackageType::kNpm, "minimist", "0.1.0");
  Package new_line = package(PackageType::kNpm, "minimist", "1.0.0");
  new_line.path = "other/path";
  MatchResult r = match({old_line, new_line, package(PackageType::kNpm, "minimist", "0.3.0")});
  ASSERT_EQ(r.vulnerabilities.size(), 2u);
  std::map<std::string, std::vector<std::string>> fixes;
  for (const Vulnerability& v : r.vulnerabilities) {
    EXPECT_EQ(v.id, "CVE-2021-44906");
    EXPECT_EQ(v.aliases, std::vector<std::string>{"GHSA-xvch-5gv4-984h"});
    fixes[v.installed_version + " " + v.path] = v.fixed_versions;
  }
  EXPECT_EQ(fixes["0.1.0 some/path"], (std::vector<std::string>{"0.2.4", "1.2.6"}));
  EXPECT_EQ(fixes["1.0.0 other/path"], std::vector<std::string>{"1.2.6"});
  EXPECT_NE(r.vulnerabilities[0].fingerprint, r.vulnerabilities[1].fingerprint);
  EXPECT_EQ(r.stats.matched_packages, 2u);
}

TEST_F(MatcherTest, SeverityComesFromTheFirstSourceInOrderAndEveryRatingIsKept) {
  Advisory ghsa =
      advisory("GHSA-xvch-5gv4-984h", "osv", {"CVE-2021-44906"}, {fixed_in("npm", "minimist", "1.2.6")});
  ghsa.affected[0].ranges[0].type = "SEMVER";
  ghsa.severities.push_back(
      {"ghsa", "CVSS_V3", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", std::nullopt, ""});
  FeedBatch b{{ghsa}, {}, {}, {}};
  b.cve_ratings.push_back({"CVE-2021-44906",
                           "",
                           "",
                           "",
                           {{"nvd", "CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, ""}},
                           {}});
  b.kev.push_back({"CVE-2021-44906", "v", "p", "n", "2024-01-01", "2024-01-22", "Unknown", "a"});
  b.epss.push_back({"CVE-2021-44906", 0.5, 0.9, "2024-10-25"});
  import(b);
  Package minimist = package(PackageType::kNpm, "minimist", "1.2.0");
  MatchResult r = match({minimist});
  ASSERT_EQ(r.vulnerabilities.size(), 1u);
  const Vulnerability& v = r.vulnerabilities[0];
  EXPECT_EQ(v.severity, "high");
  EXPECT_EQ(v.severity_source, "ghsa CVSS 3.1");
  ASSERT_TRUE(v.score.has_value());
  EXPECT_DOUBLE_EQ(*v.score, 8.1);
  ASSERT_EQ(v.ratings.size(), 2u);
  EXPECT_EQ(v.ratings[1].rating.source, "nvd");
  EXPECT_DOUBLE_EQ(v.ratings[1].computed_score.value_or(0), 9.8);
  EXPECT_EQ(v.kev->date_added, "2024-01-01");
  EXPECT_DOUBLE_EQ(v.epss->percentile, 0.9);
  MatchOptions nvd_first;
  nvd_first.severity_order = {"nvd"};
  MatchResult r2 = match({minimist}, nvd_first);
  EXPECT_EQ(r2.vulnerabilities[0].severity, "critical");
  EXPECT_EQ(r2.vulnerabilities[0].severity_source, "nvd CVSS 3.1");
}

TEST_F(MatcherTest, KnownExploitedComeFirstThenFixableThenBySeverity) {
  Advisory a = advisory("GHSA-a", "osv", {"CVE-2024-0010"}, {fixed_in("PyPI", "a", "2.0")});
  a.severities.push_back({"ghsa", "text", "", std::nullopt, "CRITICAL"});
  Advisory b = advisory("GHSA-b", "osv", {"CVE-2024-0011"}, {fixed_in("PyPI", "b", "2.0")});
  b.severities.push_back({"ghsa", "text", "", std::nullopt, "LOW"});
  Advisory c = advisory("GHSA-c", "osv", {"CVE-2024-0012"}, {fixed_in("PyPI", "c", "2.0")});
  c.severities.push_back({"ghsa", "text", "", std::nullopt, "HIGH"});
  FeedBatch batch{{a, b, c}, {}, {}, {}};
  batch.kev.push_back({"CVE-2024-0011", "v", "p", "n", "2024-02-01", "2024-02-22", "Unknown", "a"});
  import(batch);
  MatchResult r = match({package(PackageType::kPypi, "a", "1.0"), package(PackageType::kPypi, "b", "1.0"),
                         package(PackageType::kPypi, "c", "1.0")});
  ASSERT_EQ(r.vulnerabilities.size(), 3u);
  EXPECT_EQ(r.vulnerabilities[0].id, "CVE-2024-0011");  // exploited, though low
  EXPECT_EQ(r.vulnerabilities[1].id, "CVE-2024-0010");
  EXPECT_EQ(r.vulnerabilities[2].id, "CVE-2024-0012");
}

TEST_F(MatcherTest, AVersionTheSchemeCannotReadIsReportedNotGuessed) {
  import({{advisory("GHSA-x", "osv", {}, {fixed_in("PyPI", "weird", "2.0")})}, {}, {}, {}});
  MatchResult r = match({package(PackageType::kPypi, "weird", "not-a-version!")});
  EXPECT_TRUE(r.vulnerabilities.empty());
  EXPECT_EQ(r.stats.incomparable, 1u);
  ASSERT_EQ(r.diagnostics.items().size(), 1u);
  EXPECT_EQ(r.diagnostics.items()[0].code, "vuln.version-incomparable");
}

}  // namespace
}  // namespace customs
