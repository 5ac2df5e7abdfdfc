#include <gtest/gtest.h>

#include "vulndb/triage/diff.h"

namespace customs {
namespace {

// A customs JSON report with the given vulnerability objects (the keys diff reads, plus some it
// does not).
std::string report(const std::string& items) {
  return R"({"tool": {"name": "customs"}, "command": "image", "vulnerability_scan": {"scanned": true},
  "vulnerabilities": [)" +
         items + R"(], "findings": [], "diagnostics": []})";
}

std::string item(const std::string& id, const std::string& aliases, const std::string& fp,
                 const std::string& name, const std::string& version, const std::string& purl,
                 const std::string& path) {
  return R"({"id": ")" + id + R"(", "aliases": [)" + aliases + R"(], "summary": "s", "fingerprint": ")" + fp +
         R"(", "severity": "high", "package": {"name": ")" + name + R"(", "version": ")" + version +
         R"(", "type": "deb", "purl": ")" + purl + R"(", "path": ")" + path +
         R"(", "layer": {"index": 0}}, "fixed_versions": ["9.9"], "suppressed": false})";
}

std::vector<VulnKey> read(const std::string& json, const std::string& name) {
  auto keys = read_report_vulnerabilities(json, name);
  EXPECT_TRUE(keys.ok()) << (keys.ok() ? "" : keys.error().to_string());
  return keys.ok() ? *keys : std::vector<VulnKey>{};
}

const std::string kOld = report(
    item("CVE-2023-5678", "", "f1", "openssl", "3.0.11-1~deb12u2",
         "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12", "var/lib/dpkg/status") +
    "," +
    item("GHSA-c2qf-rxjj-qqgw", R"("CVE-2022-25883")", "f2", "semver", "7.5.1", "pkg:npm/semver@7.5.1",
         "app/node_modules/semver/package.json") +
    "," +
    item("CVE-2024-0727", "", "f3", "openssl", "3.0.11-1~deb12u2",
         "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12", "var/lib/dpkg/status") +
    "," +
    item("CVE-2023-44487", "", "f5", "golang.org/x/net", "v0.15.0", "pkg:golang/golang.org/x/net@v0.15.0",
         "usr/local/bin/app"));

const std::string kNew = report(
    item("CVE-2024-6119", "", "f4", "openssl", "3.0.13-1~deb12u1",
         "pkg:deb/debian/openssl@3.0.13-1~deb12u1?arch=amd64&distro=debian-12", "var/lib/dpkg/status") +
    "," +
    item("CVE-2023-5678", "", "f1", "openssl", "3.0.13-1~deb12u1",
         "pkg:deb/debian/openssl@3.0.13-1~deb12u1?arch=amd64&distro=debian-12", "var/lib/dpkg/status") +
    "," +
    item("CVE-2022-25883", R"("GHSA-c2qf-rxjj-qqgw")", "f9", "semver", "7.5.1", "pkg:npm/semver@7.5.1",
         "app/node_modules/semver/package.json") +
    "," +
    item("CVE-2023-44487", "", "f6", "golang.org/x/net", "v0.15.0", "pkg:golang/golang.org/x/net@v0.15.0",
         "usr/local/bin/other"));

TEST(ReportReader, ReadsTheKeysOfEachVulnerability) {
  auto keys = read(kOld, "old.json");
  ASSERT_EQ(keys.size(), 4u);
  EXPECT_EQ(keys[1].id, "GHSA-c2qf-rxjj-qqgw");
  EXPECT_EQ(keys[1].aliases, std::vector<std::string>{"CVE-2022-25883"});
  EXPECT_EQ(keys[1].fingerprint, "f2");
  EXPECT_EQ(keys[1].package_name, "semver");
  EXPECT_EQ(keys[1].package_version, "7.5.1");
  EXPECT_EQ(keys[1].purl, "pkg:npm/semver@7.5.1");
  EXPECT_EQ(keys[1].path, "app/node_modules/semver/package.json");
  EXPECT_EQ(keys[1].severity, "high");
  EXPECT_FALSE(keys[1].suppressed);
}

TEST(ReportReader, RefusesWhatIsNotAVulnerabilityReport) {
  auto none = read_report_vulnerabilities(R"({"command": "dockerfile", "findings": []})", "df.json");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(
      none.error().to_string(),
      "df.json: no \"vulnerabilities\" list: not the JSON report of customs image or customs sbom scan");
  auto no_id = read_report_vulnerabilities(
      "{\"vulnerabilities\": [\n  {\"id\": \"CVE-1\"},\n  {\"aliases\": []}\n]}", "r.json");
  ASSERT_FALSE(no_id.ok());
  EXPECT_EQ(no_id.error().to_string(), "r.json:3: vulnerability 2 has no \"id\"");
  auto broken = read_report_vulnerabilities("{\"vulnerabilities\": [\n", "b.json");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(broken.error().where.file, "b.json");
  EXPECT_EQ(broken.error().where.line, 2);
}

TEST(Diff, NewFixedAndUnchanged) {
  VulnDiff d = diff_vulnerabilities(read(kOld, "old.json"), read(kNew, "new.json"));
  ASSERT_EQ(d.added.size(), 2u);
  EXPECT_EQ(d.added[0].id, "CVE-2024-6119");
  EXPECT_EQ(d.added[1].id, "CVE-2023-44487");  // the same CVE at another path is another finding
  EXPECT_EQ(d.added[1].path, "usr/local/bin/other");
  ASSERT_EQ(d.fixed.size(), 2u);
  EXPECT_EQ(d.fixed[0].id, "CVE-2024-0727");
  EXPECT_EQ(d.fixed[1].path, "usr/local/bin/app");
  ASSERT_EQ(d.unchanged.size(), 2u);
}

TEST(Diff, AnUpgradedPackageStillVulnerableIsUnchanged) {
  VulnDiff d = diff_vulnerabilities(read(kOld, "old.json"), read(kNew, "new.json"));
  ASSERT_EQ(d.unchanged.size(), 2u);
  EXPECT_EQ(d.unchanged[0].first.id, "CVE-2023-5678");
  EXPECT_EQ(d.unchanged[0].first.package_version, "3.0.11-1~deb12u2");
  EXPECT_EQ(d.unchanged[0].second.package_version, "3.0.13-1~deb12u1");
}

TEST(Diff, GhsaIdInOneScanAndCveInTheOtherAreTheSame) {
  VulnDiff d = diff_vulnerabilities(read(kOld, "old.json"), read(kNew, "new.json"));
  ASSERT_EQ(d.unchanged.size(), 2u);
  EXPECT_EQ(d.unchanged[1].first.id, "GHSA-c2qf-rxjj-qqgw");
  EXPECT_EQ(d.unchanged[1].second.id, "CVE-2022-25883");
}

TEST(Diff, WithoutFingerprintsTheSameIdInTheSamePlaceMatchesAcrossVersions) {
  VulnKey a{"CVE-2023-5678", {}, "", "openssl", "3.0.11", "pkg:deb/debian/openssl@3.0.11?arch=amd64", "s",
            "high"};
  VulnKey b = a;
  b.package_version = "3.0.13";
  b.purl = "pkg:deb/debian/openssl@3.0.13?arch=arm64";
  EXPECT_TRUE(same_vulnerability(a, b));
  b.path = "other";
  EXPECT_FALSE(same_vulnerability(a, b));
}

TEST(Diff, BundlesSharingAnAliasAreNotTheSame) {
  // Two CVEs that both list the DSA that fixed them are two vulnerabilities.
  VulnKey a{"CVE-2023-1", {"DSA-5532-1"}, "x1", "openssl", "3", "pkg:deb/debian/openssl@3", "s", "high"};
  VulnKey b{"CVE-2023-2", {"DSA-5532-1"}, "x2", "openssl", "3", "pkg:deb/debian/openssl@3", "s", "high"};
  VulnDiff d = diff_vulnerabilities({a}, {b});
  EXPECT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.fixed.size(), 1u);
  EXPECT_TRUE(d.unchanged.empty());
}

TEST(Diff, EachOldFindingPairsWithOneNewFinding) {
  VulnKey a{"CVE-2023-1", {}, "x1", "openssl", "3", "pkg:deb/debian/openssl@3", "s", "high"};
  VulnDiff d = diff_vulnerabilities({a}, {a, a});
  EXPECT_EQ(d.unchanged.size(), 1u);
  EXPECT_EQ(d.added.size(), 1u);
  EXPECT_TRUE(d.fixed.empty());
}

Vulnerability current(std::string id, std::vector<std::string> aliases, std::string fp, std::string purl,
                      std::string path) {
  Vulnerability v;
  v.id = std::move(id);
  v.aliases = std::move(aliases);
  v.fingerprint = std::move(fp);
  v.purl = std::move(purl);
  v.path = std::move(path);
  return v;
}

TEST(Baseline, SuppressesWhatTheBaselineHas) {
  std::vector<Vulnerability> now = {
      current("CVE-2023-5678", {}, "f1", "pkg:deb/debian/openssl@3.0.13-1~deb12u1", "var/lib/dpkg/status"),
      current("CVE-2022-25883", {"GHSA-c2qf-rxjj-qqgw"}, "f9", "pkg:npm/semver@7.5.1",
              "app/node_modules/semver/package.json"),
      current("CVE-2024-6119", {}, "f4", "pkg:deb/debian/openssl@3.0.13-1~deb12u1", "var/lib/dpkg/status"),
      current("CVE-2024-0727", {}, "f3", "pkg:deb/debian/openssl@3.0.13-1~deb12u1", "var/lib/dpkg/status"),
  };
  now[3].suppressed = true;
  now[3].suppression_kind = "ignore-file";
  size_t n = apply_baseline(read(kOld, "baseline.json"), now, "baseline.json");
  EXPECT_EQ(n, 2u);
  EXPECT_TRUE(now[0].suppressed);  // by fingerprint
  EXPECT_EQ(now[0].suppression_kind, "baseline");
  EXPECT_EQ(now[0].suppression_reason, "in baseline baseline.json");
  EXPECT_TRUE(now[1].suppressed);  // by alias
  EXPECT_FALSE(now[2].suppressed);
  EXPECT_EQ(now[3].suppression_kind, "ignore-file");  // keeps its first suppression
}

TEST(Baseline, KeyOfAVulnerabilityCarriesItsIdentity) {
  Vulnerability v = current("CVE-1", {"GHSA-1"}, "fp", "pkg:npm/a@1", "p");
  v.package_name = "a";
  v.installed_version = "1";
  v.severity = "low";
  VulnKey k = key_of(v);
  EXPECT_EQ(k.id, "CVE-1");
  EXPECT_EQ(k.aliases, std::vector<std::string>{"GHSA-1"});
  EXPECT_EQ(k.fingerprint, "fp");
  EXPECT_EQ(k.package_name, "a");
  EXPECT_EQ(k.package_version, "1");
  EXPECT_EQ(k.purl, "pkg:npm/a@1");
  EXPECT_EQ(k.path, "p");
  EXPECT_EQ(k.severity, "low");
}

}  // namespace
}  // namespace customs
