#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "vulndb/triage/vex.h"

namespace customs {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(CUSTOMS_TESTDATA) + "/vulndb/triage/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Vulnerability vuln(std::string id, std::vector<std::string> aliases, std::string purl) {
  Vulnerability v;
  v.id = std::move(id);
  v.aliases = std::move(aliases);
  v.purl = std::move(purl);
  return v;
}

constexpr const char* kOpenssl = "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12";
constexpr const char* kXnet = "pkg:golang/golang.org/x/net@v0.15.0";

// The findings of one scan: 0 DH check, 1 openssl 6119, 2 HTTP/2 rapid reset, 3 x/net 45288,
// 4 semver ReDoS, 5 openssl 0727.
std::vector<Vulnerability> findings() {
  return {vuln("CVE-2023-5678", {}, kOpenssl),
          vuln("CVE-2024-6119", {}, kOpenssl),
          vuln("CVE-2023-44487", {"GHSA-qppj-fm5r-hxr3"}, kXnet),
          vuln("CVE-2023-45288", {"GO-2024-2687"}, kXnet),
          vuln("CVE-2022-25883", {"GHSA-c2qf-rxjj-qqgw"}, "pkg:npm/semver@7.5.1"),
          vuln("CVE-2024-0727", {}, kOpenssl)};
}

VexDocument parse(const std::string& bytes, std::string_view name) {
  auto doc = parse_vex(bytes, name);
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().to_string());
  return doc.ok() ? *doc : VexDocument{};
}

TEST(OpenVex, ReadsStatementsAndSkipsAnUnknownStatusWithItsLine) {
  VexDocument doc = parse(read_fixture("openvex.json"), "openvex.json");
  EXPECT_EQ(doc.format, "openvex");
  ASSERT_EQ(doc.statements.size(), 8u);
  const VexStatement& first = doc.statements[0];
  EXPECT_EQ(first.vulnerability, "CVE-2023-5678");
  EXPECT_EQ(first.aliases, std::vector<std::string>{"DSA-5532-1"});
  ASSERT_EQ(first.products.size(), 1u);
  EXPECT_EQ(first.products[0].purl, "pkg:deb/debian/openssl");
  EXPECT_EQ(first.status, VexStatus::kNotAffected);
  EXPECT_EQ(first.justification, "vulnerable_code_not_in_execute_path");
  EXPECT_EQ(first.line, 10);
  EXPECT_EQ(doc.statements[1].action_statement, "Upgrade openssl to 3.0.14-1~deb12u2");
  EXPECT_EQ(doc.statements[4].products[0].subcomponents,
            std::vector<std::string>{"pkg:golang/golang.org/x/net"});
  // The second statement has no timestamp of its own: the document's.
  EXPECT_EQ(doc.statements[1].time, triage::parse_instant("2024-03-01T12:00:00Z"));
  ASSERT_EQ(doc.diagnostics.items().size(), 1u);
  EXPECT_EQ(doc.diagnostics.items()[0].code, "vex.unknown-status");
  EXPECT_EQ(doc.diagnostics.items()[0].where.to_string(), "openvex.json:94");
}

TEST(OpenVex, NotAffectedSuppressesWithItsJustificationAndAffectedDoesNot) {
  VexDocument doc = parse(read_fixture("openvex.json"), "openvex.json");
  auto vulns = findings();
  VexOutcome out = apply_vex(doc, vulns);
  EXPECT_TRUE(vulns[0].suppressed);
  EXPECT_EQ(vulns[0].suppression_kind, "vex");
  EXPECT_EQ(vulns[0].suppression_reason,
            "not_affected: vulnerable_code_not_in_execute_path: The service never calls DH_generate_key or "
            "DH_check_pub_key with untrusted parameters");
  EXPECT_EQ(vulns[0].vex_justification, "vulnerable_code_not_in_execute_path");
  EXPECT_FALSE(vulns[1].suppressed);  // affected
  EXPECT_EQ(vulns[1].vex_justification, "");
  EXPECT_FALSE(vulns[5].suppressed);  // fixed, but the statement names no version
  EXPECT_EQ(out.suppressed, 3u);
}

TEST(OpenVex, TheLatestStatementWinsByTimeNotByPosition) {
  VexDocument doc = parse(read_fixture("openvex.json"), "openvex.json");
  auto vulns = findings();
  VexOutcome out = apply_vex(doc, vulns);
  // affected at 08:00Z beats not_affected at 09:30+02:00 (07:30Z), though that one comes later.
  EXPECT_FALSE(vulns[2].suppressed);
  EXPECT_EQ(out.statements_used, 6u);
  EXPECT_EQ(out.statements_unused, 2u);
  ASSERT_EQ(out.diagnostics.items().size(), 2u);
  EXPECT_EQ(out.diagnostics.items()[0].message,
            "the statement on CVE-2023-44487 (not_affected) is overridden by later statements");
  EXPECT_EQ(out.diagnostics.items()[1].message,
            "the statement on CVE-2021-44228 (not_affected) matches no finding");
  EXPECT_EQ(out.diagnostics.items()[1].where.to_string(), "openvex.json:86");
}

TEST(OpenVex, LaterStatementInTheDocumentOverridesAnEarlierOneOfTheSameTime) {
  const std::string head = R"({"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x", "author": "a",
    "timestamp": "2024-01-01T00:00:00Z", "version": 1, "statements": [)";
  const std::string not_affected = R"({"vulnerability": {"name": "CVE-2023-5678"},
    "products": [{"@id": "pkg:deb/debian/openssl"}], "status": "not_affected", "justification": "component_not_present"})";
  const std::string affected = R"({"vulnerability": {"name": "CVE-2023-5678"},
    "products": [{"@id": "pkg:deb/debian/openssl"}], "status": "affected"})";
  auto vulns = findings();
  apply_vex(parse(head + not_affected + "," + affected + "]}", "a.json"), vulns);
  EXPECT_FALSE(vulns[0].suppressed);
  vulns = findings();
  apply_vex(parse(head + affected + "," + not_affected + "]}", "b.json"), vulns);
  EXPECT_TRUE(vulns[0].suppressed);
  EXPECT_EQ(vulns[0].suppression_reason, "not_affected: component_not_present");
}

TEST(OpenVex, LatestWinsAcrossDocuments) {
  const std::string doc = R"({"@context": "https://openvex.dev/ns/v0.2.0", "timestamp": "%T",
    "statements": [{"vulnerability": {"name": "CVE-2024-6119"}, "products": [{"@id": "pkg:deb/debian/openssl"}],
    "status": "%S", "justification": "inline_mitigations_already_exist"}]})";
  auto make = [&](const std::string& time, const std::string& status) {
    std::string s = doc;
    s.replace(s.find("%T"), 2, time);
    s.replace(s.find("%S"), 2, status);
    return parse(s, status + ".json");
  };
  std::vector<VexDocument> docs = {make("2024-05-01T00:00:00Z", "not_affected"),
                                   make("2024-04-01T00:00:00Z", "affected")};
  auto vulns = findings();
  VexOutcome out = apply_vex(docs, vulns);
  EXPECT_TRUE(vulns[1].suppressed);
  EXPECT_EQ(out.statements_used, 1u);
  EXPECT_EQ(out.statements_unused, 1u);
}

TEST(OpenVex, SubcomponentOfTheArtifactMatchesTheFindingsPackage) {
  VexDocument doc = parse(read_fixture("openvex.json"), "openvex.json");
  auto vulns = findings();
  apply_vex(doc, vulns);
  EXPECT_TRUE(vulns[3].suppressed);
  EXPECT_EQ(
      vulns[3].suppression_reason,
      "not_affected: vulnerable_code_cannot_be_controlled_by_adversary: The HTTP/2 server is only reachable "
      "from the sidecar");

  vulns = findings();
  apply_vex(doc, vulns, {"pkg:oci/app@sha256%3A9f86d0?repository_url=registry.example.com/app"});
  EXPECT_TRUE(vulns[3].suppressed);

  vulns = findings();
  apply_vex(doc, vulns, {"pkg:oci/other@sha256%3A9f86d0?repository_url=registry.example.com/other"});
  EXPECT_FALSE(vulns[3].suppressed);  // a statement about another image
}

TEST(OpenVex, FixedSuppressesOnlyTheVersionItNames) {
  VexDocument doc = parse(read_fixture("openvex.json"), "openvex.json");
  auto vulns = findings();
  apply_vex(doc, vulns);
  EXPECT_TRUE(vulns[4].suppressed);  // named by its GHSA alias, fixed in 7.5.1 as installed
  EXPECT_EQ(vulns[4].suppression_reason, "fixed");

  vulns = findings();
  vulns[4].purl = "pkg:npm/semver@7.5.0";
  apply_vex(doc, vulns);
  EXPECT_FALSE(vulns[4].suppressed);
}

TEST(CycloneDxVex, ResolvesBomRefsBomLinksAndPurls) {
  VexDocument doc = parse(read_fixture("cyclonedx_vex.json"), "bom.cdx.json");
  EXPECT_EQ(doc.format, "cyclonedx");
  ASSERT_EQ(doc.statements.size(), 5u);
  EXPECT_EQ(doc.statements[0].products[0].purl, kOpenssl);
  EXPECT_EQ(doc.statements[1].aliases, std::vector<std::string>{"GHSA-c2qf-rxjj-qqgw"});
  EXPECT_EQ(doc.statements[2].action_statement, "update, workaround_available");
  EXPECT_EQ(doc.statements[3].products[0].purl, kXnet);
  EXPECT_EQ(doc.statements[0].time, triage::parse_instant("2024-04-01T08:00:00Z"));
  EXPECT_EQ(doc.statements[1].time, triage::parse_instant("2024-04-02T10:00:00Z"));
  ASSERT_EQ(doc.diagnostics.items().size(), 3u);
  EXPECT_EQ(doc.diagnostics.items()[0].code, "vex.unknown-ref");
  EXPECT_EQ(doc.diagnostics.items()[1].code, "vex.ref-without-purl");
  EXPECT_EQ(doc.diagnostics.items()[2].code, "vex.no-product");
  EXPECT_EQ(doc.diagnostics.items()[2].where.to_string(), "bom.cdx.json:73");
}

TEST(CycloneDxVex, NotAffectedAndFalsePositiveSuppressExploitableAndInTriageDoNot) {
  VexDocument doc = parse(read_fixture("cyclonedx_vex.json"), "bom.cdx.json");
  auto vulns = findings();
  VexOutcome out = apply_vex(doc, vulns);
  EXPECT_TRUE(vulns[0].suppressed);  // by bom-ref
  EXPECT_EQ(vulns[0].suppression_reason,
            "not_affected: code_not_reachable: DH parameters only come from our own configuration");
  EXPECT_EQ(vulns[0].vex_justification, "code_not_reachable");
  EXPECT_TRUE(vulns[4].suppressed);  // by purl
  EXPECT_EQ(vulns[4].suppression_reason,
            "false_positive: semver is a build-time tool here, never run on input");
  EXPECT_FALSE(vulns[1].suppressed);  // exploitable
  EXPECT_TRUE(vulns[2].suppressed);   // resolved in the installed version, through a BOM-Link
  EXPECT_EQ(vulns[2].suppression_reason, "resolved: protected_by_mitigating_control");
  EXPECT_FALSE(vulns[3].suppressed);  // in_triage
  EXPECT_EQ(out.suppressed, 3u);
  EXPECT_EQ(out.statements_used, 5u);
  EXPECT_EQ(out.statements_unused, 0u);
}

TEST(Vex, NeitherFormatIsAnErrorNamingTheFile) {
  auto doc = parse_vex(R"({"bomFormat": "SPDX", "statements": []})", "mystery.json");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(doc.error().to_string(),
            "mystery.json: neither an OpenVEX document (\"@context\": \"https://openvex.dev/ns/...\") nor a "
            "CycloneDX BOM (\"bomFormat\": \"CycloneDX\"): not a VEX document");
  auto bad = parse_vex("{\n  \"@context\": \n", "broken.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().where.line, 3);
}

TEST(Vex, OldOpenVexDraftsWithPlainStrings) {
  auto doc =
      parse(R"({"@context": "https://openvex.dev/ns", "timestamp": "2023-01-08T18:02:03.647787998-06:00",
    "statements": [{"vulnerability": "CVE-2023-5678", "products": ["pkg:deb/debian/openssl"],
    "status": "not_affected", "justification": "component_not_present"}]})",
            "old.json");
  ASSERT_EQ(doc.statements.size(), 1u);
  EXPECT_EQ(doc.statements[0].vulnerability, "CVE-2023-5678");
  EXPECT_EQ(doc.statements[0].products[0].purl, "pkg:deb/debian/openssl");
  auto t = triage::parse_instant("2023-01-09T00:02:03Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(doc.statements[0].time.seconds, t->seconds);
  EXPECT_EQ(doc.statements[0].time.nanos, 647787998);
}

}  // namespace
}  // namespace customs
