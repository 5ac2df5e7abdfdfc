// dpkg catalogers. Fixtures in testdata/catalog/dpkg/ are copies from the lab's real Debian 12
// rootfs (/var/tmp/lab/rootfs-debian): `status` is its first 32 paragraphs with two Status lines
// edited by hand (diffutils -> "deinstall ok config-files", hostname -> "purge ok not-installed");
// info/*.list and doc/*/copyright are unchanged; status.d/bash is bash's paragraph without its
// Status line and status.d/bash.md5sums is info/bash.md5sums, laid out as distroless does.
// DpkgReal runs the real dpkg into a temp root.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "catalog/catalog_test_util.h"
#include "catalog/dpkg/deb822.h"
#include "catalog/dpkg/dpkg.h"
#include "scratch_dir.h"

namespace customs {
namespace {

using customs::testing::catalog_testdata;
using customs::testing::find_package;
using customs::testing::read_file;
using customs::testing::run_catalogers_that_want;

// Runs every dpkg row that wants `path` over `content`, as the catalog stage does.
CatalogResult run(std::string_view path, std::string_view content) {
  return run_catalogers_that_want(dpkg_catalogers(), path, content);
}

TEST(DpkgStatus, ReadsTheRealDebianStatus) {
  CatalogResult r = run("var/lib/dpkg/status", catalog_testdata("dpkg/status"));
  EXPECT_EQ(r.packages.size(), 30u);
  EXPECT_TRUE(r.diagnostics.empty());
  const Package* bash = find_package(r, "bash");
  ASSERT_TRUE(bash);
  EXPECT_EQ(bash->type, PackageType::kDeb);
  EXPECT_EQ(bash->version, "5.2.15-2+b13");
  EXPECT_EQ(bash->arch, "amd64");
  EXPECT_EQ(bash->source_name, "bash");
  EXPECT_EQ(bash->source_version, "5.2.15-2");
  EXPECT_EQ(bash->supplier, "Matthias Klose <doko@debian.org>");
  EXPECT_EQ(bash->homepage, "http://tiswww.case.edu/php/chet/bash/bashtop.html");
  EXPECT_EQ(bash->cataloger, "dpkg-status");
  EXPECT_EQ(bash->path, "var/lib/dpkg/status");
  EXPECT_EQ(bash->origin, PackageOrigin::kInstalled);
  EXPECT_TRUE(bash->licenses.empty());
  EXPECT_EQ(bash->depends_on.size(), 3u);  // libc6, base-files, debianutils: see below
}

TEST(DpkgStatus, SourceWithoutVersionAndWithEpoch) {
  CatalogResult r = run("var/lib/dpkg/status", catalog_testdata("dpkg/status"));
  const Package* libc6 = find_package(r, "libc6");
  ASSERT_TRUE(libc6);
  EXPECT_EQ(libc6->source_name, "glibc");
  EXPECT_EQ(libc6->source_version, "");
  const Package* libcap2 = find_package(r, "libcap2");
  ASSERT_TRUE(libcap2);
  EXPECT_EQ(libcap2->version, "1:2.66-4+deb12u3+b1");
  EXPECT_EQ(libcap2->source_name, "libcap2");
  EXPECT_EQ(libcap2->source_version, "1:2.66-4+deb12u3");
  const Package* adduser = find_package(r, "adduser");
  ASSERT_TRUE(adduser);
  EXPECT_EQ(adduser->arch, "all");
  EXPECT_EQ(adduser->source_name, "");  // no Source field: the metadata names none
}

// The names of the packages `pkg` depends on, in the order the relations name them.
std::vector<std::string> dependency_names(const CatalogResult& r, const Package& pkg) {
  std::vector<std::string> names;
  for (const std::string& key : pkg.depends_on) {
    for (const Package& p : r.packages) {
      if (package_key(p.type, p.namespace_, p.name, p.version) == key) names.push_back(p.name);
    }
  }
  return names;
}

TEST(DebRelations, SplitsRelationsAndAlternativesAndDropsQualifiers) {
  using Groups = std::vector<std::vector<std::string_view>>;
  EXPECT_EQ(parse_deb_relations("libc6 (>= 2.34), debconf (>= 0.5) | debconf-2.0, perl:any, python3:amd64"),
            (Groups{{"libc6"}, {"debconf", "debconf-2.0"}, {"perl"}, {"python3"}}));
  EXPECT_EQ(parse_deb_relations("foo [amd64] <!nocheck>,,  bar|baz\n , "), (Groups{{"foo"}, {"bar", "baz"}}));
  EXPECT_EQ(parse_deb_relations(""), Groups{});
}

// Depends and Pre-Depends go to installed packages: the first installed alternative, else a
// package that Provides the name; missing ones, itself and repeats are left out.
TEST(DpkgStatus, ResolvesDependsAndPreDependsWithinTheFile) {
  CatalogResult r = run("var/lib/dpkg/status",
                        "Package: app\nStatus: install ok installed\nVersion: 1\n"
                        "Pre-Depends: libc6 (>= 2.34)\n"
                        "Depends: missing | mail-transport-agent, libc6, app, gone, awk | mawk\n\n"
                        "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n\n"
                        "Package: postfix\nStatus: install ok installed\nVersion: 3.7\n"
                        "Provides: mail-transport-agent, default-mta (= 3.7)\n\n"
                        "Package: gone\nStatus: deinstall ok config-files\nVersion: 1\n\n"
                        "Package: mawk\nStatus: install ok installed\nVersion: 1.3.4\nProvides: awk\n");
  const Package* app = find_package(r, "app");
  ASSERT_TRUE(app);
  EXPECT_EQ(dependency_names(r, *app), (std::vector<std::string>{"libc6", "postfix", "mawk"}));
  EXPECT_EQ(app->depends_on[0], package_key(PackageType::kDeb, "", "libc6", "2.36-9"));
  EXPECT_TRUE(find_package(r, "libc6")->depends_on.empty());
}

TEST(DpkgStatus, ResolvesTheDependenciesOfTheRealDebianStatus) {
  CatalogResult r = run("var/lib/dpkg/status", catalog_testdata("dpkg/status"));
  const Package* apt = find_package(r, "apt");
  ASSERT_TRUE(apt);
  // libgcc-s1, libgnutls30, libseccomp2, libstdc++6 and libsystemd0 are not in this cut of the file.
  EXPECT_EQ(dependency_names(r, *apt), (std::vector<std::string>{"adduser", "gpgv", "libapt-pkg6.0",
                                                                 "debian-archive-keyring", "libc6"}));
  const Package* bash = find_package(r, "bash");
  ASSERT_TRUE(bash);
  EXPECT_EQ(dependency_names(r, *bash), (std::vector<std::string>{"libc6", "base-files", "debianutils"}));
}

TEST(DpkgStatus, SkipsPackagesThatAreNotInstalled) {
  CatalogResult r = run("var/lib/dpkg/status", catalog_testdata("dpkg/status"));
  EXPECT_FALSE(find_package(r, "diffutils"));  // deinstall ok config-files
  EXPECT_FALSE(find_package(r, "hostname"));   // purge ok not-installed
}

TEST(DpkgStatus, StatesWithFilesOnDisk) {
  EXPECT_TRUE(dpkg_status_has_files("install ok installed"));
  EXPECT_TRUE(dpkg_status_has_files("hold ok installed"));
  EXPECT_TRUE(dpkg_status_has_files("install reinstreq half-installed"));
  EXPECT_TRUE(dpkg_status_has_files("install ok unpacked"));
  EXPECT_TRUE(dpkg_status_has_files("install ok triggers-pending"));
  EXPECT_FALSE(dpkg_status_has_files("deinstall ok config-files"));
  EXPECT_FALSE(dpkg_status_has_files("purge ok not-installed"));
  EXPECT_FALSE(dpkg_status_has_files("installed"));
}

TEST(DpkgStatus, ParsesSourceField) {
  DebSource a = parse_deb_source("openssl (3.0.11-1~deb12u2)");
  EXPECT_EQ(a.name, "openssl");
  EXPECT_EQ(a.version, "3.0.11-1~deb12u2");
  DebSource b = parse_deb_source(" glibc ");
  EXPECT_EQ(b.name, "glibc");
  EXPECT_EQ(b.version, "");
  DebSource c = parse_deb_source("x (1.0");
  EXPECT_EQ(c.name, "x");
  EXPECT_EQ(c.version, "1.0");
}

TEST(DpkgStatus, ReportsMalformedLinesWithTheirLineNumbers) {
  CatalogResult r = run("var/lib/dpkg/status",
                        " orphan continuation\nPackage: a\nVersion: 1\nno colon here\n\nVersion: 2\n\n"
                        "Package: b\nStatus: install\nVersion: 3\n\nPackage: c\n");
  ASSERT_EQ(r.packages.size(), 2u);
  EXPECT_EQ(r.packages[0].name, "a");
  EXPECT_EQ(r.packages[1].name, "c");
  EXPECT_EQ(r.packages[1].version, "");
  ASSERT_EQ(r.diagnostics.size(), 5u);
  EXPECT_EQ(r.diagnostics[0].code, "dpkg.missing-package");
  EXPECT_EQ(r.diagnostics[0].where.line, 6);
  EXPECT_EQ(r.diagnostics[1].code, "dpkg.malformed-status");
  EXPECT_EQ(r.diagnostics[1].where.line, 9);
  EXPECT_EQ(r.diagnostics[2].code, "dpkg.missing-version");
  EXPECT_EQ(r.diagnostics[2].where.line, 12);
  EXPECT_EQ(r.diagnostics[3].code, "dpkg.malformed-line");
  EXPECT_EQ(r.diagnostics[3].where.line, 1);
  EXPECT_EQ(r.diagnostics[4].where.line, 4);
  EXPECT_EQ(r.diagnostics[4].where.file, "var/lib/dpkg/status");
}

TEST(DpkgStatus, TruncatedStatusKeepsWholeParagraphsAndSaysSo) {
  std::string status = catalog_testdata("dpkg/status");
  CatalogFile file{"var/lib/dpkg/status", std::string_view(status).substr(0, status.size() / 2), true, 0644};
  CatalogResult r;
  parse_dpkg_status(file, r);
  EXPECT_GT(r.packages.size(), 5u);
  EXPECT_LT(r.packages.size(), 30u);
  for (const Package& p : r.packages) EXPECT_FALSE(p.version.empty()) << p.name;
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "dpkg.truncated");
}

TEST(DpkgStatus, ManyMalformedLinesAreCapped) {
  std::string junk;
  for (int i = 0; i < 1000; ++i) junk += "junk\n";
  CatalogResult r = run("var/lib/dpkg/status", junk + "Package: z\nVersion: 1\n");
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.diagnostics.size(), kMaxDeb822Errors + 1);
  EXPECT_EQ(r.diagnostics.back().message, "980 more malformed lines not reported");
}

TEST(DpkgStatusD, ReadsDistrolessPerPackageFiles) {
  CatalogResult r = run("var/lib/dpkg/status.d/bash", catalog_testdata("dpkg/status.d/bash"));
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].name, "bash");
  EXPECT_EQ(r.packages[0].version, "5.2.15-2+b13");
  EXPECT_EQ(r.packages[0].path, "var/lib/dpkg/status.d/bash");
  EXPECT_TRUE(r.facts.empty());
  CatalogResult two =
      run("var/lib/dpkg/status.d/libssl3",
          "Package: libssl3\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\nSource: openssl\n\n"
          "Package: openssl\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\n");
  ASSERT_EQ(two.packages.size(), 2u);
  EXPECT_EQ(two.packages[1].name, "openssl");
}

TEST(DpkgFiles, ReadsMultiArchListFile) {
  CatalogResult r =
      run("var/lib/dpkg/info/libcap2:amd64.list", catalog_testdata("dpkg/info/libcap2:amd64.list"));
  ASSERT_EQ(r.facts.size(), 1u);
  const PackageFacts& f = r.facts[0];
  EXPECT_EQ(f.type, PackageType::kDeb);
  EXPECT_EQ(f.package, "libcap2");
  EXPECT_EQ(f.arch, "amd64");
  ASSERT_EQ(f.files.size(), 14u);  // 15 lines without "/."
  EXPECT_EQ(f.files[0], "lib");
  EXPECT_EQ(f.files[2], "lib/x86_64-linux-gnu/libcap.so.2.66");
  EXPECT_EQ(f.files.back(), "lib/x86_64-linux-gnu/libpsx.so.2");
  EXPECT_TRUE(r.packages.empty());
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(DpkgFiles, ListWithoutArchAndLarger) {
  CatalogResult r = run("var/lib/dpkg/info/base-files.list", catalog_testdata("dpkg/info/base-files.list"));
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].package, "base-files");
  EXPECT_EQ(r.facts[0].arch, "");
  EXPECT_EQ(r.facts[0].files.size(), 87u);
  CatalogResult libc =
      run("var/lib/dpkg/info/libc6:amd64.list", catalog_testdata("dpkg/info/libc6:amd64.list"));
  ASSERT_EQ(libc.facts.size(), 1u);
  EXPECT_EQ(libc.facts[0].files.size(), 301u);
  EXPECT_EQ(libc.facts[0].files[2], "etc/ld.so.conf.d/x86_64-linux-gnu.conf");
}

TEST(DpkgFiles, ReportsRelativeLinesInListFile) {
  CatalogResult r = run("var/lib/dpkg/info/x.list", "/.\n/usr\nrelative\n\n/usr/bin/x\n");
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].files, (std::vector<std::string>{"usr", "usr/bin/x"}));
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "dpkg.malformed-line");
  EXPECT_EQ(r.diagnostics[0].where.line, 3);
}

TEST(DpkgFiles, ReadsDistrolessMd5sums) {
  CatalogResult r = run("var/lib/dpkg/status.d/bash.md5sums", catalog_testdata("dpkg/status.d/bash.md5sums"));
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_TRUE(r.packages.empty());
  EXPECT_EQ(r.facts[0].package, "bash");
  EXPECT_EQ(r.facts[0].files.size(), 65u);
  EXPECT_EQ(r.facts[0].files[0], "bin/bash");
  EXPECT_EQ(r.facts[0].files[1], "usr/bin/bashbug");
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(DpkgFiles, Md5sumsWithBadLines) {
  CatalogResult r =
      run("var/lib/dpkg/status.d/z.md5sums",
          "2a76f5df90ba1375b6e6d825c4a28b2d  bin/z\nnot-a-sum  x\n2a76f5df90ba1375b6e6d825c4a28b2d\n");
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].files, (std::vector<std::string>{"bin/z"}));
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].where.line, 2);
  EXPECT_EQ(r.diagnostics[1].where.line, 3);
}

TEST(DpkgFiles, InfoMd5sumsAndOtherInfoFilesAreNotWanted) {
  for (const Cataloger& c : dpkg_catalogers()) {
    FsEntry e;
    e.size = 10;
    for (const char* p :
         {"var/lib/dpkg/info/bash.md5sums", "var/lib/dpkg/info/bash.postinst", "var/lib/dpkg/status-old",
          "var/lib/dpkg/info/sub/x.list", "usr/share/doc/copyright", "usr/share/doc/a/b/copyright",
          "var/lib/dpkg/available"}) {
      e.path = p;
      EXPECT_EQ(c.wants(e), 0u) << c.name << " " << p;
    }
  }
}

TEST(DpkgCopyright, ReadsDep5LicenceNames) {
  CatalogResult r = run("usr/share/doc/libcap2/copyright", catalog_testdata("dpkg/doc/libcap2/copyright"));
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].package, "libcap2");
  EXPECT_EQ(r.facts[0].licenses, (std::vector<std::string>{"BSD-3-clause", "GPL-2", "GPL-2+"}));
  EXPECT_TRUE(r.facts[0].files.empty());
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(DpkgCopyright, KeepsExceptionsWithTheirLicence) {
  CatalogResult r = run("usr/share/doc/bash/copyright", catalog_testdata("dpkg/doc/bash/copyright"));
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].licenses,
            (std::vector<std::string>{"GPL-3+", "GPL-3+ with Bison exception", "GPL-2+", "GFDL-NIV-1.3",
                                      "Latex2e", "BSD-4-clause-UC", "MIT-like", "permissive"}));
}

TEST(DpkgCopyright, SplitsDep5Expressions) {
  EXPECT_EQ(dep5_license_names("GPL-2+ or Artistic, and BSD-3-clause"),
            (std::vector<std::string>{"GPL-2+", "Artistic", "BSD-3-clause"}));
  EXPECT_EQ(dep5_license_names("MIT/X11"), (std::vector<std::string>{"MIT/X11"}));
  EXPECT_EQ(dep5_license_names("GPL-2 with Linux-syscall-note exception OR MIT"),
            (std::vector<std::string>{"GPL-2 with Linux-syscall-note exception", "MIT"}));
  EXPECT_TRUE(dep5_license_names("").empty());
  EXPECT_TRUE(dep5_license_names(" , or and").empty());
}

TEST(DpkgCopyright, FreeTextFileGivesCommonLicenceReferences) {
  CatalogResult r = run("usr/share/doc/libc6/copyright", catalog_testdata("dpkg/doc/libc6/copyright"));
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].package, "libc6");
  EXPECT_EQ(r.facts[0].licenses, (std::vector<std::string>{"LGPL-2.1", "GPL-2"}));
  CatalogResult s = run("usr/share/doc/x/copyright",
                        "see /usr/share/common-licenses/GPL. and /usr/share/common-licenses/Nonsense-9\n");
  ASSERT_EQ(s.facts.size(), 1u);
  EXPECT_EQ(s.facts[0].licenses, (std::vector<std::string>{"GPL"}));
  CatalogResult none = run("usr/share/doc/y/copyright", "All rights reserved.\n");
  EXPECT_TRUE(none.facts.empty());
  EXPECT_TRUE(none.diagnostics.empty());
}

TEST(DpkgCopyright, ReadsOnlyTheFirst256KiB) {
  std::string big =
      "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
      "Files: *\nLicense: MIT\n" +
      std::string(300 * 1024, 'x') + "\n\nFiles: y\nLicense: Zlib\n";
  FsEntry e;
  e.path = "usr/share/doc/big/copyright";
  e.size = big.size();
  EXPECT_EQ(dpkg_catalogers()[2].wants(e), 256u * 1024);
  CatalogResult r = run(e.path, big);
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].licenses, (std::vector<std::string>{"MIT"}));
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].code, "dpkg.malformed-copyright");
  EXPECT_EQ(r.diagnostics[0].where.line, 5);
  EXPECT_EQ(r.diagnostics[1].code, "dpkg.truncated");
}

// Builds two packages with dpkg-deb, installs them with dpkg into a temp root and removes one
// (it keeps a conffile, so it stays as "deinstall ok config-files").
TEST(DpkgReal, StatusWrittenByDpkg) {
  if (std::system("command -v dpkg >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "dpkg or dpkg-deb not installed";
  }
  namespace fs = std::filesystem;
  testing::ScratchDir scratch("customs-dpkg");
  fs::path dir = scratch.path();
  fs::create_directories(dir / "root/var/lib/dpkg/info");
  fs::create_directories(dir / "root/var/lib/dpkg/updates");
  fs::create_directories(dir / "hello/DEBIAN");
  fs::create_directories(dir / "hello/usr/share/doc/hello-customs");
  fs::create_directories(dir / "gone/DEBIAN");
  fs::create_directories(dir / "gone/etc");
  std::ofstream(dir / "root/var/lib/dpkg/status").close();
  std::ofstream(dir / "hello/DEBIAN/control")
      << "Package: hello-customs\nVersion: 1:1.2-3\nArchitecture: amd64\nMaintainer: Lab "
         "<lab@example.invalid>\n"
         "Source: hello-src (1.2-1)\nHomepage: https://example.invalid/hello\nDescription: test\n long "
         "text\n";
  std::ofstream(dir / "hello/usr/share/doc/hello-customs/copyright")
      << "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
         "Files: *\nCopyright: 2024 Lab\nLicense: MIT or Apache-2.0\n";
  std::ofstream(dir / "gone/DEBIAN/control")
      << "Package: gone-customs\nVersion: 2.0\nArchitecture: all\nMaintainer: Lab <lab@example.invalid>\n"
         "Description: removed\n";
  std::ofstream(dir / "gone/DEBIAN/conffiles") << "/etc/gone.conf\n";
  std::ofstream(dir / "gone/etc/gone.conf") << "x\n";
  std::string d = dir.string();
  std::string dpkg = "dpkg --root=" + d + "/root --force-all --log=/dev/null";
  std::string cmd = "cd " + d + " && dpkg-deb --root-owner-group --build hello hello.deb && " +
                    "dpkg-deb --root-owner-group --build gone gone.deb && " + dpkg +
                    " -i hello.deb gone.deb && " + dpkg + " -r gone-customs";
  if (std::system(("(" + cmd + ") >/dev/null 2>&1").c_str()) != 0) {
    GTEST_SKIP() << "dpkg could not install into a temp root (needs root): " << cmd;
  }
  std::string status = read_file(d + "/root/var/lib/dpkg/status");
  std::string list = read_file(d + "/root/var/lib/dpkg/info/hello-customs.list");
  std::string copyright = read_file(d + "/root/usr/share/doc/hello-customs/copyright");

  CatalogResult r = run("var/lib/dpkg/status", status);
  ASSERT_EQ(r.packages.size(), 1u) << status;
  const Package& p = r.packages[0];
  EXPECT_EQ(p.name, "hello-customs");
  EXPECT_EQ(p.version, "1:1.2-3");
  EXPECT_EQ(p.arch, "amd64");
  EXPECT_EQ(p.source_name, "hello-src");
  EXPECT_EQ(p.source_version, "1.2-1");
  EXPECT_EQ(p.supplier, "Lab <lab@example.invalid>");
  EXPECT_EQ(p.homepage, "https://example.invalid/hello");
  EXPECT_TRUE(r.diagnostics.empty());

  CatalogResult files = run("var/lib/dpkg/info/hello-customs.list", list);
  ASSERT_EQ(files.facts.size(), 1u);
  EXPECT_EQ(files.facts[0].files,
            (std::vector<std::string>{"usr", "usr/share", "usr/share/doc", "usr/share/doc/hello-customs",
                                      "usr/share/doc/hello-customs/copyright"}));
  CatalogResult lic = run("usr/share/doc/hello-customs/copyright", copyright);
  ASSERT_EQ(lic.facts.size(), 1u);
  EXPECT_EQ(lic.facts[0].licenses, (std::vector<std::string>{"MIT", "Apache-2.0"}));
}

}  // namespace
}  // namespace customs
