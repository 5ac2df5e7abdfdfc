// apk-installed. testdata/catalog/apk/installed is hand-written in the format of a real Alpine
// 3.19 lib/apk/db/installed (apk-tools is not packaged in Debian, so no real tool made it): the
// packages, versions, licences, origins, D:/p:/i:/r:/q:/k: lines and F/R/a/M/Z file lines of
// alpine:3.19, with made-up checksums, sizes and build times.
#include <gtest/gtest.h>

#include "catalog/apk/apk.h"
#include "catalog/catalog_test_util.h"

namespace customs {
namespace {

using customs::testing::catalog_testdata;
using customs::testing::find_package;
using customs::testing::run_parser;

// The apk installed database at its usual path, through parse_apk_installed.
CatalogResult run(std::string_view content, bool truncated = false) {
  return run_parser(parse_apk_installed, "lib/apk/db/installed", content, truncated);
}

TEST(ApkInstalled, ReadsEveryPackageOfAlpine319) {
  CatalogResult r = run(catalog_testdata("apk/installed"));
  EXPECT_EQ(r.packages.size(), 13u);
  EXPECT_TRUE(r.diagnostics.empty());
  const Package* musl = find_package(r, "musl");
  ASSERT_TRUE(musl);
  EXPECT_EQ(musl->type, PackageType::kApk);
  EXPECT_EQ(musl->version, "1.2.4_git20230717-r4");
  EXPECT_EQ(musl->arch, "x86_64");
  EXPECT_EQ(musl->licenses, (std::vector<std::string>{"MIT"}));
  EXPECT_EQ(musl->source_name, "musl");
  EXPECT_EQ(musl->source_version, "");
  EXPECT_EQ(musl->supplier, "Timo Teräs <timo.teras@iki.fi>");
  EXPECT_EQ(musl->homepage, "https://musl.libc.org/");
  EXPECT_EQ(musl->cataloger, "apk-installed");
  EXPECT_EQ(musl->path, "lib/apk/db/installed");
  EXPECT_EQ(musl->files, (std::vector<std::string>{"lib/ld-musl-x86_64.so.1", "lib/libc.musl-x86_64.so.1"}));
  EXPECT_TRUE(musl->depends_on.empty());
}

TEST(ApkInstalled, KeepsLicenceExpressionWhole) {
  CatalogResult r = run(catalog_testdata("apk/installed"));
  const Package* utils = find_package(r, "musl-utils");
  ASSERT_TRUE(utils);
  EXPECT_EQ(utils->licenses, (std::vector<std::string>{"MIT AND BSD-2-Clause AND GPL-2.0-or-later"}));
  const Package* certs = find_package(r, "ca-certificates-bundle");
  ASSERT_TRUE(certs);
  EXPECT_EQ(certs->licenses, (std::vector<std::string>{"MPL-2.0 AND MIT"}));
  EXPECT_EQ(certs->source_name, "ca-certificates");
}

TEST(ApkInstalled, ResolvesDependenciesByNameAndProvides) {
  CatalogResult r = run(catalog_testdata("apk/installed"));
  const Package* apk = find_package(r, "apk-tools");
  ASSERT_TRUE(apk);
  EXPECT_EQ(apk->depends_on, (std::vector<std::string>{
                                 "pkg:apk/musl@1.2.4_git20230717-r4",
                                 "pkg:apk/ca-certificates-bundle@20230506-r0",
                                 "pkg:apk/libcrypto3@3.1.4-r2",
                                 "pkg:apk/libssl3@3.1.4-r2",
                                 "pkg:apk/zlib@1.3-r2",
                             }));
  const Package* base = find_package(r, "alpine-baselayout");
  ASSERT_TRUE(base);
  // "/bin/sh" is provided by busybox-binsh.
  EXPECT_EQ(base->depends_on, (std::vector<std::string>{"pkg:apk/alpine-baselayout-data@3.4.3-r2",
                                                        "pkg:apk/busybox-binsh@1.36.1-r15"}));
}

TEST(ApkInstalled, IgnoresConflictsAndInstallIf) {
  CatalogResult r = run(catalog_testdata("apk/installed"));
  const Package* utils = find_package(r, "musl-utils");
  ASSERT_TRUE(utils);
  EXPECT_EQ(utils->depends_on,
            (std::vector<std::string>{"pkg:apk/scanelf@1.3.7-r2", "pkg:apk/musl@1.2.4_git20230717-r4"}));
  const Package* ssl_client = find_package(r, "ssl_client");
  ASSERT_TRUE(ssl_client);
  EXPECT_EQ(ssl_client->depends_on,
            (std::vector<std::string>{"pkg:apk/musl@1.2.4_git20230717-r4", "pkg:apk/libcrypto3@3.1.4-r2",
                                      "pkg:apk/libssl3@3.1.4-r2"}));
}

TEST(ApkInstalled, FilesJoinDirectoryAndName) {
  CatalogResult r = run(catalog_testdata("apk/installed"));
  const Package* busybox = find_package(r, "busybox");
  ASSERT_TRUE(busybox);
  EXPECT_EQ(busybox->files, (std::vector<std::string>{"bin/busybox", "etc/securetty", "etc/udhcpd.conf"}));
  const Package* base = find_package(r, "alpine-baselayout");
  ASSERT_TRUE(base);
  // Directories (F: without R:) are not files.
  EXPECT_EQ(base->files,
            (std::vector<std::string>{"etc/profile.d/color_prompt.sh.disabled", "etc/profile.d/locale.sh"}));
}

TEST(ApkInstalled, TokenNames) {
  EXPECT_EQ(apk_token_name("so:libc.musl-x86_64.so.1"), "so:libc.musl-x86_64.so.1");
  EXPECT_EQ(apk_token_name("so:libz.so.1=1.3"), "so:libz.so.1");
  EXPECT_EQ(apk_token_name("musl>=1.2.3_git20230424"), "musl");
  EXPECT_EQ(apk_token_name("musl<2"), "musl");
  EXPECT_EQ(apk_token_name("foo~1.2"), "foo");
  EXPECT_EQ(apk_token_name("!uclibc-utils"), "uclibc-utils");
  EXPECT_EQ(apk_token_name(""), "");
}

TEST(ApkInstalled, ReportsMalformedRecordsAndKeepsTheOthers) {
  CatalogResult r = run("P:a\nV:1\nthis is junk\n\nV:2\nA:x86_64\n\nP:b\n\nP:c\nV:3\nD:a nothere\n");
  ASSERT_EQ(r.packages.size(), 3u);
  EXPECT_EQ(r.packages[0].name, "a");
  EXPECT_EQ(r.packages[1].name, "b");
  EXPECT_EQ(r.packages[1].version, "");
  EXPECT_EQ(r.packages[2].depends_on, (std::vector<std::string>{"pkg:apk/a@1"}));
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].code, "apk.malformed-line");
  EXPECT_EQ(r.diagnostics[0].where.line, 3);
  EXPECT_EQ(r.diagnostics[1].code, "apk.missing-name");
  EXPECT_EQ(r.diagnostics[1].where.line, 5);
  EXPECT_EQ(r.diagnostics[2].code, "apk.missing-version");
  EXPECT_EQ(r.diagnostics[2].where.line, 8);
}

TEST(ApkInstalled, TruncatedDatabaseKeepsWholeRecords) {
  std::string db = catalog_testdata("apk/installed");
  CatalogResult r = run(std::string_view(db).substr(0, db.size() / 2), true);
  EXPECT_GT(r.packages.size(), 3u);
  EXPECT_LT(r.packages.size(), 13u);
  EXPECT_EQ(r.packages[0].name, "musl");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "apk.truncated");
}

TEST(ApkInstalled, SelfDependencyAndDuplicatesAreDropped) {
  CatalogResult r = run("P:a\nV:1\np:so:liba.so=1\nD:so:liba.so a b b=1\n\nP:b\nV:1\n");
  ASSERT_EQ(r.packages.size(), 2u);
  EXPECT_EQ(r.packages[0].depends_on, (std::vector<std::string>{"pkg:apk/b@1"}));
}

TEST(ApkInstalled, WantsTheDatabasePaths) {
  std::vector<Cataloger> rows = apk_catalogers();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].name, "apk-installed");
  FsEntry e;
  e.size = 1000;
  for (const char* p : {"lib/apk/db/installed", "usr/lib/apk/db/installed"}) {
    e.path = p;
    EXPECT_EQ(rows[0].wants(e), 1000u);
  }
  e.path = "lib/apk/db/installed.bak";
  EXPECT_EQ(rows[0].wants(e), 0u);
}

}  // namespace
}  // namespace customs
