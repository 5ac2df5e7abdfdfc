// parse_osv_json / parse_osv_yaml on real records (tests/testdata/vulndb/osv, CC-BY-4.0) and on
// malformed input.
#include "vulndb/import/osv.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace customs {
namespace {

using Kind = RangeEvent::Kind;

std::string read_testdata(const std::string& file) {
  std::ifstream in(std::string(CUSTOMS_TESTDATA) + "/vulndb/osv/" + file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The one advisory of a file that must parse without diagnostics.
Advisory parse_file(const std::string& file) {
  Diagnostics diags;
  std::string bytes = read_testdata(file);
  bool yaml = file.ends_with(".yaml");
  Result<FeedBatch> batch = yaml ? parse_osv_yaml(bytes, file, diags) : parse_osv_json(bytes, file, diags);
  EXPECT_TRUE(batch.ok()) << (batch.ok() ? "" : batch.error().to_string());
  EXPECT_TRUE(diags.empty()) << (diags.empty() ? "" : diags.items()[0].message);
  if (!batch.ok() || batch->advisories.size() != 1) {
    ADD_FAILURE() << file << ": expected one advisory";
    return {};
  }
  return batch->advisories[0];
}

std::vector<std::pair<Kind, std::string>> events_of(const AffectedRange& r) {
  std::vector<std::pair<Kind, std::string>> out;
  for (const RangeEvent& e : r.events) out.emplace_back(e.kind, e.version);
  return out;
}

std::vector<std::string> codes(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.items()) out.push_back(d.code);
  return out;
}

TEST(OsvImport, GoRecordHasStdlibAndModuleWithTheirRanges) {
  Advisory a = parse_file("GO-2022-0288.json");
  EXPECT_EQ(a.id, "GO-2022-0288");
  EXPECT_EQ(a.source, "osv");
  EXPECT_EQ(a.aliases, (std::vector<std::string>{"CVE-2021-44716", "GHSA-vc3p-29h2-gpcp"}));
  EXPECT_EQ(a.summary, "Unbounded memory growth in net/http and golang.org/x/net/http2");
  EXPECT_EQ(a.details, "An attacker can cause unbounded memory growth in servers accepting HTTP/2 requests.");
  EXPECT_EQ(a.published, "2022-07-15T23:08:33Z");
  EXPECT_EQ(a.modified, "0001-01-01T00:00:00Z");
  EXPECT_EQ(a.withdrawn, "");
  EXPECT_TRUE(a.severities.empty());
  ASSERT_EQ(a.affected.size(), 2u);
  EXPECT_EQ(a.affected[0].ecosystem, "Go");
  EXPECT_EQ(a.affected[0].package, "stdlib");
  EXPECT_EQ(a.affected[0].state, FixState::kAffected);
  ASSERT_EQ(a.affected[0].ranges.size(), 1u);
  EXPECT_EQ(a.affected[0].ranges[0].type, "SEMVER");
  EXPECT_EQ(events_of(a.affected[0].ranges[0]), (std::vector<std::pair<Kind, std::string>>{
                                                    {Kind::kIntroduced, "0"},
                                                    {Kind::kFixed, "1.16.12"},
                                                    {Kind::kIntroduced, "1.17.0-0"},
                                                    {Kind::kFixed, "1.17.5"},
                                                }));
  EXPECT_EQ(a.affected[1].package, "golang.org/x/net");
  ASSERT_EQ(a.affected[1].ranges.size(), 1u);
  EXPECT_EQ(events_of(a.affected[1].ranges[0]), (std::vector<std::pair<Kind, std::string>>{
                                                    {Kind::kIntroduced, "0"},
                                                    {Kind::kFixed, "0.0.0-20211209124913-491a49abca63"},
                                                }));
  EXPECT_EQ(a.references,
            (std::vector<std::string>{"https://go.dev/cl/369794", "https://go.dev/issue/50058",
                                      "https://groups.google.com/g/golang-announce/c/hcmEScgc00k"}));
}

TEST(OsvImport, GoToolchainPackageKeepsItsName) {
  Advisory a = parse_file("GO-2021-0068.json");
  ASSERT_EQ(a.affected.size(), 1u);
  EXPECT_EQ(a.affected[0].ecosystem, "Go");
  EXPECT_EQ(a.affected[0].package, "toolchain");
  ASSERT_EQ(a.affected[0].ranges.size(), 1u);
  EXPECT_EQ(a.affected[0].ranges[0].events.size(), 4u);
  EXPECT_EQ(a.affected[0].ranges[0].events[3].version, "1.15.7");
}

TEST(OsvImport, WithdrawnRecordIsReturnedWithItsDate) {
  Advisory a = parse_file("GO-2024-2730.json");
  EXPECT_EQ(a.id, "GO-2024-2730");
  EXPECT_EQ(a.withdrawn, "2024-04-17T18:06:23Z");
  EXPECT_EQ(a.related, (std::vector<std::string>{"CVE-2024-3400"}));
  EXPECT_TRUE(a.aliases.empty());
  ASSERT_EQ(a.affected.size(), 1u);
  EXPECT_EQ(a.affected[0].package, "github.com/gorilla/sessions");
  ASSERT_EQ(a.affected[0].ranges.size(), 1u);
  EXPECT_EQ(events_of(a.affected[0].ranges[0]),
            (std::vector<std::pair<Kind, std::string>>{{Kind::kIntroduced, "0"}}));
}

TEST(OsvImport, GhsaRecordRatesItsVectorsAndWordAsGhsa) {
  Advisory a = parse_file("GHSA-qwcr-r2fm-qrc7.json");
  ASSERT_EQ(a.severities.size(), 3u);
  EXPECT_EQ(a.severities[0].source, "ghsa");
  EXPECT_EQ(a.severities[0].type, "CVSS_V3");
  EXPECT_EQ(a.severities[0].vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
  EXPECT_FALSE(a.severities[0].score.has_value());
  EXPECT_EQ(a.severities[1].type, "CVSS_V4");
  EXPECT_EQ(a.severities[1].vector, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N");
  EXPECT_EQ(a.severities[2].source, "ghsa");
  EXPECT_EQ(a.severities[2].type, "text");
  EXPECT_EQ(a.severities[2].vector, "");
  EXPECT_EQ(a.severities[2].label, "HIGH");
  ASSERT_EQ(a.affected.size(), 1u);
  EXPECT_EQ(a.affected[0].ecosystem, "npm");
  EXPECT_EQ(a.affected[0].package, "body-parser");
  EXPECT_EQ(a.affected[0].purl, "");
  EXPECT_EQ(a.affected[0].ranges[0].type, "ECOSYSTEM");
  EXPECT_EQ(a.affected[0].ranges[0].events[1].version, "1.20.3");
  EXPECT_EQ(a.references.size(), 3u);
}

TEST(OsvImport, LastAffectedEventsKeepTheirKind) {
  Advisory a = parse_file("GHSA-29mw-wpgm-hmr9.json");
  ASSERT_EQ(a.affected.size(), 4u);
  EXPECT_EQ(a.affected[2].package, "lodash.trimend");
  ASSERT_EQ(a.affected[2].ranges.size(), 1u);
  EXPECT_EQ(
      events_of(a.affected[2].ranges[0]),
      (std::vector<std::pair<Kind, std::string>>{{Kind::kIntroduced, "0"}, {Kind::kLastAffected, "4.5.1"}}));
  ASSERT_EQ(a.severities.size(), 2u);
  EXPECT_EQ(a.severities[1].label, "MODERATE");
  EXPECT_EQ(a.references.size(), 18u);
}

TEST(OsvImport, PysecYamlRecordWithVersionsList) {
  Advisory a = parse_file("PYSEC-2022-42969.yaml");
  EXPECT_EQ(a.id, "PYSEC-2022-42969");
  EXPECT_EQ(a.aliases, (std::vector<std::string>{"CVE-2022-42969", "GHSA-w596-4wvx-j9j6"}));
  EXPECT_EQ(a.modified, "2022-11-04T11:00:00Z");
  EXPECT_EQ(a.published, "2022-11-04T11:00:00Z");
  EXPECT_TRUE(
      a.details.starts_with("The py library through 1.11.0 for Python allows remote attackers to conduct"));
  ASSERT_EQ(a.affected.size(), 1u);
  const Affected& py = a.affected[0];
  EXPECT_EQ(py.ecosystem, "PyPI");
  EXPECT_EQ(py.package, "py");
  EXPECT_EQ(py.purl, "pkg:pypi/py");
  ASSERT_EQ(py.ranges.size(), 1u);
  EXPECT_EQ(events_of(py.ranges[0]), (std::vector<std::pair<Kind, std::string>>{
                                         {Kind::kIntroduced, "0"}, {Kind::kLastAffected, "1.11.0"}}));
  ASSERT_EQ(py.versions.size(), 65u);
  EXPECT_EQ(py.versions.front(), "0.8.0-alpha2");
  EXPECT_EQ(py.versions[62], "1.9.0");
  EXPECT_EQ(py.versions[63], "1.10.0");
  EXPECT_EQ(py.versions.back(), "1.11.0");
  EXPECT_EQ(a.references.size(), 5u);
  EXPECT_EQ(a.references[2], "https://github.com/pytest-dev/py/issues/287");
}

TEST(OsvImport, PysecYamlGitRangesKeepTheirRepo) {
  Advisory a = parse_file("PYSEC-2024-6.yaml");
  EXPECT_EQ(a.modified, "2024-01-19T22:21:07.454006Z");
  ASSERT_EQ(a.severities.size(), 1u);
  EXPECT_EQ(a.severities[0].source, "osv");
  EXPECT_EQ(a.severities[0].vector, "CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N");
  ASSERT_EQ(a.affected.size(), 1u);
  const Affected& pkg = a.affected[0];
  ASSERT_EQ(pkg.ranges.size(), 3u);
  EXPECT_EQ(pkg.ranges[0].type, "GIT");
  EXPECT_EQ(pkg.ranges[0].repo, "https://github.com/casework/CASE-Utilities-Python");
  EXPECT_EQ(pkg.ranges[0].events.size(), 11u);
  EXPECT_EQ(pkg.ranges[0].events[1].version, "00864cd12de7c50d882dd1a74915d32e939c25f9");
  EXPECT_EQ(pkg.ranges[1].repo, "https://github.com/Cyber-Domain-Ontology/CDO-Utility-Local-UUID");
  EXPECT_EQ(pkg.ranges[2].type, "ECOSYSTEM");
  EXPECT_EQ(pkg.ranges[2].repo, "");
  EXPECT_EQ(events_of(pkg.ranges[2]), (std::vector<std::pair<Kind, std::string>>{{Kind::kIntroduced, "0"}}));
  EXPECT_EQ(pkg.versions, (std::vector<std::string>{"0.4.0", "0.5.0"}));
  EXPECT_EQ(a.references.size(), 15u);
}

TEST(OsvImport, LimitEventsAreKept) {
  Advisory a = parse_file("LIMIT-EXAMPLE-1.json");
  ASSERT_EQ(a.affected.size(), 1u);
  ASSERT_EQ(a.affected[0].ranges.size(), 2u);
  EXPECT_EQ(events_of(a.affected[0].ranges[0]),
            (std::vector<std::pair<Kind, std::string>>{
                {Kind::kIntroduced, "0"},
                {Kind::kFixed, "3f1c2a9be0d4c07e3b1b0c5f8a4a1e2d9c6b7a80"},
                {Kind::kLimit, "refs/heads/release-1.x"},
            }));
  EXPECT_EQ(a.affected[0].ranges[1].events[1].kind, Kind::kLimit);
  EXPECT_EQ(a.affected[0].ranges[1].events[1].version, "refs/heads/main");
}

// A record whose affected package has the given ranges (JSON text of the "ranges" array).
std::string record_with_ranges(const std::string& ranges) {
  return R"({"id": "TEST-1", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm",
      "name": "left-pad"}, "ranges": )" +
         ranges + "}]}";
}

TEST(OsvImportErrors, TruncatedJsonIsAnErrorWithItsLine) {
  Diagnostics diags;
  std::string bytes = read_testdata("GO-2022-0288.json").substr(0, 300);
  Result<FeedBatch> batch = parse_osv_json(bytes, "GO-2022-0288.json", diags);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(batch.error().where.file, "GO-2022-0288.json");
  EXPECT_EQ(batch.error().where.line, 11);  // the cut is inside "details": just after its 21st byte
  EXPECT_EQ(batch.error().where.column, 22);
  EXPECT_TRUE(batch.error().message.starts_with("not valid JSON: ")) << batch.error().message;
}

TEST(OsvImportErrors, MissingIdIsAnError) {
  Diagnostics diags;
  Result<FeedBatch> batch =
      parse_osv_json(R"({"modified": "2024-01-01T00:00:00Z", "summary": "x"})", "a.json", diags);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(batch.error().message, "OSV record has no id");
  EXPECT_EQ(batch.error().where.file, "a.json");
}

TEST(OsvImportErrors, MissingIdInYamlNamesTheLine) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_yaml("\nsummary: x\nmodified: 2024-01-01T00:00:00Z\n", "a.yaml", diags);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().message, "OSV record has no id");
  EXPECT_EQ(batch.error().where.line, 2);
}

TEST(OsvImportErrors, EventWithTwoKindsSkipsItsRangeOnly) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_json(
      record_with_ranges(R"([{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1.0.0"}]},
                             {"type": "SEMVER", "events": [{"introduced": "2.0.0"}, {"fixed": "2.1.0"}]}])"),
      "a.json", diags);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->advisories.size(), 1u);
  const Affected& pkg = batch->advisories[0].affected.at(0);
  ASSERT_EQ(pkg.ranges.size(), 1u);
  EXPECT_EQ(pkg.ranges[0].events[0].version, "2.0.0");
  ASSERT_EQ(codes(diags), (std::vector<std::string>{"osv.bad-event"}));
  EXPECT_EQ(
      diags.items()[0].message,
      "affected[0].ranges[0].events[0]: an event must have exactly one of introduced, fixed, last_affected, "
      "limit; range skipped");
  EXPECT_EQ(diags.items()[0].where.file, "a.json");
}

TEST(OsvImportErrors, RangeWithoutIntroducedIsSkipped) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_json(
      record_with_ranges(R"([{"type": "ECOSYSTEM", "events": [{"fixed": "1.0.0"}]}])"), "a.json", diags);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->advisories[0].affected.at(0).ranges.empty());
  ASSERT_EQ(codes(diags), (std::vector<std::string>{"osv.no-introduced"}));
  EXPECT_EQ(diags.items()[0].message, "affected[0].ranges[0]: range has no introduced event; skipped");
}

TEST(OsvImportErrors, EventWithoutAKindOrWithANumberIsBad) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_json(
      record_with_ranges(R"([{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixd": "1.0"}]},
                             {"type": "SEMVER", "events": [{"introduced": 1.10}]}])"),
      "a.json", diags);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->advisories[0].affected.at(0).ranges.empty());
  ASSERT_EQ(codes(diags), (std::vector<std::string>{"osv.bad-event", "osv.bad-event"}));
  EXPECT_EQ(diags.items()[1].message,
            "affected[0].ranges[1].events[0]: event introduced must be a string; range skipped");
}

TEST(OsvImportErrors, UnknownRangeTypesAndFieldsAreKeptOrIgnored) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_json(record_with_ranges(R"([{"type": "BAZEL", "x-new": [1, {"a": null}],
                              "events": [{"introduced": "0", "x-note": "n"}, {"fixed": "5"}]}])"),
                                           "a.json", diags);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(diags.empty());
  const AffectedRange& r = batch->advisories[0].affected.at(0).ranges.at(0);
  EXPECT_EQ(r.type, "BAZEL");
  EXPECT_EQ(events_of(r),
            (std::vector<std::pair<Kind, std::string>>{{Kind::kIntroduced, "0"}, {Kind::kFixed, "5"}}));
}

TEST(OsvImportErrors, JsonNestedDeeperThan64IsRefusedWithItsPlace) {
  Diagnostics diags;
  std::string bytes =
      R"({"id": "X", "database_specific": )" + std::string(70, '[') + std::string(70, ']') + "}";
  Result<FeedBatch> batch = parse_osv_json(bytes, "deep.json", diags);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(batch.error().message, "JSON nested deeper than 64 levels");
  EXPECT_EQ(batch.error().where.line, 1);
  EXPECT_EQ(batch.error().where.column, 33 + 64);
}

TEST(OsvImportErrors, YamlNestedDeeperThan64IsRefused) {
  Diagnostics diags;
  std::string bytes = "id: X\ndatabase_specific: " + std::string(100, '[') + std::string(100, ']') + "\n";
  Result<FeedBatch> batch = parse_osv_yaml(bytes, "deep.yaml", diags);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(batch.error().message, "YAML nested deeper than 64 levels");
  EXPECT_EQ(batch.error().where.line, 2);
}

TEST(OsvImportErrors, YamlAliasExpansionIsBounded) {
  std::string bytes = "id: X\na: &a [x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c, ++prev)
    bytes +=
        std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_yaml(bytes, "bomb.yaml", diags);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(batch.error().message, "YAML aliases expand to more nodes than the document holds");
}

TEST(OsvImportErrors, InputOver64MiBIsRefused) {
  Diagnostics diags;
  std::string bytes((size_t{64} << 20) + 1, ' ');
  Result<FeedBatch> batch = parse_osv_json(bytes, "big.json", diags);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(batch.error().message, "OSV input of 67108865 bytes is over the 64 MiB limit");
  EXPECT_EQ(batch.error().where.file, "big.json");
}

TEST(OsvImportYaml, FloatLookingVersionsKeepTheirText) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_yaml(R"(id: PYSEC-TEST-1
modified: 2024-01-01T00:00:00Z
affected:
- package: {ecosystem: PyPI, name: demo}
  ranges:
  - type: ECOSYSTEM
    events:
    - introduced: 1.0
    - fixed: 1.10
  versions: [1.0, 1.10, 2.00]
)",
                                           "demo.yaml", diags);
  ASSERT_TRUE(batch.ok()) << batch.error().to_string();
  EXPECT_TRUE(diags.empty());
  const Affected& pkg = batch->advisories.at(0).affected.at(0);
  EXPECT_EQ(events_of(pkg.ranges.at(0)),
            (std::vector<std::pair<Kind, std::string>>{{Kind::kIntroduced, "1.0"}, {Kind::kFixed, "1.10"}}));
  EXPECT_EQ(pkg.versions, (std::vector<std::string>{"1.0", "1.10", "2.00"}));
}

TEST(OsvImportYaml, WrongTypesAreDiagnosedAtTheirLine) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_yaml("id: X\naliases:\n  nested: map\nsummary: [a]\n", "t.yaml", diags);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->advisories[0].aliases.empty());
  EXPECT_EQ(batch->advisories[0].summary, "");
  ASSERT_EQ(codes(diags), (std::vector<std::string>{"osv.wrong-type", "osv.wrong-type"}));
  EXPECT_EQ(diags.items()[0].message, "aliases: expected a list, found an object; ignored");
  EXPECT_EQ(diags.items()[0].where.line, 3);
  EXPECT_EQ(diags.items()[1].where.line, 4);
}

TEST(OsvImportErrors, NotARecordIsAnError) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_yaml("just a line\n", "t.yaml", diags);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().message, "an OSV record is an object, found a string");
}

TEST(OsvImportArray, EachRecordOfAListIsRead) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_json(
      R"([{"id": "A-1"}, {"summary": "no id"}, {"id": "A-3", "withdrawn": "2024-01-01T00:00:00Z"}])",
      "all.json", diags);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->advisories.size(), 2u);
  EXPECT_EQ(batch->advisories[0].id, "A-1");
  EXPECT_EQ(batch->advisories[1].id, "A-3");
  EXPECT_EQ(batch->advisories[1].withdrawn, "2024-01-01T00:00:00Z");
  ASSERT_EQ(codes(diags), (std::vector<std::string>{"osv.bad-record"}));
  EXPECT_EQ(diags.items()[0].level, DiagLevel::kError);
  EXPECT_EQ(diags.items()[0].message, "[1]: OSV record has no id; skipped");
}

TEST(OsvImportArray, EmptyListIsAWarningNotASilentEmptyResult) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_json("[]", "all.json", diags);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->advisories.empty());
  EXPECT_EQ(codes(diags), (std::vector<std::string>{"osv.empty"}));
}

TEST(OsvImportSeverity, UbuntuAndDebianPackageSeverities) {
  Diagnostics diags;
  Result<FeedBatch> batch = parse_osv_json(R"({
    "id": "UBUNTU-CVE-2024-0001", "modified": "2024-01-01T00:00:00Z",
    "severity": [{"type": "Ubuntu", "score": "medium"},
                 {"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
    "affected": [
      {"package": {"ecosystem": "Ubuntu:22.04:LTS", "name": "openssl"},
       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.2-0ubuntu1.15"}]}],
       "ecosystem_specific": {"binaries": [{"openssl": "3.0.2-0ubuntu1.14"}], "severity": "low"}},
      {"package": {"ecosystem": "Debian:12", "name": "openssl"},
       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}],
       "ecosystem_specific": {"urgency": "unimportant"},
       "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}]},
      {"package": {"ecosystem": "Foo", "name": "bar"}, "versions": ["1"],
       "severity": [{"type": "Ubuntu", "score": "high"}, {"type": "CVSS_V2", "score": "AV:N/AC:L/Au:N/C:P/I:N/A:N"}]}
    ]})",
                                           "u.json", diags);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(diags.empty());
  const Advisory& a = batch->advisories[0];
  ASSERT_EQ(a.severities.size(), 3u);
  EXPECT_EQ(a.severities[0].source, "ubuntu");
  EXPECT_EQ(a.severities[0].type, "text");
  EXPECT_EQ(a.severities[0].label, "medium");
  EXPECT_EQ(a.severities[1].source, "osv");
  EXPECT_EQ(a.severities[1].type, "CVSS_V3");
  EXPECT_EQ(a.severities[2].type, "CVSS_V2");  // per package, added once
  EXPECT_EQ(a.severities[2].vector, "AV:N/AC:L/Au:N/C:P/I:N/A:N");
  ASSERT_EQ(a.affected.size(), 3u);
  EXPECT_EQ(a.affected[0].ecosystem, "Ubuntu:22.04:LTS");
  EXPECT_EQ(a.affected[0].severity_label, "low");
  EXPECT_EQ(a.affected[1].severity_label, "unimportant");
  EXPECT_EQ(a.affected[2].severity_label, "high");
  EXPECT_EQ(a.affected[2].versions, (std::vector<std::string>{"1"}));
}

TEST(OsvImportSeverity, SeverityWithoutScoreIsDiagnosed) {
  Diagnostics diags;
  Result<FeedBatch> batch =
      parse_osv_json(R"({"id": "X-1", "severity": [{"type": "CVSS_V3"}]})", "s.json", diags);
  ASSERT_TRUE(batch.ok());
  EXPECT_TRUE(batch->advisories[0].severities.empty());
  ASSERT_EQ(codes(diags), (std::vector<std::string>{"osv.bad-severity"}));
  EXPECT_EQ(diags.items()[0].message, "severity[0]: severity needs a type and a score; ignored");
}

}  // namespace
}  // namespace customs
