// The java-archive cataloger over real archives: Debian's jars, and jars, fat jars, wars and shaded
// jars built at test time with the JDK's jar tool.
#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/catalog_test_util.h"
#include "catalog/java/java.h"
#include "catalog/java_jar_builder.h"
#include "io/entry.h"

namespace customs {
namespace {

using customs::testing::catalog_testdata;
using customs::testing::cataloger_row;
using customs::testing::find_package;
using customs::testing::has_diagnostic;
using customs::testing::have_jdk;
using customs::testing::JarWorkspace;
using customs::testing::pom_properties;
using customs::testing::run_cataloger;
using Keys = std::vector<std::string>;

#define REQUIRE_JDK() \
  if (!have_jdk()) GTEST_SKIP() << "the JDK's jar and javac are not installed"

// The java-archive row, and its parse() over `bytes` read at `path`.
const Cataloger& java_archive_row() { return cataloger_row("java-archive"); }

CatalogResult run_row(std::string_view path, std::string_view bytes, bool truncated = false) {
  return run_cataloger("java-archive", path, bytes, truncated);
}

// parse_java_archive() itself, with `options` (nesting depth, zip limits).
CatalogResult parse(std::string_view path, std::string_view bytes, JavaArchiveOptions options = {}) {
  CatalogResult out;
  parse_java_archive(bytes, path, options, out);
  return out;
}

TEST(JavaArchiveRow, WantsWholeArchivesThatAreRegularFiles) {
  FsEntry e;
  e.path = "opt/app/lib/app.jar";
  EXPECT_EQ(java_archive_row().wants(e), UINT64_MAX);
  e.path = "srv/ROOT.WAR";
  EXPECT_EQ(java_archive_row().wants(e), UINT64_MAX);
  e.type = EntryType::kSymlink;
  EXPECT_EQ(java_archive_row().wants(e), 0u);
  e.type = EntryType::kFile;
  e.path = "opt/app/lib/app.jar.sha1";
  EXPECT_EQ(java_archive_row().wants(e), 0u);
  EXPECT_EQ(java_archive_row().name, "java-archive");
}

TEST(JavaArchive, ReadsDebiansSlf4jApiJar) {
  CatalogResult r =
      run_row("usr/share/java/slf4j-api-1.7.32.jar", catalog_testdata("java/slf4j-api-1.7.32.jar"));
  ASSERT_EQ(r.packages.size(), 1u);
  const Package& p = r.packages[0];
  EXPECT_EQ(p.type, PackageType::kMaven);
  EXPECT_EQ(p.namespace_, "org.slf4j");
  EXPECT_EQ(p.name, "slf4j-api");
  EXPECT_EQ(p.version, "1.7.32");
  EXPECT_EQ(p.version_source, "");
  EXPECT_EQ(p.path, "usr/share/java/slf4j-api-1.7.32.jar");
  EXPECT_EQ(p.cataloger, "java-archive");
  EXPECT_EQ(p.supplier, "SLF4J.ORG");  // Bundle-Vendor: the pom names no organization
  EXPECT_EQ(p.homepage, "http://www.slf4j.org");
  EXPECT_TRUE(p.depends_on.empty());
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(JavaArchive, KeepsOnlyRuntimeDependenciesOfThePom) {
  CatalogResult r =
      run_row("usr/share/java/plexus-cipher-2.0.jar", catalog_testdata("java/plexus-cipher-2.0.jar"));
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].namespace_, "org.codehaus.plexus");
  EXPECT_EQ(r.packages[0].name, "plexus-cipher");
  EXPECT_EQ(r.packages[0].version, "2.0");
  // Debian rewrites dependency versions to "debian"; provided and test scopes are dropped.
  EXPECT_EQ(r.packages[0].depends_on, (Keys{"pkg:maven/javax.inject/javax.inject@debian"}));
}

TEST(JavaArchive, FallsBackToTheFileNameAsALastResort) {
  CatalogResult r =
      run_row("usr/share/java/aopalliance-1.0.jar", catalog_testdata("java/aopalliance-1.0.jar"));
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].namespace_, "");
  EXPECT_EQ(r.packages[0].name, "aopalliance");
  EXPECT_EQ(r.packages[0].version, "1.0");
  EXPECT_EQ(r.packages[0].version_source, "file name");

  CatalogResult unnamed =
      run_row("usr/share/java/aopalliance.jar", catalog_testdata("java/aopalliance-1.0.jar"));
  EXPECT_TRUE(unnamed.packages.empty());
  ASSERT_EQ(unnamed.diagnostics.size(), 1u);
  EXPECT_EQ(unnamed.diagnostics[0].code, "java.no-identity");
  EXPECT_EQ(unnamed.diagnostics[0].level, DiagLevel::kNote);
}

TEST(JavaArchive, ReadsAJarBuiltWithJavacAndJar) {
  REQUIRE_JDK();
  JarWorkspace ws("plain");
  customs::testing::write_text(ws.root() / "src/Hello.java", "public class Hello {}\n");
  std::string cmd = std::string("javac") + customs::testing::kQuickJvm + "-d '" +
                    (ws.root() / "classes").string() + "' '" + (ws.root() / "src/Hello.java").string() +
                    "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::string jar = ws.build(
      "app-1.4.jar",
      {{"Hello.class", "@classes/Hello.class"},
       {"META-INF/maven/com.example/app/pom.properties", pom_properties("com.example", "app", "1.4")},
       {"META-INF/maven/com.example/app/pom.xml",
        "<project><groupId>com.example</groupId><artifactId>app</artifactId><version>1.4</version>"
        "<licenses><license><name>Apache License, Version 2.0</name></license></licenses>"
        "<dependencies><dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId>"
        "<version>1.7.32</version></dependency></dependencies></project>"}},
      "Bundle-License: MIT\nImplementation-Vendor: Example Corp\n");
  ASSERT_FALSE(jar.empty());
  CatalogResult r = parse("opt/app-1.4.jar", jar);
  ASSERT_EQ(r.packages.size(), 1u);
  const Package& p = r.packages[0];
  EXPECT_EQ(package_key(p), "pkg:maven/com.example/app@1.4");
  EXPECT_EQ(p.licenses, (Keys{"Apache License, Version 2.0"}));  // the pom's, before Bundle-License
  EXPECT_EQ(p.supplier, "Example Corp");
  EXPECT_EQ(p.depends_on, (Keys{"pkg:maven/org.slf4j/slf4j-api@1.7.32"}));
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(JavaArchive, DerivesThePackageFromTheManifestWithoutMavenMetadata) {
  REQUIRE_JDK();
  JarWorkspace ws("manifest");
  std::string jar =
      ws.build("widget.jar", {{"res.txt", "x"}},
               "Implementation-Title: widget\nImplementation-Version: 4.2.1\n"
               "Implementation-Vendor-Id: com.example\nBundle-License: Apache-2.0;link=\"x\"\n");
  CatalogResult r = parse("widget.jar", jar);
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(package_key(r.packages[0]), "pkg:maven/com.example/widget@4.2.1");
  EXPECT_EQ(r.packages[0].licenses, (Keys{"Apache-2.0"}));
  EXPECT_EQ(r.packages[0].version_source, "");
}

TEST(JavaArchive, ReportsEveryPomOfAShadedJarAndPicksItselfByFileName) {
  REQUIRE_JDK();
  JarWorkspace ws("shaded");
  std::string jar = ws.build("tool-2.0-all.jar", {{"META-INF/maven/com.google.guava/guava/pom.properties",
                                                   pom_properties("com.google.guava", "guava", "32.1.2-jre")},
                                                  {"META-INF/maven/org.example/tool/pom.properties",
                                                   pom_properties("org.example", "tool", "2.0")}});
  CatalogResult r = parse("app/tool-2.0-all.jar", jar);
  ASSERT_EQ(r.packages.size(), 2u);
  const Package* tool = find_package(r, "tool");
  const Package* guava = find_package(r, "guava");
  ASSERT_TRUE(tool && guava);
  EXPECT_EQ(tool->path, "app/tool-2.0-all.jar");
  EXPECT_EQ(guava->path, "app/tool-2.0-all.jar!/META-INF/maven/com.google.guava/guava/pom.properties");
  EXPECT_EQ(tool->depends_on, (Keys{"pkg:maven/com.google.guava/guava@32.1.2-jre"}));
}

TEST(JavaArchive, OpensTheLibrariesOfASpringBootFatJar) {
  REQUIRE_JDK();
  JarWorkspace ws("fat");
  ws.build("a-1.0.jar", {{"META-INF/maven/org.a/a/pom.properties", pom_properties("org.a", "a", "1.0")}});
  ws.build("b-2.0.jar", {{"x.txt", "b"}}, "Implementation-Title: b\nImplementation-Version: 2.0\n");
  std::string fat = ws.build("demo.jar", {{"BOOT-INF/lib/a-1.0.jar", "@a-1.0.jar"},
                                          {"BOOT-INF/lib/b-2.0.jar", "@b-2.0.jar"},
                                          {"META-INF/maven/com.example/demo/pom.properties",
                                           pom_properties("com.example", "demo", "0.0.1-SNAPSHOT")}});
  CatalogResult r = run_row("app/demo.jar", fat);
  ASSERT_EQ(r.packages.size(), 3u);
  const Package* a = find_package(r, "a");
  const Package* b = find_package(r, "b");
  const Package* demo = find_package(r, "demo");
  ASSERT_TRUE(a && b && demo);
  EXPECT_EQ(a->path, "app/demo.jar!/BOOT-INF/lib/a-1.0.jar");
  EXPECT_EQ(b->path, "app/demo.jar!/BOOT-INF/lib/b-2.0.jar");
  EXPECT_EQ(package_key(*b), "pkg:maven/b@2.0");
  EXPECT_EQ(demo->path, "app/demo.jar");
  Keys deps = demo->depends_on;
  std::sort(deps.begin(), deps.end());
  EXPECT_EQ(deps, (Keys{"pkg:maven/b@2.0", "pkg:maven/org.a/a@1.0"}));
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(JavaArchive, OpensWebInfLibOfAWarAndArchivesNestedTwice) {
  REQUIRE_JDK();
  JarWorkspace ws("war");
  ws.build("inner-3.1.jar", {{"x", "x"}});
  ws.build("lib-1.0.jar", {{"META-INF/maven/org.l/lib/pom.properties", pom_properties("org.l", "lib", "1.0")},
                           {"nested/inner-3.1.jar", "@inner-3.1.jar"}});
  std::string war = ws.build("shop.war", {{"WEB-INF/lib/lib-1.0.jar", "@lib-1.0.jar"}, {"index.html", "<p>"}},
                             "Implementation-Title: shop\nImplementation-Version: 5\n");
  CatalogResult r = parse("srv/shop.war", war);
  ASSERT_EQ(r.packages.size(), 3u);
  const Package* inner = find_package(r, "inner");
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(inner->path, "srv/shop.war!/WEB-INF/lib/lib-1.0.jar!/nested/inner-3.1.jar");
  EXPECT_EQ(inner->version_source, "file name");
  EXPECT_EQ(find_package(r, "lib")->depends_on, (Keys{"pkg:maven/inner@3.1"}));
  EXPECT_EQ(find_package(r, "shop")->depends_on, (Keys{"pkg:maven/org.l/lib@1.0"}));
}

TEST(JavaArchive, StopsOpeningArchivesBelowTheDepthBound) {
  REQUIRE_JDK();
  JarWorkspace ws("deep");
  ws.build("l3-1.0.jar", {{"x", "x"}});
  ws.build("l2-1.0.jar", {{"lib/l3-1.0.jar", "@l3-1.0.jar"}});
  ws.build("l1-1.0.jar", {{"lib/l2-1.0.jar", "@l2-1.0.jar"}});
  std::string outer = ws.build("l0-1.0.jar", {{"lib/l1-1.0.jar", "@l1-1.0.jar"}});
  JavaArchiveOptions options;
  options.max_depth = 2;
  CatalogResult r = parse("l0-1.0.jar", outer, options);
  EXPECT_EQ(r.packages.size(), 3u);  // l0, l1, l2
  EXPECT_EQ(find_package(r, "l3"), nullptr);
  ASSERT_TRUE(has_diagnostic(r, "java.nesting-too-deep"));
  EXPECT_EQ(r.diagnostics[0].where.file, "l0-1.0.jar!/lib/l1-1.0.jar!/lib/l2-1.0.jar!/lib/l3-1.0.jar");
}

TEST(JavaArchive, StopsAtTheDecompressionBudgetAndKeepsWhatItRead) {
  REQUIRE_JDK();
  JarWorkspace ws("bomb");
  customs::testing::write_text(ws.root() / "zeros/zeros.bin", std::string(24u << 20, '\0'));
  // The inner jar stores 24 MiB uncompressed; the outer jar deflates it to a few KiB.
  ws.build("bomb-1.0.jar", {{"zeros.bin", "@zeros/zeros.bin"}}, "", /*store=*/true);
  std::string outer = ws.build("outer.jar", {{"lib/bomb-1.0.jar", "@bomb-1.0.jar"}},
                               "Implementation-Title: outer\nImplementation-Version: 1.0\n");
  ASSERT_LT(outer.size(), 1u << 20);
  JavaArchiveOptions options;
  options.limits.max_total_bytes = 4u << 20;
  CatalogResult r = parse("outer.jar", outer, options);
  EXPECT_TRUE(has_diagnostic(r, "java.zip-limit"));
  EXPECT_EQ(find_package(r, "bomb"), nullptr);
  ASSERT_NE(find_package(r, "outer"), nullptr);  // its manifest came first
}

TEST(JavaArchive, ReadsAnExecutableJarWithALauncherScriptInFront) {
  // Spring Boot's "fully executable" jars start with a shell script; the JVM reads the zip from
  // its central directory at the end, and so does the cataloger.
  std::string jar =
      "#!/bin/bash\nexec java -jar \"$0\" \"$@\"\n" + catalog_testdata("java/slf4j-api-1.7.32.jar");
  CatalogResult r = run_row("opt/app/slf4j-api.jar", jar);
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(package_key(r.packages[0]), "pkg:maven/org.slf4j/slf4j-api@1.7.32");
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(JavaArchive, DiagnosesBytesThatAreNotAZip) {
  CatalogResult r = run_row("opt/fake-1.0.jar", "#!/bin/sh\necho this is not a jar\n");
  EXPECT_TRUE(r.packages.empty());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "java.not-zip");
  EXPECT_EQ(r.diagnostics[0].where.file, "opt/fake-1.0.jar");
}

TEST(JavaArchive, DiagnosesATruncatedArchive) {
  std::string jar = catalog_testdata("java/slf4j-api-1.7.32.jar");
  CatalogResult r =
      run_row("usr/share/java/slf4j-api-1.7.32.jar", std::string_view(jar).substr(0, jar.size() / 2),
              /*truncated=*/true);
  EXPECT_TRUE(has_diagnostic(r, "java.truncated"));
  EXPECT_TRUE(has_diagnostic(r, "java.invalid-zip"));
}

TEST(JavaArchive, KeepsPomPropertiesWhenPomXmlIsMalformed) {
  REQUIRE_JDK();
  JarWorkspace ws("badpom");
  std::string jar =
      ws.build("x.jar", {{"META-INF/maven/g/x/pom.properties", pom_properties("g", "x", "1")},
                         {"META-INF/maven/g/x/pom.xml", "<project>\n<dependencies>\n<dependency>\n"}});
  CatalogResult r = parse("x.jar", jar);
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(package_key(r.packages[0]), "pkg:maven/g/x@1");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "java.pom-xml-malformed");
  EXPECT_EQ(r.diagnostics[0].where.file, "x.jar!/META-INF/maven/g/x/pom.xml");
  EXPECT_GT(r.diagnostics[0].where.line, 0);
}

TEST(JavaArchive, DiagnosesADamagedNestedArchiveAndKeepsTheOthers) {
  REQUIRE_JDK();
  JarWorkspace ws("damaged");
  ws.build("good-1.0.jar", {{"x", "x"}});
  customs::testing::write_text(ws.root() / "bad-1.0.jar", "PK\x03\x04 not really");
  std::string outer =
      ws.build("outer-1.0.jar", {{"lib/good-1.0.jar", "@good-1.0.jar"}, {"lib/bad-1.0.jar", "@bad-1.0.jar"}});
  CatalogResult r = parse("outer-1.0.jar", outer);
  EXPECT_NE(find_package(r, "good"), nullptr);
  EXPECT_EQ(find_package(r, "bad"), nullptr);
  EXPECT_NE(find_package(r, "outer"), nullptr);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "java.invalid-zip");
  EXPECT_EQ(r.diagnostics[0].where.file, "outer-1.0.jar!/lib/bad-1.0.jar");
}

}  // namespace
}  // namespace customs
