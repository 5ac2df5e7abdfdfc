#include "report/spdx_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/sample_report.h"
#include "report/sbom_sample.h"

namespace customs {
namespace {

using nlohmann::json;
using testing::sample_inventory;

json render(const Inventory& inv, SbomWriteOptions opt = {}) { return json::parse(write_spdx(inv, opt)); }

const json& package(const json& doc, const std::string& id) {
  for (const json& p : doc["packages"])
    if (p["SPDXID"] == id) return p;
  static const json none;
  ADD_FAILURE() << "no package " << id;
  return none;
}

bool has_relationship(const json& doc, const std::string& from, const std::string& type,
                      const std::string& to) {
  for (const json& r : doc["relationships"])
    if (r["spdxElementId"] == from && r["relationshipType"] == type && r["relatedSpdxElement"] == to)
      return true;
  return false;
}

constexpr const char* kDebId =
    "SPDXRef-Package-pkg-deb-debian-login-4.13-2Bdfsg1-1-2Bb1-arch-amd64-distro-debian-12-epoch-1";
constexpr const char* kCoreId = "SPDXRef-Package-pkg-npm--40babel-core-7.23.0";
constexpr const char* kParserId = "SPDXRef-Package-pkg-npm--40babel-parser-7.23.0";
constexpr const char* kMavenId = "SPDXRef-Package-pkg-maven-org.apache.commons-commons-lang3-3.12.0";

TEST(SpdxWriter, MatchesGolden) {
  testing::expect_golden(write_spdx(sample_inventory(), {}), "sbom.spdx.json");
}

TEST(SpdxWriter, DocumentHeader) {
  SbomWriteOptions opt;
  opt.serial_uuid = "3e671687-395b-41f5-a30f-a58921a69b79";
  json doc = render(sample_inventory(), opt);
  EXPECT_EQ(doc["spdxVersion"], "SPDX-2.3");
  EXPECT_EQ(doc["dataLicense"], "CC0-1.0");
  EXPECT_EQ(doc["SPDXID"], "SPDXRef-DOCUMENT");
  EXPECT_EQ(doc["name"], "registry.example/app:1.0");
  EXPECT_EQ(doc["documentNamespace"],
            "https://customs.invalid/spdx/registry.example-app-1.0-3e671687-395b-41f5-a30f-a58921a69b79");
  EXPECT_EQ(doc["creationInfo"],
            json::parse(R"({"creators":["Tool: customs-0.1.0"],"created":"2026-11-23T10:00:00Z"})"));
  opt.document_namespace = "https://example.org/sbom/1";
  EXPECT_EQ(render(sample_inventory(), opt)["documentNamespace"], "https://example.org/sbom/1");
}

TEST(SpdxWriter, DocumentDescribesTheImageWhichContainsEverything) {
  json doc = render(sample_inventory());
  const json& target = package(doc, "SPDXRef-Target");
  EXPECT_EQ(target["primaryPackagePurpose"], "CONTAINER");
  EXPECT_EQ(target["versionInfo"], "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  const json& os = package(doc, "SPDXRef-OperatingSystem");
  EXPECT_EQ(os["name"], "debian");
  EXPECT_EQ(os["versionInfo"], "12");
  EXPECT_EQ(os["primaryPackagePurpose"], "OPERATING_SYSTEM");
  EXPECT_TRUE(has_relationship(doc, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Target"));
  EXPECT_TRUE(has_relationship(doc, "SPDXRef-Target", "CONTAINS", "SPDXRef-OperatingSystem"));
  for (const char* id : {kDebId, kCoreId, kParserId, kMavenId})
    EXPECT_TRUE(has_relationship(doc, "SPDXRef-Target", "CONTAINS", id)) << id;
  EXPECT_EQ(doc["relationships"].size(), 2u + 4u + 1u);
}

TEST(SpdxWriter, DebPackage) {
  json p = package(render(sample_inventory()), kDebId);
  EXPECT_EQ(p["name"], "login");
  EXPECT_EQ(p["versionInfo"], "1:4.13+dfsg1-1+b1");
  EXPECT_EQ(p["supplier"],
            "Organization: Shadow package maintainers (pkg-shadow-devel@lists.alioth.debian.org)");
  EXPECT_EQ(p["downloadLocation"], "NOASSERTION");
  EXPECT_EQ(p["filesAnalyzed"], false);
  EXPECT_EQ(p["homepage"], "https://github.com/shadow-maint/shadow");
  EXPECT_EQ(p["sourceInfo"], "built package from: shadow 1:4.13+dfsg1-1");
  EXPECT_EQ(p["licenseConcluded"], "NOASSERTION");
  EXPECT_EQ(p["licenseDeclared"], "LicenseRef-GPL-2 AND BSD-3-Clause");
  EXPECT_EQ(p["copyrightText"], "NOASSERTION");
  EXPECT_EQ(p["externalRefs"], json::parse(R"([{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl",
      "referenceLocator":"pkg:deb/debian/login@4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12&epoch=1"}])"));
  EXPECT_EQ(p["primaryPackagePurpose"], "LIBRARY");
  EXPECT_EQ(p["comment"],
            "customs:cataloger=dpkg-status\ncustoms:origin=installed\ncustoms:path=var/lib/dpkg/status\n"
            "customs:layer:index=0\n"
            "customs:layer:diff_id=sha256:1111111111111111111111111111111111111111111111111111111111111111\n"
            "customs:layer:created_by=/bin/sh -c #(nop) ADD file:0123 in / \ncustoms:in_base_image=true\n"
            "customs:source_name=shadow\ncustoms:source_version=1:4.13+dfsg1-1");
}

TEST(SpdxWriter, NonSpdxLicencesAreExtractedOnce) {
  Inventory inv = sample_inventory();
  inv.packages[3].licenses = {"GPL-2", "GPL 2"};  // the second sanitises to the same id
  json doc = render(inv);
  EXPECT_EQ(package(doc, kMavenId)["licenseDeclared"], "LicenseRef-GPL-2 AND LicenseRef-GPL-2-2");
  EXPECT_EQ(doc["hasExtractedLicensingInfos"], json::parse(R"([
      {"licenseId":"LicenseRef-GPL-2","extractedText":"GPL-2","name":"GPL-2"},
      {"licenseId":"LicenseRef-GPL-2-2","extractedText":"GPL 2","name":"GPL 2"}])"));
}

TEST(SpdxWriter, CompoundExpressionIsParenthesised) {
  json doc = render(sample_inventory());
  EXPECT_EQ(package(doc, kParserId)["licenseDeclared"], "(MIT AND (BSD-2-Clause OR Apache-2.0))");
  EXPECT_EQ(package(doc, kCoreId)["licenseDeclared"], "MIT");
}

TEST(SpdxWriter, SupplierWithAnEmailIsAPerson) {
  json doc = render(sample_inventory());
  EXPECT_EQ(package(doc, kCoreId)["supplier"], "Person: Sebastian McKenzie (sebmck@gmail.com)");
  EXPECT_EQ(package(doc, kMavenId)["supplier"], "Organization: The Apache Software Foundation");
  EXPECT_EQ(package(doc, kParserId)["supplier"], "NOASSERTION");
}

TEST(SpdxWriter, NamesShowTheNamespace) {
  json doc = render(sample_inventory());
  EXPECT_EQ(package(doc, kCoreId)["name"], "@babel/core");
  EXPECT_EQ(package(doc, kMavenId)["name"], "org.apache.commons:commons-lang3");
}

TEST(SpdxWriter, DependsOnResolvedPackagesOnly) {
  json doc = render(sample_inventory());
  EXPECT_TRUE(has_relationship(doc, kCoreId, "DEPENDS_ON", kParserId));
  size_t depends = 0;
  for (const json& r : doc["relationships"]) depends += r["relationshipType"] == "DEPENDS_ON";
  EXPECT_EQ(depends, 1u);
}

TEST(SpdxWriter, IdsStayUniqueAfterSanitising) {
  Inventory inv = sample_inventory();
  inv.packages[2].ref = "a/b";
  inv.packages[3].ref = "a:b";
  json doc = render(inv);
  EXPECT_EQ(doc["packages"][4]["SPDXID"], "SPDXRef-Package-a-b");
  EXPECT_EQ(doc["packages"][5]["SPDXID"], "SPDXRef-Package-a-b-2");
}

TEST(SpdxWriter, CommentEscapesNewlines) {
  Inventory inv = sample_inventory();
  inv.packages[1].layer_created_by = "RUN a \\\n b";
  std::string comment = package(render(inv), kCoreId)["comment"];
  EXPECT_NE(comment.find("customs:layer:created_by=RUN a \\\\\\n b\n"), std::string::npos) << comment;
}

TEST(SpdxWriter, DirectoryIsAFilePackage) {
  Inventory inv = sample_inventory();
  inv.target_kind = "directory";
  inv.os.reset();
  json doc = render(inv);
  EXPECT_EQ(package(doc, "SPDXRef-Target")["primaryPackagePurpose"], "FILE");
  EXPECT_EQ(doc["packages"].size(), 5u);
}

}  // namespace
}  // namespace customs
