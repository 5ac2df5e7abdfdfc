#include <gtest/gtest.h>

#include "vulndb/triage/ignore_file.h"

namespace customs {
namespace {

Vulnerability vuln(std::string id, std::vector<std::string> aliases, std::string name, std::string purl,
                   std::string path) {
  Vulnerability v;
  v.id = std::move(id);
  v.aliases = std::move(aliases);
  v.package_name = std::move(name);
  v.purl = std::move(purl);
  v.path = std::move(path);
  v.fingerprint = "fp-" + v.id + "-" + v.package_name;
  return v;
}

std::vector<Vulnerability> findings() {
  return {
      vuln("CVE-2023-5678", {"DSA-5532-1"}, "openssl",
           "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12", "var/lib/dpkg/status"),
      vuln("CVE-2022-25883", {"GHSA-c2qf-rxjj-qqgw"}, "semver", "pkg:npm/semver@7.5.1",
           "app/node_modules/semver/package.json"),
      vuln("CVE-2023-44487", {}, "golang.org/x/net", "pkg:golang/golang.org/x/net@v0.15.0",
           "usr/local/bin/app"),
      vuln("CVE-2023-44487", {}, "golang.org/x/net", "pkg:golang/golang.org/x/net@v0.15.0",
           "opt/tools/bin/cli"),
  };
}

IgnoreFile parse(std::string_view yaml) {
  auto file = parse_ignore_file(yaml, ".customsignore.yaml");
  EXPECT_TRUE(file.ok()) << (file.ok() ? "" : file.error().to_string());
  return file.ok() ? *file : IgnoreFile{};
}

TEST(IgnoreFile, ParsesEveryFieldWithTheEntryLine) {
  IgnoreFile f = parse(R"(# accepted risks
ignore:
  - id: CVE-2023-5678
    package: openssl
    purl: pkg:deb/debian/openssl
    path: var/lib/dpkg/*
    fingerprint: 0123abcd
    reason: "not reachable: we never parse untrusted DH parameters"
    expires: 2027-01-31
  - id: CVE-2021-44228
    reason: no log4j here
)");
  ASSERT_EQ(f.entries.size(), 2u);
  const IgnoreEntry& e = f.entries[0];
  EXPECT_EQ(e.id, "CVE-2023-5678");
  EXPECT_EQ(e.package, "openssl");
  EXPECT_EQ(e.purl, "pkg:deb/debian/openssl");
  ASSERT_TRUE(e.purl_parsed.has_value());
  EXPECT_EQ(e.purl_parsed->name, "openssl");
  EXPECT_EQ(e.path, "var/lib/dpkg/*");
  EXPECT_EQ(e.fingerprint, "0123abcd");
  EXPECT_EQ(e.reason, "not reachable: we never parse untrusted DH parameters");
  EXPECT_EQ(e.expires, "2027-01-31");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(f.entries[1].line, 10);
  EXPECT_EQ(f.name, ".customsignore.yaml");
}

TEST(IgnoreFile, EmptyFileAndEmptyListHaveNoEntries) {
  EXPECT_TRUE(parse("").entries.empty());
  EXPECT_TRUE(parse("# nothing yet\n").entries.empty());
  EXPECT_TRUE(parse("ignore:\n").entries.empty());
}

TEST(IgnoreFile, SuppressesById) {
  IgnoreFile f = parse("ignore:\n  - id: CVE-2023-5678\n    reason: not reachable\n");
  auto vulns = findings();
  IgnoreOutcome out = apply_ignore_file(f, vulns, "2024-06-01");
  EXPECT_EQ(out.suppressed, 1u);
  EXPECT_TRUE(vulns[0].suppressed);
  EXPECT_EQ(vulns[0].suppression_kind, "ignore-file");
  EXPECT_EQ(vulns[0].suppression_reason, "not reachable");
  EXPECT_FALSE(vulns[1].suppressed);
  EXPECT_TRUE(out.unused.empty());
  EXPECT_TRUE(out.expired.empty());
  EXPECT_TRUE(out.diagnostics.empty());
}

TEST(IgnoreFile, SuppressesByAliasInAnyCase) {
  IgnoreFile f =
      parse("ignore:\n  - id: ghsa-c2qf-rxjj-qqgw\n    package: semver\n    reason: build-time only\n");
  auto vulns = findings();
  EXPECT_EQ(apply_ignore_file(f, vulns, "2024-06-01").suppressed, 1u);
  EXPECT_TRUE(vulns[1].suppressed);
  EXPECT_EQ(vulns[1].suppression_reason, "build-time only");
}

TEST(IgnoreFile, PackageMustMatchWhenGiven) {
  IgnoreFile f = parse("ignore:\n  - id: CVE-2023-5678\n    package: libssl3\n    reason: r\n");
  auto vulns = findings();
  IgnoreOutcome out = apply_ignore_file(f, vulns, "2024-06-01");
  EXPECT_EQ(out.suppressed, 0u);
  EXPECT_EQ(out.unused, std::vector<size_t>{0});
}

TEST(IgnoreFile, PurlMatchesIgnoringVersionAndQualifiersUnlessGiven) {
  IgnoreFile f = parse(R"(ignore:
  - id: CVE-2023-5678
    purl: pkg:deb/debian/openssl
    reason: any version
  - id: CVE-2023-5678
    purl: pkg:deb/debian/openssl@3.0.9-1
    reason: another version
  - id: CVE-2023-5678
    purl: pkg:deb/debian/openssl?arch=arm64
    reason: another arch
  - id: CVE-2023-5678
    purl: pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12
    reason: this build
)");
  auto vulns = findings();
  IgnoreOutcome out = apply_ignore_file(f, vulns, "2024-06-01");
  EXPECT_EQ(out.suppressed, 1u);
  EXPECT_EQ(vulns[0].suppression_reason, "any version");
  EXPECT_EQ(out.unused, (std::vector<size_t>{1, 2}));
}

TEST(IgnoreFile, PathGlobStaysInItsDirectoryAndCoversWhatIsUnder) {
  IgnoreFile f = parse(R"(ignore:
  - id: CVE-2023-44487
    path: /usr/local/bin/*
    reason: internal service only
  - id: CVE-2022-25883
    path: app/node_modules/*
    reason: whole tree
)");
  auto vulns = findings();
  IgnoreOutcome out = apply_ignore_file(f, vulns, "2024-06-01");
  EXPECT_EQ(out.suppressed, 2u);
  EXPECT_TRUE(vulns[2].suppressed);   // usr/local/bin/app
  EXPECT_FALSE(vulns[3].suppressed);  // opt/tools/bin/cli
  EXPECT_TRUE(vulns[1].suppressed);   // app/node_modules/semver/package.json, under app/node_modules/semver
}

TEST(IgnoreFile, FingerprintSelectsOneFinding) {
  IgnoreFile f = parse(
      "ignore:\n  - id: CVE-2023-44487\n    fingerprint: nope\n    reason: r\n"
      "  - id: CVE-2023-44487\n    fingerprint: fp-CVE-2023-44487-golang.org/x/net\n    reason: r2\n");
  auto vulns = findings();
  IgnoreOutcome out = apply_ignore_file(f, vulns, "2024-06-01");
  EXPECT_EQ(out.suppressed, 2u);  // both x/net findings share the test fingerprint
  EXPECT_EQ(out.unused, std::vector<size_t>{0});
}

TEST(IgnoreFile, ExpiredEntryIsReportedWithItsLineAndNotApplied) {
  IgnoreFile f = parse(R"(ignore:
  - id: CVE-2023-5678
    reason: waiting for the vendor
    expires: 2024-05-31
  - id: CVE-2022-25883
    reason: last day
    expires: 2024-06-01
)");
  auto vulns = findings();
  IgnoreOutcome out = apply_ignore_file(f, vulns, "2024-06-01");
  EXPECT_FALSE(vulns[0].suppressed);
  EXPECT_TRUE(vulns[1].suppressed);
  EXPECT_EQ(out.suppressed, 1u);
  EXPECT_EQ(out.expired, std::vector<size_t>{0});
  EXPECT_TRUE(out.unused.empty());
  ASSERT_EQ(out.diagnostics.items().size(), 1u);
  const Diagnostic& d = out.diagnostics.items()[0];
  EXPECT_EQ(d.code, "ignore.expired");
  EXPECT_EQ(d.where.to_string(), ".customsignore.yaml:2");
  EXPECT_EQ(d.message, "the ignore entry for CVE-2023-5678 expired on 2024-05-31 and no longer applies");
}

TEST(IgnoreFile, UnusedEntryIsReportedWithItsLine) {
  IgnoreFile f =
      parse("ignore:\n  - id: CVE-2023-5678\n    reason: r\n  - id: CVE-2021-44228\n    reason: no log4j\n");
  auto vulns = findings();
  IgnoreOutcome out = apply_ignore_file(f, vulns, "2024-06-01");
  EXPECT_EQ(out.unused, std::vector<size_t>{1});
  ASSERT_EQ(out.diagnostics.items().size(), 1u);
  EXPECT_EQ(out.diagnostics.items()[0].code, "ignore.unused");
  EXPECT_EQ(out.diagnostics.items()[0].where.to_string(), ".customsignore.yaml:4");
  EXPECT_EQ(out.diagnostics.items()[0].message,
            "the ignore entry for CVE-2021-44228 matches no vulnerability");
}

TEST(IgnoreFile, AlreadySuppressedFindingKeepsItsFirstReasonButUsesTheEntry) {
  IgnoreFile f = parse("ignore:\n  - id: CVE-2023-5678\n    reason: second\n");
  auto vulns = findings();
  vulns[0].suppressed = true;
  vulns[0].suppression_kind = "vex";
  vulns[0].suppression_reason = "first";
  IgnoreOutcome out = apply_ignore_file(f, vulns, "2024-06-01");
  EXPECT_EQ(out.suppressed, 0u);
  EXPECT_TRUE(out.unused.empty());
  EXPECT_EQ(vulns[0].suppression_reason, "first");
}

std::string error_of(std::string_view yaml) {
  auto f = parse_ignore_file(yaml, "ig.yaml");
  EXPECT_FALSE(f.ok());
  return f.ok() ? "" : f.error().to_string();
}

TEST(IgnoreFile, MalformedYamlNamesItsLine) {
  EXPECT_EQ(error_of("ignore:\n  - id: CVE-1\n   reason: misaligned\n"),
            "ig.yaml:3:4: malformed YAML: end of sequence not found");
  EXPECT_EQ(error_of("ignore:\n  - id: [CVE-1\n"),
            "ig.yaml:3:1: malformed YAML: end of sequence flow not found");
}

TEST(IgnoreFile, MissingIdOrReasonIsAnErrorAtTheEntry) {
  EXPECT_EQ(error_of("ignore:\n  - reason: r\n"), "ig.yaml:2:5: an ignore entry without 'id'");
  EXPECT_EQ(error_of("ignore:\n  - id: CVE-2023-1\n    reason: r\n  - id: CVE-2023-2\n    package: x\n"),
            "ig.yaml:4:5: the ignore entry for CVE-2023-2 has no 'reason': say why it is accepted");
}

TEST(IgnoreFile, WrongTypesUnknownKeysBadDatesAndPurlsAreErrors) {
  EXPECT_EQ(error_of("ignore:\n  - id: [a, b]\n    reason: r\n"),
            "ig.yaml:2:9: 'id' must be a non-empty string");
  EXPECT_EQ(error_of("ignore:\n  - id: CVE-1\n    reason:\n"),
            "ig.yaml:3:5: 'reason' must be a non-empty string");
  EXPECT_EQ(error_of("ignore:\n  - id: CVE-1\n    reasn: r\n"),
            "ig.yaml:3:5: unknown key 'reasn' in an ignore entry (did you mean 'reason'?)");
  EXPECT_EQ(error_of("ignore:\n  - id: CVE-1\n    reason: r\n    expires: 2024-02-30\n"),
            "ig.yaml:4:14: 'expires' must be a date written YYYY-MM-DD, not '2024-02-30'");
  EXPECT_EQ(error_of("ignore:\n  - id: CVE-1\n    reason: r\n    expires: 31/01/2027\n"),
            "ig.yaml:4:14: 'expires' must be a date written YYYY-MM-DD, not '31/01/2027'");
  EXPECT_EQ(error_of("ignore:\n  - id: CVE-1\n    reason: r\n    purl: openssl\n"),
            "ig.yaml:4:11: invalid package URL 'openssl': it does not start with \"pkg:\"");
  EXPECT_EQ(error_of("ignore:\n  - CVE-1\n"),
            "ig.yaml:2:5: each entry of 'ignore' must be a mapping with id and reason");
  EXPECT_EQ(error_of("ignore: CVE-1\n"), "ig.yaml:1:1: 'ignore' must be a list of entries");
  EXPECT_EQ(error_of("ignores: []\n"), "ig.yaml:1:1: unknown key 'ignores' (expected 'ignore')");
  EXPECT_EQ(error_of("- id: CVE-1\n"),
            "ig.yaml:1:1: the ignore file must be a mapping with an 'ignore' list");
}

TEST(IgnoreFile, HostileNestingIsRefusedBeforeParsing) {
  auto deep = parse_ignore_file("ignore: " + std::string(5000, '['), "ig.yaml");
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error().kind, ErrorKind::kLimit);
  std::string dashes = "ignore:\n";
  for (int i = 0; i < 40; ++i) dashes += "- ";
  auto block = parse_ignore_file(dashes + "x\n", "ig.yaml");
  ASSERT_FALSE(block.ok());
  EXPECT_EQ(block.error().kind, ErrorKind::kLimit);
  std::string indented;
  for (int i = 0; i < 40; ++i) indented += std::string(i, ' ') + "k" + std::to_string(i) + ":\n";
  auto maps = parse_ignore_file(indented, "ig.yaml");
  ASSERT_FALSE(maps.ok());
  EXPECT_EQ(maps.error().kind, ErrorKind::kLimit);
}

}  // namespace
}  // namespace customs
