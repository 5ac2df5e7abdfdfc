// The text parsers behind the Java cataloger: MANIFEST.MF, pom.properties, pom.xml, file names.
#include <gtest/gtest.h>

#include "catalog/java/java.h"

namespace customs {
namespace {

using Deps = std::vector<std::string>;

TEST(JarManifest, JoinsContinuationLinesAndStopsAtTheMainSection) {
  JarManifest m = parse_manifest(
      "Manifest-Version: 1.0\r\n"
      "Export-Package: org.slf4j;version=1.7.32, org.slf4j.spi;versi\r\n"
      " on=1.7.32\r\n"
      "Implementation-Title: slf4j-api\r\n"
      "\r\n"
      "Name: org/slf4j/\r\n"
      "Implementation-Title: other\r\n");
  EXPECT_EQ(m.get("Export-Package"), "org.slf4j;version=1.7.32, org.slf4j.spi;version=1.7.32");
  EXPECT_EQ(m.get("implementation-title"), "slf4j-api");
  EXPECT_EQ(m.get("Name"), "");
  EXPECT_EQ(m.attributes.size(), 3u);
  EXPECT_EQ(m.first_malformed_line, 0);
}

TEST(JarManifest, ReportsTheFirstMalformedLineAndKeepsTheRest) {
  JarManifest m = parse_manifest(" orphan continuation\nno colon here\nBundle-Version: 2.0\nEmpty:\n");
  EXPECT_EQ(m.first_malformed_line, 1);
  EXPECT_EQ(m.get("Bundle-Version"), "2.0");
  EXPECT_EQ(m.attributes.size(), 2u);
}

TEST(ManifestPackage, PrefersImplementationAttributesAndVendorId) {
  JarManifest m = parse_manifest(
      "Implementation-Title: commons-text\nImplementation-Version: 1.10.0\n"
      "Implementation-Vendor-Id: org.apache.commons\nImplementation-Vendor: The Apache Software Foundation\n"
      "Bundle-Version: 9.9\nBundle-DocURL: https://commons.apache.org/text\n"
      "Bundle-License: \"Apache-2.0\";link=\"https://www.apache.org/licenses/LICENSE-2.0.txt\", MIT\n");
  auto p = package_from_manifest(m, "lib/whatever.jar");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->namespace_, "org.apache.commons");
  EXPECT_EQ(p->name, "commons-text");
  EXPECT_EQ(p->version, "1.10.0");
  EXPECT_EQ(p->version_source, "");
  EXPECT_EQ(p->supplier, "The Apache Software Foundation");
  EXPECT_EQ(p->homepage, "https://commons.apache.org/text");
  EXPECT_EQ(p->licenses, (Deps{"Apache-2.0", "MIT"}));
}

TEST(ManifestPackage, TakesTheNameFromTheFileWhenTheTitleIsASentence) {
  JarManifest m = parse_manifest(
      "Implementation-Title: Apache Commons Lang\nBundle-Version: 3.12.0\n"
      "Bundle-SymbolicName: org.apache.commons.lang3\n");
  auto p = package_from_manifest(m, "opt/app/commons-lang3-3.12.0.jar");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->name, "commons-lang3");
  EXPECT_EQ(p->version, "3.12.0");
  EXPECT_EQ(p->namespace_, "");  // the symbolic name does not end with ".commons-lang3"
}

TEST(ManifestPackage, TakesTheGroupFromTheSymbolicNamePrefix) {
  JarManifest m = parse_manifest(
      "Bundle-SymbolicName: com.example.widget;singleton:=true\n"
      "Bundle-Version: 4.1.0\nImplementation-Title: widget\n");
  auto p = package_from_manifest(m, "widget.jar");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->namespace_, "com.example");
  EXPECT_EQ(p->name, "widget");
  EXPECT_EQ(p->version, "4.1.0");
}

TEST(ManifestPackage, FallsBackToTheFileNameVersionAndSaysSo) {
  JarManifest m = parse_manifest("Implementation-Title: tool\nImplementation-Version: ${project.version}\n");
  auto p = package_from_manifest(m, "tool-2.3.jar");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->name, "tool");
  EXPECT_EQ(p->version, "2.3");
  EXPECT_EQ(p->version_source, "file name");
}

TEST(ManifestPackage, GivesNothingWithoutAVersion) {
  EXPECT_FALSE(package_from_manifest(parse_manifest("Implementation-Title: tool\n"), "tool.jar").has_value());
  EXPECT_FALSE(package_from_manifest(parse_manifest("Created-By: 17\n"), "jsr305.jar").has_value());
}

TEST(JarFileName, SplitsArtifactAndVersion) {
  struct Case {
    const char* path;
    const char* name;
    const char* version;
  };
  for (const Case& c : {Case{"commons-lang3-3.12.0.jar", "commons-lang3", "3.12.0"},
                        Case{"a/b/guava-31.1-jre.jar", "guava", "31.1-jre"},
                        Case{"log4j-1.2-api-2.17.1.jar", "log4j-1.2-api", "2.17.1"},
                        Case{"netty-codec-4.1.94.Final.jar", "netty-codec", "4.1.94.Final"},
                        Case{"foo-1.0-rc-1.war", "foo", "1.0-rc-1"},
                        Case{"bcprov-jdk18on-1.76.jar", "bcprov-jdk18on", "1.76"}}) {
    auto parsed = parse_jar_file_name(c.path);
    ASSERT_TRUE(parsed.has_value()) << c.path;
    EXPECT_EQ(parsed->name, c.name) << c.path;
    EXPECT_EQ(parsed->version, c.version) << c.path;
  }
  EXPECT_FALSE(parse_jar_file_name("jsr305.jar").has_value());
  EXPECT_FALSE(parse_jar_file_name("1.0.jar").has_value());
  EXPECT_EQ(jar_file_stem_name("x/app.jar"), "app");
}

TEST(JavaArchiveName, MatchesTheArchiveExtensionsCaseInsensitively) {
  EXPECT_TRUE(is_java_archive_name("opt/app.jar"));
  EXPECT_TRUE(is_java_archive_name("opt/APP.WAR"));
  EXPECT_TRUE(is_java_archive_name("plugins/git.hpi"));
  EXPECT_TRUE(is_java_archive_name("deploy/portal.lpkg"));
  EXPECT_FALSE(is_java_archive_name("opt/app.jar.sha1"));
  EXPECT_FALSE(is_java_archive_name("opt/.jar"));
  EXPECT_FALSE(is_java_archive_name("opt/app.zip"));
}

TEST(PomProperties, ReadsJavaPropertiesSyntax) {
  auto props = parse_properties(
      "#Generated\n! bang comment\n  groupId = org.ex\\\n    ample\nartifactId:lib\n"
      "version 1.0\\u002dSNAPSHOT\nkey\\=with\\:sep=v\n");
  ASSERT_EQ(props.size(), 4u);
  EXPECT_EQ(props[0], (std::pair<std::string, std::string>{"groupId", "org.example"}));
  EXPECT_EQ(props[1], (std::pair<std::string, std::string>{"artifactId", "lib"}));
  EXPECT_EQ(props[2], (std::pair<std::string, std::string>{"version", "1.0-SNAPSHOT"}));
  EXPECT_EQ(props[3], (std::pair<std::string, std::string>{"key=with:sep", "v"}));
  auto c = parse_pom_properties("groupId=org.example\nartifactId=lib\nversion=1.0-SNAPSHOT\n");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->group_id, "org.example");
  EXPECT_FALSE(parse_pom_properties("groupId=g\nartifactId=a\nversion=\n").has_value());
}

TEST(PomXml, KeepsRuntimeDependenciesWithResolvableVersions) {
  auto pom = parse_pom_xml(R"(<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>2.0</version></parent>
  <artifactId>app</artifactId>
  <url>https://example.org/app</url>
  <organization><name>Example Org</name></organization>
  <licenses><license><name>Apache-2.0</name></license><license><name>MIT</name></license></licenses>
  <properties><jackson.version>2.15.2</jackson.version><alias>${jackson.version}</alias></properties>
  <dependencies>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>${alias}</version></dependency>
    <dependency><groupId>${project.groupId}</groupId><artifactId>core</artifactId><version>${project.version}</version><scope>runtime</scope></dependency>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
    <dependency><groupId>javax.servlet</groupId><artifactId>servlet-api</artifactId><version>2.5</version><scope>provided</scope></dependency>
    <dependency><groupId>org.undefined</groupId><artifactId>u</artifactId><version>${nowhere}</version></dependency>
    <dependency><groupId>org.managed</groupId><artifactId>m</artifactId></dependency>
    <dependency><groupId>org.range</groupId><artifactId>r</artifactId><version>[1.0,2.0)</version></dependency>
  </dependencies>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.mgmt</groupId><artifactId>x</artifactId><version>1</version></dependency>
  </dependencies></dependencyManagement>
</project>)",
                           "pom.xml");
  ASSERT_TRUE(pom.ok()) << pom.error().to_string();
  EXPECT_EQ(pom->coordinates.group_id, "org.example");
  EXPECT_EQ(pom->coordinates.artifact_id, "app");
  EXPECT_EQ(pom->coordinates.version, "2.0");
  EXPECT_EQ(pom->licenses, (Deps{"Apache-2.0", "MIT"}));
  EXPECT_EQ(pom->url, "https://example.org/app");
  EXPECT_EQ(pom->organization, "Example Org");
  ASSERT_EQ(pom->dependencies.size(), 2u);
  EXPECT_EQ(pom->dependencies[0].artifact_id, "jackson-databind");
  EXPECT_EQ(pom->dependencies[0].version, "2.15.2");
  EXPECT_EQ(pom->dependencies[1].group_id, "org.example");
  EXPECT_EQ(pom->dependencies[1].version, "2.0");
  EXPECT_EQ(pom->dependencies[1].scope, "runtime");
}

TEST(PomXml, EndsSelfReferencingPropertiesAndRejectsMalformedXml) {
  auto cyclic = parse_pom_xml(
      "<project><groupId>g</groupId><artifactId>a</artifactId><version>1</version>"
      "<properties><a>${b}${b}</a><b>${a}${a}</b></properties><dependencies><dependency>"
      "<groupId>g</groupId><artifactId>d</artifactId><version>${a}</version></dependency></dependencies></"
      "project>",
      "pom.xml");
  ASSERT_TRUE(cyclic.ok());
  EXPECT_TRUE(cyclic->dependencies.empty());

  auto broken = parse_pom_xml("<project>\n  <groupId>g</groupId>\n  <artifactId>a</artifactId\n</project>",
                              "x/pom.xml");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(broken.error().where.file, "x/pom.xml");
  EXPECT_EQ(broken.error().where.line, 4);
  EXPECT_FALSE(parse_pom_xml("<notaproject/>", "pom.xml").ok());
}

}  // namespace
}  // namespace customs
