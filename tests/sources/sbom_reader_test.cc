#include "sources/sbom/sbom_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace customs {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(CUSTOMS_TESTDATA) + "/sbom/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const Package* find(const Inventory& inv, const std::string& name) {
  for (const Package& p : inv.packages)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<std::string> purls(const Inventory& inv) {
  std::vector<std::string> out;
  for (const Package& p : inv.packages) out.push_back(p.purl);
  return out;
}

std::vector<std::string> codes(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(x.code + ": " + x.message);
  return out;
}

const std::vector<std::string> kApkPurls = {
    "pkg:apk/alpine/busybox@1.36.1-r2?arch=x86_64&distro=3.18.4",
    "pkg:apk/alpine/libcrypto3@3.1.3-r0?arch=x86_64&distro=3.18.4",
    "pkg:apk/alpine/libssl3@3.1.3-r0?arch=x86_64&distro=3.18.4",
    "pkg:apk/alpine/musl@1.2.4-r1?arch=x86_64&distro=3.18.4",
    "pkg:apk/alpine/zlib@1.2.13-r1?arch=x86_64&distro=3.18.4",
};

TEST(SbomReader, ReadsTrivyCycloneDxOfAnAlpineImage) {
  Diagnostics diags;
  auto inv = read_sbom(fixture("trivy-0.44-apk.cdx.json"), "apk.cdx.json", &diags);
  ASSERT_TRUE(inv.ok()) << inv.error().to_string();
  EXPECT_EQ(purls(*inv), kApkPurls);
  EXPECT_TRUE(diags.empty()) << codes(diags).front();
  ASSERT_TRUE(inv->os.has_value());
  EXPECT_EQ(inv->os->id, "alpine");
  EXPECT_EQ(inv->os->version_id, "3.18.4");
  EXPECT_EQ(inv->target_kind, "sbom");
  EXPECT_EQ(inv->name, "/var/tmp/lab/images/apk.docker.tar");
  const Package* ssl = find(*inv, "libssl3");
  ASSERT_NE(ssl, nullptr);
  EXPECT_EQ(ssl->type, PackageType::kApk);
  EXPECT_EQ(ssl->namespace_, "");
  EXPECT_EQ(ssl->version, "3.1.3-r0");
  EXPECT_EQ(ssl->arch, "x86_64");
  EXPECT_EQ(ssl->source_name, "openssl");
  EXPECT_EQ(ssl->source_version, "");
  EXPECT_EQ(ssl->licenses, std::vector<std::string>{"Apache-2.0"});
  EXPECT_EQ(ssl->layer_digest, "sha256:00ad0478299b8b00cfe651dcc2fb75c8ea8cd3f47b08bd6355ce3a9b8774aa1e");
  EXPECT_EQ(ssl->depends_on, std::vector<std::string>{"pkg:apk/libcrypto3@3.1.3-r0"});
  EXPECT_EQ(ssl->path, "apk.cdx.json");
  EXPECT_EQ(ssl->cataloger, "sbom-cyclonedx");
  EXPECT_EQ(ssl->ref, "pkg:apk/alpine/libssl3@3.1.3-r0?arch=x86_64&distro=3.18.4");
}

TEST(SbomReader, ReadsTrivySpdxOfAnAlpineImage) {
  Diagnostics diags;
  auto inv = read_sbom(fixture("trivy-0.44-apk.spdx.json"), "apk.spdx.json", &diags);
  ASSERT_TRUE(inv.ok()) << inv.error().to_string();
  EXPECT_EQ(purls(*inv), kApkPurls);
  EXPECT_TRUE(diags.empty()) << codes(diags).front();
  ASSERT_TRUE(inv->os.has_value());
  EXPECT_EQ(inv->os->id, "alpine");
  EXPECT_EQ(inv->os->version_id, "3.18.4");
  const Package* busybox = find(*inv, "busybox");
  ASSERT_NE(busybox, nullptr);
  EXPECT_EQ(busybox->licenses, std::vector<std::string>{"GPL-2.0-only"});
  EXPECT_EQ(busybox->supplier, "");
  EXPECT_EQ(find(*inv, "libcrypto3")->source_name, "openssl");
  EXPECT_EQ(busybox->cataloger, "sbom-spdx");
}

TEST(SbomReader, ReadsTrivyCycloneDxOfARockyImage) {
  auto inv = read_sbom(fixture("trivy-0.44-rpm.cdx.json"), "rpm.cdx.json");
  ASSERT_TRUE(inv.ok()) << inv.error().to_string();
  EXPECT_EQ(purls(*inv), (std::vector<std::string>{
                             "pkg:rpm/rocky/glibc@2.34-60.el9?arch=x86_64&distro=rocky-9.2",
                             "pkg:rpm/rocky/openssl-libs@3.0.7-16.el9_2?arch=x86_64&distro=rocky-9.2",
                             "pkg:rpm/rocky/zlib@1.2.11-39.el9?arch=x86_64&distro=rocky-9.2",
                         }));
  EXPECT_EQ(inv->os->id, "rocky");
  EXPECT_EQ(inv->os->version_id, "9.2");
  EXPECT_EQ(find(*inv, "openssl-libs")->licenses, std::vector<std::string>{"ASL 2.0"});
  EXPECT_EQ(find(*inv, "openssl-libs")->supplier, "Lab");
}

TEST(SbomReader, ReadsTrivySpdxOfARockyImage) {
  auto inv = read_sbom(fixture("trivy-0.44-rpm.spdx.json"), "rpm.spdx.json");
  ASSERT_TRUE(inv.ok()) << inv.error().to_string();
  ASSERT_EQ(inv->packages.size(), 3u);
  const Package* glibc = find(*inv, "glibc");
  ASSERT_NE(glibc, nullptr);
  EXPECT_EQ(glibc->purl, "pkg:rpm/rocky/glibc@2.34-60.el9?arch=x86_64&distro=rocky-9.2");
  EXPECT_EQ(glibc->version, "2.34-60.el9");
  EXPECT_EQ(glibc->supplier, "Lab");
  EXPECT_EQ(glibc->licenses, std::vector<std::string>{"LGPLv2+"});
  EXPECT_EQ(glibc->source_name, "glibc");
  EXPECT_EQ(inv->os->id, "rocky");
  EXPECT_EQ(inv->timestamp, "2026-11-23T16:25:55Z");
}

TEST(SbomReader, EpochQualifierGoesIntoTheVersion) {
  auto inv = read_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.4","components":[
      {"type":"library","name":"login","purl":"pkg:deb/debian/login@4.13%2Bdfsg1-1?arch=amd64&epoch=1"}]})",
                       "x");
  ASSERT_TRUE(inv.ok());
  ASSERT_EQ(inv->packages.size(), 1u);
  EXPECT_EQ(inv->packages[0].version, "1:4.13+dfsg1-1");
  EXPECT_EQ(inv->packages[0].arch, "amd64");
}

TEST(SbomReader, NestedComponentsAreRead) {
  auto inv = read_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.5","components":[
      {"type":"library","name":"app","purl":"pkg:maven/com.acme/app@1.0","components":[
        {"type":"library","name":"PyYAML","purl":"pkg:pypi/pyyaml@6.0.1"}]}]})",
                       "x");
  ASSERT_TRUE(inv.ok());
  ASSERT_EQ(inv->packages.size(), 2u);
  EXPECT_EQ(inv->packages[0].name, "PyYAML");  // pypi sorts before maven; the shown name is kept
  EXPECT_EQ(inv->packages[1].namespace_, "com.acme");
}

TEST(SbomReader, SkippedComponentsAreCountedInDiagnostics) {
  Diagnostics diags;
  auto inv = read_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[
      {"type":"container","name":"img","purl":"pkg:oci/img@sha256%3Aab"},
      {"type":"library","name":"x","purl":"pkg:oci/x@1"},
      {"type":"library","name":"nopurl"},
      {"type":"library","name":"bad","purl":"npm/left-pad"},
      {"type":"library","name":"left-pad","purl":"pkg:npm/left-pad@1.3.0"}]})",
                       "s.json", &diags);
  ASSERT_TRUE(inv.ok());
  ASSERT_EQ(inv->packages.size(), 1u);
  EXPECT_EQ(inv->packages[0].name, "left-pad");
  std::vector<std::string> got = codes(diags);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(
      got[0],
      "sbom.unknown-purl-type: skipped 2 package(s) of purl type 'oci' (not an ecosystem customs knows)");
  EXPECT_EQ(got[1], "sbom.no-purl: skipped 1 package(s) without a package URL");
  EXPECT_EQ(got[2].substr(0, 66), "sbom.bad-purl: skipped 1 package(s) with an invalid package URL (f");
  EXPECT_EQ(diags.items()[0].where.file, "s.json");
}

TEST(SbomReader, WrongTypesAreIgnoredNotThrown) {
  Diagnostics diags;
  auto inv = read_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.6","metadata":[],"components":[
      "text", 5, {"purl":7}, {"type":"library","purl":"pkg:npm/a@1","licenses":{"x":1},"properties":[1,{"name":2}],
      "supplier":"s","evidence":{"occurrences":"x"},"externalReferences":[null]},
      {"type":"library","purl":"pkg:npm/b@1","licenses":[{"license":5},{"expression":3}]}],
      "dependencies":[{"ref":"pkg:npm/a@1","dependsOn":[1,"pkg:npm/b@1",null]},{"ref":5},7]})",
                       "x", &diags);
  ASSERT_TRUE(inv.ok()) << inv.error().to_string();
  ASSERT_EQ(inv->packages.size(), 2u);
  EXPECT_EQ(inv->packages[0].depends_on, std::vector<std::string>{"pkg:npm/b@1"});
  EXPECT_TRUE(inv->packages[1].licenses.empty());
}

TEST(SbomReader, SyftPropertiesAndFileComponents) {
  Diagnostics diags;
  auto inv = read_sbom(R"j({"bomFormat":"CycloneDX","specVersion":"1.5","components":[
      {"type":"library","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0",
       "author":"Kenneth Reitz <me@kennethreitz.org>","properties":[
        {"name":"syft:package:foundBy","value":"python-installed-package-cataloger"},
        {"name":"syft:location:0:path","value":"/usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA"}]},
      {"type":"file","name":"/etc/passwd","hashes":[]}]})j",
                       "syft.json", &diags);
  ASSERT_TRUE(inv.ok()) << inv.error().to_string();
  EXPECT_TRUE(diags.empty());
  ASSERT_EQ(inv->packages.size(), 1u);
  const Package& p = inv->packages[0];
  EXPECT_EQ(p.cataloger, "python-installed-package-cataloger");
  EXPECT_EQ(p.path, "usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA");
  EXPECT_EQ(p.supplier, "Kenneth Reitz <me@kennethreitz.org>");
}

TEST(SbomReader, DuplicateBomRefsAreRenamed) {
  Diagnostics diags;
  auto inv = read_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":[
      {"bom-ref":"r","type":"library","purl":"pkg:npm/a@1"},{"bom-ref":"r","type":"library","purl":"pkg:npm/b@1"}]})",
                       "x", &diags);
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(inv->packages[0].ref, "r");
  EXPECT_EQ(inv->packages[1].ref, "r-2");
  EXPECT_EQ(diags.items().size(), 1u);
}

TEST(SbomReader, SpdxDependencyOfPointsTheOtherWay) {
  auto inv = read_sbom(R"j({"spdxVersion":"SPDX-2.2","SPDXID":"SPDXRef-DOCUMENT","name":"d","packages":[
      {"SPDXID":"SPDXRef-a","name":"a","externalRefs":[{"referenceCategory":"PACKAGE_MANAGER","referenceType":"purl",
       "referenceLocator":"pkg:cargo/a@1.0.0"}],"licenseDeclared":"NOASSERTION","licenseConcluded":"MIT OR Apache-2.0"},
      {"SPDXID":"SPDXRef-b","name":"b","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
       "referenceLocator":"pkg:cargo/b@2.0.0"}],"supplier":"Person: Jane Doe (jane@example.org)"}],
      "relationships":[{"spdxElementId":"SPDXRef-b","relationshipType":"DEPENDENCY_OF","relatedSpdxElement":"SPDXRef-a"}]})j",
                       "x");
  ASSERT_TRUE(inv.ok()) << inv.error().to_string();
  ASSERT_EQ(inv->packages.size(), 2u);
  EXPECT_EQ(inv->packages[0].depends_on, std::vector<std::string>{"pkg:cargo/b@2.0.0"});
  EXPECT_EQ(inv->packages[0].licenses, std::vector<std::string>{"MIT OR Apache-2.0"});
  EXPECT_EQ(inv->packages[1].supplier, "Jane Doe <jane@example.org>");
}

TEST(SbomReader, SpdxLicenceRefsAndTopLevelAndAreSplit) {
  auto inv = read_sbom(R"j({"spdxVersion":"SPDX-2.3","packages":[{"SPDXID":"SPDXRef-a","name":"a",
      "externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:gem/a@1"}],
      "licenseDeclared":"LicenseRef-GPLv2- AND (MIT OR BSD-2-Clause) AND (Apache-2.0)"}],
      "hasExtractedLicensingInfos":[{"licenseId":"LicenseRef-GPLv2-","extractedText":"GPLv2+","name":"GPLv2+"}]})j",
                       "x");
  ASSERT_TRUE(inv.ok()) << inv.error().to_string();
  EXPECT_EQ(inv->packages[0].licenses,
            (std::vector<std::string>{"GPLv2+", "MIT OR BSD-2-Clause", "Apache-2.0"}));
}

TEST(SbomReader, MalformedJsonIsAnErrorWithLineAndColumn) {
  auto inv = read_sbom("{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": tru\n}", "bad.json");
  ASSERT_FALSE(inv.ok());
  EXPECT_EQ(inv.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(inv.error().where.file, "bad.json");
  EXPECT_EQ(inv.error().where.line, 3);
  EXPECT_EQ(inv.error().where.column, 21);
  EXPECT_NE(inv.error().message.find("not valid JSON"), std::string::npos) << inv.error().message;
}

TEST(SbomReader, TruncatedDocumentIsAnError) {
  std::string doc = fixture("trivy-0.44-apk.cdx.json");
  auto inv = read_sbom(std::string_view(doc).substr(0, doc.size() / 2), "half.json");
  ASSERT_FALSE(inv.ok());
  EXPECT_EQ(inv.error().kind, ErrorKind::kInvalidInput);
}

TEST(SbomReader, OtherJsonIsAnErrorSayingWhatItIs) {
  auto inv = read_sbom(R"({"schema":"https://customs.dev/schemas/report/v1","findings":[]})", "r.json");
  ASSERT_FALSE(inv.ok());
  EXPECT_EQ(
      inv.error().message,
      "neither a CycloneDX document (bomFormat) nor an SPDX document (spdxVersion): a JSON object with keys "
      "\"findings\", \"schema\"");
  auto arr = read_sbom("[1,2]", "a.json");
  ASSERT_FALSE(arr.ok());
  EXPECT_NE(arr.error().message.find("a JSON array"), std::string::npos);
  auto empty = read_sbom(" \n", "e.json");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "empty file, not an SBOM");
}

TEST(SbomReader, UnsupportedSpecVersionsAreErrors) {
  auto old = read_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.1"})", "x");
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.error().message, "CycloneDX specVersion '1.1' is not supported (JSON 1.2 to 1.6)");
  auto spdx3 = read_sbom(R"({"spdxVersion":"SPDX-3.0"})", "x");
  ASSERT_FALSE(spdx3.ok());
  EXPECT_EQ(spdx3.error().message, "spdxVersion 'SPDX-3.0' is not supported (SPDX-2.2, SPDX-2.3)");
  Diagnostics diags;
  auto newer = read_sbom(R"({"bomFormat":"CycloneDX","specVersion":"1.7","components":[]})", "x", &diags);
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ(diags.items().at(0).code, "sbom.newer-spec");
}

TEST(SbomReader, DeepNestingIsALimitError) {
  std::string deep = R"({"bomFormat":"CycloneDX","specVersion":"1.6","x":)" + std::string(100000, '[');
  auto inv = read_sbom(deep, "deep.json");
  ASSERT_FALSE(inv.ok());
  EXPECT_EQ(inv.error().kind, ErrorKind::kLimit);
}

TEST(SbomReader, DeeplyNestedComponentsStopWithADiagnostic) {
  std::string doc = R"({"bomFormat":"CycloneDX","specVersion":"1.6","components":)";
  for (int i = 0; i < 100; ++i)
    doc += R"([{"type":"library","purl":"pkg:npm/p)" + std::to_string(i) + R"(@1","components":)";
  doc += "[]";
  for (int i = 0; i < 100; ++i) doc += "}]";
  doc += "}";
  Diagnostics diags;
  auto inv = read_sbom(doc, "x", &diags);
  ASSERT_TRUE(inv.ok()) << inv.error().to_string();
  EXPECT_EQ(inv->packages.size(), 65u);
  EXPECT_EQ(diags.items().at(0).code, "sbom.too-deep");
}

}  // namespace
}  // namespace customs
