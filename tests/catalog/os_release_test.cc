// OS catalogers: os-release(5), lsb-release, alpine-release, debian_version, redhat-release.
// Fixtures in testdata/catalog/os/ are copies of the lab's real Debian 12 (debian-12-os-release,
// debian_version) and Rocky-like rootfs (rocky-*); the others below are real files' text.
#include <gtest/gtest.h>

#include "catalog/catalog_test_util.h"
#include "catalog/os/os_release.h"

namespace customs {
namespace {

using customs::testing::catalog_testdata;
using customs::testing::cataloger_row;
using customs::testing::run_catalogers_that_want;

// Runs the row that wants `path` over `content`, as the catalog stage does.
CatalogResult run(std::string_view path, std::string_view content) {
  return run_catalogers_that_want(os_release_catalogers(), path, content);
}

TEST(OsRelease, ReadsDebian12) {
  CatalogResult r = run("etc/os-release", catalog_testdata("os/debian-12-os-release"));
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "debian");
  EXPECT_EQ(r.os->version_id, "12");
  EXPECT_EQ(r.os->codename, "bookworm");
  EXPECT_EQ(r.os->pretty_name, "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(r.os->id_like, "");
  EXPECT_EQ(r.os->source, "etc/os-release");
  EXPECT_EQ(r.os->priority, 100);
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(OsRelease, UsrLibOsReleaseHasLowerPriority) {
  CatalogResult r = run("usr/lib/os-release", catalog_testdata("os/debian-12-os-release"));
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->source, "usr/lib/os-release");
  EXPECT_EQ(r.os->priority, 90);
}

TEST(OsRelease, ReadsRockyWithIdLike) {
  CatalogResult r = run("etc/os-release", catalog_testdata("os/rocky-os-release"));
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "rocky");
  EXPECT_EQ(r.os->version_id, "9.2");
  EXPECT_EQ(r.os->id_like, "rhel centos fedora");
  EXPECT_EQ(r.os->pretty_name, "Rocky Linux 9.2 (Blue Onyx)");
}

TEST(OsRelease, DistrolessKeepsDebianIdAndItsPrettyName) {
  // gcr.io/distroless/static-debian12 etc/os-release.
  CatalogResult r =
      run("etc/os-release",
          "PRETTY_NAME=\"Distroless\"\nNAME=\"Debian GNU/Linux\"\nID=\"debian\"\nVERSION_ID=\"12\"\n"
          "VERSION=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_CODENAME=bookworm\n"
          "HOME_URL=\"https://github.com/GoogleContainerTools/distroless\"\n");
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "debian");
  EXPECT_EQ(r.os->version_id, "12");
  EXPECT_EQ(r.os->codename, "bookworm");
  EXPECT_EQ(r.os->pretty_name, "Distroless");
}

TEST(OsRelease, UbuntuCodenameFallsBackToUbuntuCodename) {
  CatalogResult r =
      run("etc/os-release",
          "NAME=\"Ubuntu\"\nVERSION=\"22.04.3 LTS (Jammy Jellyfish)\"\nID=ubuntu\nID_LIKE=debian\n"
          "PRETTY_NAME=\"Ubuntu 22.04.3 LTS\"\nVERSION_ID=\"22.04\"\nUBUNTU_CODENAME=jammy\n");
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "ubuntu");
  EXPECT_EQ(r.os->version_id, "22.04");
  EXPECT_EQ(r.os->codename, "jammy");
  EXPECT_EQ(r.os->id_like, "debian");
}

TEST(OsRelease, UnquotesLikeTheShell) {
  std::vector<int> bad;
  auto a = parse_shell_assignments(
      "A=\"x \\\"y\\\" \\$z \\n\"\nB='it''s \\n'\nC=plain\\ word\nD=\"a\"'b'c # comment\n# c\n\nE=\n", bad);
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0].value, "x \"y\" $z \\n");
  EXPECT_EQ(a[1].value, "its \\n");
  EXPECT_EQ(a[2].value, "plain word");
  EXPECT_EQ(a[3].value, "abc");
  EXPECT_EQ(a[4].key, "E");
  EXPECT_EQ(a[4].value, "");
  EXPECT_EQ(a[4].line, 7);
  EXPECT_TRUE(bad.empty());
}

TEST(OsRelease, ReportsMalformedLinesAndKeepsTheRest) {
  CatalogResult r = run("etc/os-release", "ID=alpine\nNAME=\"Alpine\nthis is not\nVERSION_ID=3.19.1\n1X=2\n");
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "alpine");
  EXPECT_EQ(r.os->version_id, "3.19.1");
  EXPECT_EQ(r.os->pretty_name, "alpine 3.19.1");
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].code, "os.malformed-line");
  EXPECT_EQ(r.diagnostics[0].where.line, 2);
  EXPECT_EQ(r.diagnostics[1].where.line, 3);
  EXPECT_EQ(r.diagnostics[2].where.line, 5);
}

TEST(OsRelease, MissingIdDefaultsToLinux) {
  CatalogResult r = run("etc/os-release", "NAME=Something\nVERSION=\"1 (x)\"\n");
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "linux");
  EXPECT_EQ(r.os->pretty_name, "Something 1 (x)");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "os.missing-id");
}

TEST(OsRelease, EmptyOrBinaryFileGivesNoOsAndADiagnostic) {
  CatalogResult r = run("etc/os-release", std::string("\x7f"
                                                      "ELF\0\0",
                                                      6));
  EXPECT_FALSE(r.os);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics.back().code, "os.no-distribution");
}

TEST(OsRelease, HigherPriorityWinsWhateverTheOrder) {
  CatalogResult r;
  CatalogFile dv{"etc/debian_version", "12.4\n", false, 0644};
  CatalogFile osr{"etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", false, 0644};
  parse_os_release_file(osr, r);
  parse_debian_version_file(dv, r);
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->source, "etc/os-release");
  CatalogResult r2;
  parse_debian_version_file(dv, r2);
  parse_os_release_file(osr, r2);
  EXPECT_EQ(r2.os->source, "etc/os-release");
}

TEST(LsbRelease, ReadsUbuntu) {
  CatalogResult r = run("etc/lsb-release",
                        "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\n"
                        "DISTRIB_DESCRIPTION=\"Ubuntu 22.04.3 LTS\"\n");
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "ubuntu");
  EXPECT_EQ(r.os->version_id, "22.04");
  EXPECT_EQ(r.os->codename, "jammy");
  EXPECT_EQ(r.os->pretty_name, "Ubuntu 22.04.3 LTS");
  EXPECT_EQ(r.os->priority, 40);
  EXPECT_EQ(r.os->source, "etc/lsb-release");
}

TEST(LsbRelease, WithoutDistribIdGivesADiagnostic) {
  CatalogResult r = run("etc/lsb-release", "DISTRIB_RELEASE=22.04\n");
  EXPECT_FALSE(r.os);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "os.missing-id");
}

TEST(AlpineRelease, ReadsVersion) {
  CatalogResult r = run("etc/alpine-release", "3.19.1\n");
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "alpine");
  EXPECT_EQ(r.os->version_id, "3.19.1");
  EXPECT_EQ(r.os->pretty_name, "Alpine Linux v3.19");
  EXPECT_EQ(r.os->priority, 80);
  EXPECT_EQ(r.os->source, "etc/alpine-release");
}

TEST(AlpineRelease, GarbageGivesADiagnostic) {
  CatalogResult r = run("etc/alpine-release", "hello world\n");
  EXPECT_FALSE(r.os);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "os.unrecognized");
  EXPECT_EQ(r.diagnostics[0].where.line, 1);
}

TEST(DebianVersion, PointReleaseGivesMajorVersionAndCodename) {
  CatalogResult r = run("etc/debian_version", catalog_testdata("os/debian_version"));
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "debian");
  EXPECT_EQ(r.os->version_id, "12");
  EXPECT_EQ(r.os->codename, "bookworm");
  EXPECT_EQ(r.os->pretty_name, "Debian GNU/Linux 12.15");
  EXPECT_EQ(r.os->priority, 50);
}

TEST(DebianVersion, TestingValueGivesCodenameOnly) {
  std::optional<OsInfo> info = parse_debian_version("trixie/sid\n");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->version_id, "");
  EXPECT_EQ(info->codename, "trixie");
  EXPECT_EQ(info->pretty_name, "Debian GNU/Linux trixie/sid");
  EXPECT_FALSE(parse_debian_version("not a/version\n"));
  EXPECT_FALSE(parse_debian_version("/\n"));
}

TEST(DebianVersion, EmptyFileGivesADiagnostic) {
  CatalogResult r = run("etc/debian_version", "");
  EXPECT_FALSE(r.os);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "os.unrecognized");
}

TEST(RedhatRelease, ReadsRocky) {
  CatalogResult r = run("etc/redhat-release", catalog_testdata("os/rocky-redhat-release"));
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "rocky");
  EXPECT_EQ(r.os->version_id, "9.2");
  EXPECT_EQ(r.os->codename, "Blue Onyx");
  EXPECT_EQ(r.os->pretty_name, "Rocky Linux release 9.2 (Blue Onyx)");
  EXPECT_EQ(r.os->id_like, "rhel centos fedora");
  EXPECT_EQ(r.os->priority, 60);
  EXPECT_EQ(r.os->source, "etc/redhat-release");
}

TEST(RedhatRelease, KnowsTheFamily) {
  struct Case {
    const char* line;
    const char* id;
    const char* version;
    const char* codename;
  };
  for (const Case& c :
       {Case{"CentOS Linux release 7.9.2009 (Core)", "centos", "7.9.2009", "Core"},
        Case{"CentOS Stream release 9", "centos", "9", ""},
        Case{"Red Hat Enterprise Linux Server release 7.9 (Maipo)", "rhel", "7.9", "Maipo"},
        Case{"AlmaLinux release 9.3 (Shamrock Pampas Cat)", "almalinux", "9.3", "Shamrock Pampas Cat"},
        Case{"Fedora release 39 (Thirty Nine)", "fedora", "39", "Thirty Nine"},
        Case{"Mystery OS release 2.0", "mystery", "2.0", ""}}) {
    std::optional<OsInfo> info = parse_redhat_release_line(c.line);
    ASSERT_TRUE(info) << c.line;
    EXPECT_EQ(info->id, c.id) << c.line;
    EXPECT_EQ(info->version_id, c.version) << c.line;
    EXPECT_EQ(info->codename, c.codename) << c.line;
  }
  EXPECT_FALSE(parse_redhat_release_line("no version here"));
  EXPECT_FALSE(parse_redhat_release_line(" release 9"));
}

TEST(RedhatRelease, WantsOnlyTheFamilyFiles) {
  const Cataloger& c = cataloger_row("redhat-release");
  FsEntry e;
  e.size = 40;
  for (const char* p : {"etc/redhat-release", "etc/centos-release", "etc/fedora-release", "etc/rocky-release",
                        "etc/almalinux-release"}) {
    e.path = p;
    EXPECT_EQ(c.wants(e), 40u) << p;
  }
  e.path = "etc/system-release-cpe";
  EXPECT_EQ(c.wants(e), 0u);
  e.path = "etc/redhat-release.rpmnew";
  EXPECT_EQ(c.wants(e), 0u);
}

TEST(OsRelease, HugeFileIsReadOnlyInPartAndSaysSo) {
  std::string big = "ID=debian\n" + std::string(100000, '#') + "\n";
  CatalogResult r = run("etc/os-release", big);
  ASSERT_TRUE(r.os);
  EXPECT_EQ(r.os->id, "debian");
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].code, "os.truncated");
}

}  // namespace
}  // namespace customs
