#include "report/cyclonedx_writer.h"

#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "report/sample_report.h"
#include "report/sbom_sample.h"

namespace customs {
namespace {

using nlohmann::json;
using testing::sample_inventory;

json render(const Inventory& inv, SbomWriteOptions opt = {}) {
  return json::parse(write_cyclonedx(inv, opt));
}

const json& component(const json& bom, const std::string& ref) {
  for (const json& c : bom["components"])
    if (c["bom-ref"] == ref) return c;
  static const json none;
  ADD_FAILURE() << "no component " << ref;
  return none;
}

std::vector<std::string> property(const json& c, const std::string& name) {
  std::vector<std::string> values;
  for (const json& p : c.value("properties", json::array()))
    if (p["name"] == name) values.push_back(p["value"]);
  return values;
}

json dependency(const json& bom, const std::string& ref) {
  for (const json& d : bom["dependencies"])
    if (d["ref"] == ref) return d["dependsOn"];
  return nullptr;
}

TEST(CycloneDxWriter, MatchesGolden) {
  testing::expect_golden(write_cyclonedx(sample_inventory(), {}), "sbom.cdx.json");
}

TEST(CycloneDxWriter, HeaderNamesTheFormatAndTheTool) {
  json bom = render(sample_inventory());
  EXPECT_EQ(bom["bomFormat"], "CycloneDX");
  EXPECT_EQ(bom["specVersion"], "1.6");
  EXPECT_EQ(bom["version"], 1);
  EXPECT_EQ(bom["metadata"]["timestamp"], "2026-11-23T10:00:00Z");
  EXPECT_EQ(bom["metadata"]["tools"],
            json::parse(R"({"components":[{"type":"application","name":"customs","version":"0.1.0"}]})"));
}

TEST(CycloneDxWriter, SerialIsAVersion4UuidDerivedFromTheContent) {
  Inventory inv = sample_inventory();
  std::string serial = render(inv)["serialNumber"];
  EXPECT_TRUE(std::regex_match(
      serial, std::regex("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << serial;
  EXPECT_EQ(render(inv)["serialNumber"], serial);
  inv.packages[1].version = "7.23.1";
  EXPECT_NE(render(inv)["serialNumber"], serial);
}

TEST(CycloneDxWriter, GivenSerialAndTimestampWin) {
  SbomWriteOptions opt;
  opt.serial_uuid = "3e671687-395b-41f5-a30f-a58921a69b79";
  opt.timestamp = "2027-01-01T00:00:00Z";
  json bom = render(sample_inventory(), opt);
  EXPECT_EQ(bom["serialNumber"], "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
  EXPECT_EQ(bom["metadata"]["timestamp"], "2027-01-01T00:00:00Z");
}

TEST(CycloneDxWriter, ImageIsAContainerComponentVersionedByItsDigest) {
  json target = render(sample_inventory())["metadata"]["component"];
  EXPECT_EQ(target["type"], "container");
  EXPECT_EQ(target["name"], "registry.example/app:1.0");
  EXPECT_EQ(target["version"], "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(property(target, "customs:os:id"), std::vector<std::string>{"debian"});
  EXPECT_EQ(property(target, "customs:image:architecture"), std::vector<std::string>{"linux/amd64"});
}

TEST(CycloneDxWriter, DirectoryIsAFileComponent) {
  Inventory inv = sample_inventory();
  inv.target_kind = "directory";
  inv.name = "src";
  inv.manifest_digest.clear();
  inv.config_digest.clear();
  json target = render(inv)["metadata"]["component"];
  EXPECT_EQ(target["type"], "file");
  EXPECT_EQ(target["name"], "src");
  EXPECT_FALSE(target.contains("version"));
}

TEST(CycloneDxWriter, DistributionIsAnOperatingSystemComponent) {
  json os = render(sample_inventory())["components"][0];
  EXPECT_EQ(os["type"], "operating-system");
  EXPECT_EQ(os["name"], "debian");
  EXPECT_EQ(os["version"], "12");
  EXPECT_EQ(os["description"], "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(property(os, "customs:os:codename"), std::vector<std::string>{"bookworm"});
}

TEST(CycloneDxWriter, DebPackageKeepsEpochSourceLayerAndLicences) {
  Inventory inv = sample_inventory();
  json c = component(render(inv), inv.packages[0].ref);
  EXPECT_EQ(c["type"], "library");
  EXPECT_EQ(c["name"], "login");
  EXPECT_EQ(c["version"], "1:4.13+dfsg1-1+b1");
  EXPECT_FALSE(c.contains("group"));
  EXPECT_EQ(c["purl"], "pkg:deb/debian/login@4.13%2Bdfsg1-1%2Bb1?arch=amd64&distro=debian-12&epoch=1");
  EXPECT_EQ(c["licenses"],
            json::parse(R"([{"license":{"name":"GPL-2"}},{"license":{"id":"BSD-3-Clause"}}])"));
  EXPECT_EQ(c["supplier"]["name"], "Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org>");
  EXPECT_EQ(c["externalReferences"],
            json::parse(R"([{"type":"website","url":"https://github.com/shadow-maint/shadow"}])"));
  EXPECT_EQ(property(c, "customs:source_name"), std::vector<std::string>{"shadow"});
  EXPECT_EQ(property(c, "customs:source_version"), std::vector<std::string>{"1:4.13+dfsg1-1"});
  EXPECT_EQ(property(c, "customs:layer:index"), std::vector<std::string>{"0"});
  EXPECT_EQ(property(c, "customs:in_base_image"), std::vector<std::string>{"true"});
  EXPECT_EQ(property(c, "customs:cataloger"), std::vector<std::string>{"dpkg-status"});
}

TEST(CycloneDxWriter, NpmScopeIsTheGroupAndEveryLocationIsEvidence) {
  Inventory inv = sample_inventory();
  json c = component(render(inv), "pkg:npm/%40babel/core@7.23.0");
  EXPECT_EQ(c["group"], "@babel");
  EXPECT_EQ(c["name"], "core");
  EXPECT_EQ(c["supplier"]["name"], "Sebastian McKenzie <sebmck@gmail.com>");
  EXPECT_EQ(c["evidence"], json::parse(R"({"occurrences":[
      {"location":"app/node_modules/@babel/core/package.json"},
      {"location":"app/tools/node_modules/@babel/core/package.json"}]})"));
  EXPECT_EQ(property(c, "customs:path"),
            (std::vector<std::string>{"app/node_modules/@babel/core/package.json",
                                      "app/tools/node_modules/@babel/core/package.json"}));
}

TEST(CycloneDxWriter, MavenGroupIdIsTheGroup) {
  json c = component(render(sample_inventory()), "pkg:maven/org.apache.commons/commons-lang3@3.12.0");
  EXPECT_EQ(c["group"], "org.apache.commons");
  EXPECT_EQ(c["name"], "commons-lang3");
  EXPECT_EQ(c["licenses"], json::parse(R"([{"license":{"name":"Apache License, Version 2.0"}}])"));
  EXPECT_EQ(property(c, "customs:version_source"), std::vector<std::string>{"pom.properties"});
  EXPECT_EQ(
      property(c, "customs:os_owner"),
      std::vector<std::string>{"pkg:deb/debian/libcommons-lang3-java@3.12.0-2?arch=all&distro=debian-12"});
}

TEST(CycloneDxWriter, ExpressionIsTheOnlyLicenceEntry) {
  json c = component(render(sample_inventory()), "pkg:npm/%40babel/parser@7.23.0");
  EXPECT_EQ(c["licenses"], json::parse(R"j([{"expression":"MIT AND (BSD-2-Clause OR Apache-2.0)"}])j"));
  EXPECT_EQ(property(c, "customs:dev"), std::vector<std::string>{"true"});
  EXPECT_EQ(property(c, "customs:origin"), std::vector<std::string>{"declared"});
}

TEST(CycloneDxWriter, SeveralLicencesWithAnExpressionBecomeOneExpression) {
  Inventory inv = sample_inventory();
  inv.packages[2].licenses = {"mit", "Apache-2.0 or BSD-2-Clause"};
  json c = component(render(inv), "pkg:npm/%40babel/parser@7.23.0");
  EXPECT_EQ(c["licenses"], json::parse(R"j([{"expression":"(MIT) AND (Apache-2.0 OR BSD-2-Clause)"}])j"));
  inv.packages[2].licenses = {"Custom", "Apache-2.0 OR MIT"};
  c = component(render(inv), "pkg:npm/%40babel/parser@7.23.0");
  EXPECT_EQ(c["licenses"],
            json::parse(R"([{"license":{"name":"Custom"}},{"license":{"name":"Apache-2.0 OR MIT"}}])"));
}

TEST(CycloneDxWriter, DependenciesFollowDependsOnAndTheRootHoldsTheTopLevel) {
  json bom = render(sample_inventory());
  EXPECT_EQ(dependency(bom, "pkg:npm/%40babel/core@7.23.0"),
            json::parse(R"(["pkg:npm/%40babel/parser@7.23.0"])"));
  EXPECT_EQ(dependency(bom, "pkg:npm/%40babel/parser@7.23.0"), nullptr);
  EXPECT_EQ(dependency(bom, "customs-os"), json::array({sample_inventory().packages[0].ref}));
  EXPECT_EQ(
      dependency(bom, "customs-target"),
      json::parse(
          R"(["customs-os","pkg:npm/%40babel/core@7.23.0","pkg:maven/org.apache.commons/commons-lang3@3.12.0"])"));
}

TEST(CycloneDxWriter, DuplicateAndMissingRefsAreMadeUnique) {
  Inventory inv = sample_inventory();
  inv.packages[2].ref = inv.packages[1].ref;
  inv.packages[3].ref.clear();
  json bom = render(inv);
  EXPECT_EQ(bom["components"][3]["bom-ref"], "pkg:npm/%40babel/core@7.23.0-2");
  EXPECT_EQ(bom["components"][4]["bom-ref"], "pkg:maven/org.apache.commons/commons-lang3@3.12.0");
}

TEST(CycloneDxWriter, PurlFallsBackToThePackageKeyWithArch) {
  Inventory inv = sample_inventory();
  inv.packages[0].purl.clear();
  EXPECT_EQ(render(inv)["components"][1]["purl"], "pkg:deb/login@1:4.13%2Bdfsg1-1%2Bb1?arch=amd64");
}

TEST(CycloneDxWriter, EmptyInventoryIsAValidSkeleton) {
  Inventory inv;
  inv.timestamp = "2026-11-23T10:00:00Z";
  json bom = render(inv);
  EXPECT_EQ(bom["components"], json::array());
  EXPECT_EQ(bom["dependencies"], json::parse(R"([{"ref":"customs-target","dependsOn":[]}])"));
  EXPECT_EQ(bom["metadata"]["component"]["name"], "unknown");
}

TEST(CycloneDxWriter, InvalidUtf8IsReplacedNotThrown) {
  Inventory inv = sample_inventory();
  inv.packages[0].supplier = "Bad \xff";
  EXPECT_EQ(render(inv)["components"][1]["supplier"]["name"], "Bad \xEF\xBF\xBD");
}

}  // namespace
}  // namespace customs
