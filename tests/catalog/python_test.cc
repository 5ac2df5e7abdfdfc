// The installed-distribution rows: python-installed (dist-info, egg-info, bare egg-info files) and
// python-egg (zipped eggs). Fixtures are real files copied from installs (Debian 12's
// dist-packages, pip-installed site-packages, Python 2.7's distutils records, CPython's test
// egg); the pip and setuptools tests make theirs at test time.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "catalog/catalog.h"
#include "catalog/catalog_test_util.h"
#include "core/strings.h"
#include "scratch_dir.h"

namespace customs {
namespace {

namespace fs = std::filesystem;

using customs::testing::catalog_testdata;
using customs::testing::cataloger_row;
using customs::testing::diagnostic_codes;
using customs::testing::file_entry;
using customs::testing::read_file;
using customs::testing::run_cataloger;

TEST(PythonInstalled, WantsMetadataFilesAnywhereButNotSdistPkgInfo) {
  const Cataloger& c = cataloger_row("python-installed");
  EXPECT_GT(c.wants(file_entry("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA")), 0u);
  EXPECT_GT(c.wants(file_entry("opt/venv/lib/python3.11/site-packages/six-1.16.0.egg-info/PKG-INFO")), 0u);
  EXPECT_GT(c.wants(file_entry("app/deps/foo-1.0-py3.6.egg/EGG-INFO/PKG-INFO")), 0u);
  EXPECT_GT(c.wants(file_entry("usr/lib/python2.7/wsgiref.egg-info")), 0u);
  EXPECT_EQ(c.wants(file_entry("usr/src/foo-1.0/PKG-INFO")), 0u);
  EXPECT_EQ(c.wants(file_entry("usr/lib/python3/dist-packages/x.dist-info/RECORD")), 0u);
  FsEntry dir = file_entry("usr/lib/python3/dist-packages/six-1.16.0.egg-info");
  dir.type = EntryType::kDirectory;
  EXPECT_EQ(c.wants(dir), 0u);
}

TEST(PythonInstalled, ReadsDebianDistInfo) {
  std::string path = "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA";
  auto r = run_cataloger("python-installed", path, catalog_testdata("python/PyYAML-6.0.dist-info/METADATA"));
  ASSERT_EQ(r.packages.size(), 1u) << diagnostic_codes(r);
  const Package& p = r.packages[0];
  EXPECT_EQ(p.type, PackageType::kPypi);
  EXPECT_EQ(p.namespace_, "");
  EXPECT_EQ(p.name, "PyYAML");
  EXPECT_EQ(p.version, "6.0");
  EXPECT_EQ(p.licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(p.supplier, "Kirill Simonov");
  EXPECT_EQ(p.homepage, "https://pyyaml.org/");
  EXPECT_EQ(p.cataloger, "python-installed");
  EXPECT_EQ(p.origin, PackageOrigin::kInstalled);
  EXPECT_EQ(p.path, path);
  EXPECT_EQ(p.version_source, "");
  EXPECT_TRUE(p.depends_on.empty());
  EXPECT_EQ(package_key(p), "pkg:pypi/pyyaml@6.0");
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(PythonInstalled, PrefersLicenseExpression) {
  auto r = run_cataloger("python-installed", "site-packages/urllib3-2.7.0.dist-info/METADATA",
                         catalog_testdata("python/urllib3-2.7.0.dist-info/METADATA"));
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(r.packages[0].supplier, "Andrey Petrov <andrey.petrov@shazow.net>");
  EXPECT_EQ(r.packages[0].homepage,
            "");  // its Project-URLs are Changelog, Documentation, Code, Issue tracker
}

TEST(PythonInstalled, TakesHomepageFromProjectUrl) {
  auto r =
      run_cataloger("python-installed", "site-packages/jsonschema_specifications-2025.9.1.dist-info/METADATA",
                    catalog_testdata("python/jsonschema_specifications-2025.9.1.dist-info/METADATA"));
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].name, "jsonschema-specifications");
  EXPECT_EQ(r.packages[0].version, "2025.9.1");
  EXPECT_EQ(r.packages[0].homepage, "https://github.com/python-jsonschema/jsonschema-specifications");
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"MIT"});
}

TEST(PythonInstalled, MultiLineLicenseTextGivesWayToClassifiers) {
  // libcst's License is a whole licence text; its classifier names the licence.
  auto r = run_cataloger("python-installed", "site-packages/libcst-1.0.1.dist-info/METADATA",
                         catalog_testdata("python/libcst-1.0.1.dist-info/METADATA"));
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].version, "1.0.1");
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"MIT License"});
}

TEST(PythonInstalled, MultiLineLicenseTextWithoutClassifiersKeepsItsFirstLine) {
  std::string md =
      "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nLicense: BSD 3-Clause License\n        \n"
      "        Copyright (c) 2020, Foo\n        All rights reserved.\nAuthor: Foo\n";
  auto r = run_cataloger("python-installed", "x/foo-1.0.dist-info/METADATA", md);
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"BSD 3-Clause License"});
  EXPECT_EQ(r.packages[0].supplier, "Foo");
}

TEST(PythonInstalled, UnknownMeansAbsent) {
  auto r = run_cataloger("python-installed", "dist-packages/gyp-0.1.egg-info/PKG-INFO",
                         catalog_testdata("python/gyp-0.1.egg-info/PKG-INFO"));
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].name, "gyp");
  EXPECT_EQ(r.packages[0].version, "0.1");
  EXPECT_TRUE(r.packages[0].licenses.empty());
  EXPECT_EQ(r.packages[0].supplier, "Chromium Authors");
  EXPECT_EQ(r.packages[0].homepage, "http://code.google.com/p/gyp");
}

TEST(PythonInstalled, ReadsEggInfoDirectories) {
  auto r = run_cataloger("python-installed", "dist-packages/requests-2.28.1.egg-info/PKG-INFO",
                         catalog_testdata("python/requests-2.28.1.egg-info/PKG-INFO"));
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].name, "requests");
  EXPECT_EQ(r.packages[0].version, "2.28.1");
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"Apache 2.0"});
  EXPECT_EQ(r.packages[0].supplier, "Kenneth Reitz");
  auto six = run_cataloger("python-installed", "dist-packages/six-1.16.0.egg-info/PKG-INFO",
                           catalog_testdata("python/six-1.16.0.egg-info/PKG-INFO"));
  ASSERT_EQ(six.packages.size(), 1u);
  EXPECT_EQ(six.packages[0].name, "six");
  EXPECT_EQ(six.packages[0].version, "1.16.0");
  EXPECT_EQ(six.packages[0].licenses, std::vector<std::string>{"MIT"});
}

TEST(PythonInstalled, ReadsBareEggInfoFilesWrittenByDistutils) {
  auto r = run_cataloger("python-installed", "usr/lib/python2.7/wsgiref.egg-info",
                         catalog_testdata("python/wsgiref.egg-info"));
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].name, "wsgiref");
  EXPECT_EQ(r.packages[0].version, "0.1.2");
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"PSF or ZPL"});
  EXPECT_EQ(r.packages[0].supplier, "Phillip J. Eby");
  auto py = run_cataloger("python-installed", "usr/lib/python2.7/lib-dynload/Python-2.7.18-py2.7.egg-info",
                          catalog_testdata("python/Python-2.7.18-py2.7.egg-info"));
  ASSERT_EQ(py.packages.size(), 1u);
  EXPECT_EQ(py.packages[0].name, "Python");
  EXPECT_EQ(py.packages[0].version, "2.7.18");
  EXPECT_EQ(py.packages[0].licenses, std::vector<std::string>{"PSF license"});
  EXPECT_EQ(py.packages[0].homepage, "http://www.python.org/2.7");
}

TEST(PythonInstalled, UsesLicenseClassifiersWhenNoLicenseField) {
  std::string md =
      "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\nLicense: UNKNOWN\n"
      "Classifier: License :: OSI Approved :: MIT License\nClassifier: License :: OSI Approved\n"
      "Classifier: License :: OSI Approved :: Apache Software License\nClassifier: Topic :: Utilities\n"
      "Maintainer: Jane\n\nbody: not a header\n";
  auto r = run_cataloger("python-installed", "x/foo-1.0.dist-info/METADATA", md);
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].licenses, (std::vector<std::string>{"MIT License", "Apache Software License"}));
  EXPECT_EQ(r.packages[0].supplier, "Jane");
}

TEST(PythonInstalled, ReadsHeadersOnlyUntilTheFirstBlankLine) {
  std::string md = "Name: foo\r\nVersion: 2.0\r\n\r\nLicense: GPL\r\n";
  auto r = run_cataloger("python-installed", "x/foo-2.0.dist-info/METADATA", md);
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].version, "2.0");
  EXPECT_TRUE(r.packages[0].licenses.empty());
}

TEST(PythonInstalled, FallsBackToTheDirectoryNameForAMissingVersion) {
  auto r = run_cataloger("python-installed", "x/foo_bar-3.1.dist-info/METADATA",
                         "Metadata-Version: 2.1\nName: foo-bar\n");
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].version, "3.1");
  EXPECT_EQ(r.packages[0].version_source, "file name");
}

TEST(PythonInstalled, MissingNameOrVersionGivesDiagnostics) {
  auto r =
      run_cataloger("python-installed", "x/foo.dist-info/METADATA", "Metadata-Version: 2.1\nVersion: 1\n");
  EXPECT_TRUE(r.packages.empty());
  EXPECT_EQ(diagnostic_codes(r), "python.missing-name ");
  EXPECT_EQ(r.diagnostics[0].where.path, "x/foo.dist-info/METADATA");
  auto v = run_cataloger("python-installed", "x/foo.dist-info/METADATA", "Name: foo\n");
  EXPECT_TRUE(v.packages.empty());
  EXPECT_EQ(diagnostic_codes(v), "python.missing-version ");
  auto bin = run_cataloger("python-installed", "x/foo.egg-info",
                           std::string("\x7f"
                                       "ELF\0\0\x01",
                                       7));
  EXPECT_TRUE(bin.packages.empty());
  EXPECT_EQ(diagnostic_codes(bin), "python.missing-name ");
}

TEST(PythonInstalled, TruncatedFileSaysSoAndKeepsWhatItRead) {
  auto r = run_cataloger("python-installed", "x/foo-1.0.dist-info/METADATA",
                         "Name: foo\nVersion: 1.0\nLicense: MI", true);
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].version, "1.0");
  EXPECT_EQ(diagnostic_codes(r), "python.truncated ");
}

TEST(PythonInstalled, ReadsDistInfoThatPipInstalled) {
  // A setuptools+wheel interpreter builds a local project; pip installs it offline with --target.
  std::string python;
  for (const char* candidate : {"python3", "/usr/bin/python3"}) {
    std::string probe = std::string(candidate) + " -c 'import setuptools, wheel, pip' >/dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) {
      python = candidate;
      break;
    }
  }
  if (python.empty())
    GTEST_SKIP() << "no python3 with pip, setuptools and wheel to build and install a project";
  testing::ScratchDir scratch("customs-pip-install");
  fs::path dir = scratch.path();
  fs::create_directories(dir / "proj/tinypkg");
  std::ofstream(dir / "proj/tinypkg/__init__.py") << "X = 1\n";
  std::ofstream(dir / "proj/pyproject.toml")
      << "[build-system]\nrequires = [\"setuptools\"]\nbuild-backend = \"setuptools.build_meta\"\n\n"
         "[project]\nname = \"Tiny_Pkg\"\nversion = \"0.3.1\"\nlicense = {text = \"BSD-3-Clause\"}\n"
         "authors = [{name = \"Ada Lovelace\", email = \"ada@example.org\"}]\n\n"
         "[project.urls]\nHomepage = \"https://example.org/tiny\"\n";
  std::string cmd = "cd '" + (dir / "proj").string() + "' && " + python +
                    " -m pip install --disable-pip-version-check --no-index --no-build-isolation --no-deps "
                    "--quiet --target '" +
                    (dir / "site").string() + "' . >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  fs::path metadata = dir / "site/Tiny_Pkg-0.3.1.dist-info/METADATA";
  ASSERT_TRUE(fs::exists(metadata));
  std::string path = "site/Tiny_Pkg-0.3.1.dist-info/METADATA";
  ASSERT_GT(cataloger_row("python-installed").wants(file_entry(path)), 0u);
  auto r = run_cataloger("python-installed", path, read_file(metadata));
  ASSERT_EQ(r.packages.size(), 1u) << diagnostic_codes(r);
  EXPECT_EQ(r.packages[0].name, "Tiny-Pkg");
  EXPECT_EQ(r.packages[0].version, "0.3.1");
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"BSD-3-Clause"});
  EXPECT_EQ(r.packages[0].supplier, "Ada Lovelace <ada@example.org>");
  EXPECT_EQ(r.packages[0].homepage, "https://example.org/tiny");
  EXPECT_EQ(package_key(r.packages[0]), "pkg:pypi/tiny-pkg@0.3.1");
}

bool have_python3() { return std::system("python3 -c 'import zipfile' >/dev/null 2>&1") == 0; }

TEST(PythonEgg, WantsEggFilesOnly) {
  const Cataloger& c = cataloger_row("python-egg");
  EXPECT_GT(c.wants(file_entry("usr/lib/python3/site-packages/example-21.12-py3.6.egg")), 0u);
  EXPECT_EQ(c.wants(file_entry("usr/lib/python3/site-packages/example.egg-info")), 0u);
  EXPECT_EQ(c.wants(file_entry(".egg")), 0u);
}

TEST(PythonEgg, ReadsPkgInfoInsideAZippedEgg) {
  std::string path = "site-packages/example-21.12-py3.6.egg";
  auto r = run_cataloger("python-egg", path, catalog_testdata("python/example-21.12-py3.6.egg"));
  ASSERT_EQ(r.packages.size(), 1u) << diagnostic_codes(r);
  const Package& p = r.packages[0];
  EXPECT_EQ(p.name, "example");
  EXPECT_EQ(p.version, "21.12");
  EXPECT_EQ(p.licenses, std::vector<std::string>{"Apache Software License"});  // License beats the classifier
  EXPECT_EQ(p.supplier, "");
  EXPECT_EQ(p.homepage, "");
  EXPECT_EQ(p.cataloger, "python-egg");
  EXPECT_EQ(p.path, path + "!/EGG-INFO/PKG-INFO");
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(PythonEgg, ReadsAnEggThatSetuptoolsBuilt) {
  if (std::system("python3 -c 'import setuptools' >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3 has no setuptools";
  testing::ScratchDir scratch("customs-bdist-egg");
  fs::path dir = scratch.path();
  fs::create_directories(dir / "proj/eggpkg");
  std::ofstream(dir / "proj/eggpkg/__init__.py") << "Y = 2\n";
  std::ofstream(dir / "proj/setup.py")
      << "from setuptools import setup\nsetup(name='egg_pkg', version='1.4.2', license='Apache-2.0', "
         "author='Grace Hopper', url='https://example.org/egg', packages=['eggpkg'])\n";
  std::string cmd = "cd '" + (dir / "proj").string() + "' && python3 setup.py -q bdist_egg --dist-dir '" +
                    (dir / "dist").string() + "' >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "setuptools could not build an egg: " << cmd;
  fs::path egg;
  for (const auto& e : fs::directory_iterator(dir / "dist")) egg = e.path();
  ASSERT_FALSE(egg.empty());
  std::string path = "opt/app/" + egg.filename().string();
  ASSERT_GT(cataloger_row("python-egg").wants(file_entry(path)), 0u);
  auto r = run_cataloger("python-egg", path, read_file(egg));
  ASSERT_EQ(r.packages.size(), 1u) << diagnostic_codes(r);
  EXPECT_EQ(r.packages[0].name, "egg-pkg");
  EXPECT_EQ(r.packages[0].version, "1.4.2");
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"Apache-2.0"});
  EXPECT_EQ(r.packages[0].supplier, "Grace Hopper");
  EXPECT_EQ(r.packages[0].homepage, "https://example.org/egg");
}

TEST(PythonEgg, BombedPkgInfoIsCutWithADiagnostic) {
  if (!have_python3()) GTEST_SKIP() << "python3 missing: cannot write the bomb zip";
  testing::ScratchDir scratch("customs-egg-bomb");
  fs::path egg = scratch / "customs_bomb-1.0-py3.11.egg";
  std::string cmd =
      "python3 -c \"import zipfile; z = zipfile.ZipFile('" + egg.string() +
      "', 'w', zipfile.ZIP_DEFLATED); "
      "z.writestr('EGG-INFO/PKG-INFO', 'Name: bomb\\nVersion: 1.0\\nSummary: ' + 'a' * (16 << 20)); "
      "z.close()\"";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::string bytes = read_file(egg);
  EXPECT_LT(bytes.size(), 1u << 20);
  auto r = run_cataloger("python-egg", "x/bomb-1.0-py3.11.egg", bytes);
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].name, "bomb");
  EXPECT_EQ(r.packages[0].version, "1.0");
  EXPECT_EQ(diagnostic_codes(r), "python.truncated ");
}

TEST(PythonEgg, BrokenEggsGiveDiagnostics) {
  std::string egg = catalog_testdata("python/example-21.12-py3.6.egg");
  auto cut = run_cataloger("python-egg", "x/example.egg", std::string_view(egg).substr(0, egg.size() / 2));
  EXPECT_TRUE(cut.packages.empty());
  EXPECT_EQ(diagnostic_codes(cut), "python.egg-unreadable ");
  auto text = run_cataloger("python-egg", "x/example.egg", "not a zip");
  EXPECT_EQ(diagnostic_codes(text), "python.egg-not-zip ");
  auto truncated = run_cataloger("python-egg", "x/example.egg", egg, true);
  EXPECT_EQ(diagnostic_codes(truncated), "python.truncated ");
  // The same zip with the entry renamed (in its local header and its central directory).
  std::string renamed = replace_all(egg, "EGG-INFO/PKG-INFO", "EGG-INFO/PKG-INFX");
  auto no_metadata = run_cataloger("python-egg", "x/example.egg", renamed);
  EXPECT_TRUE(no_metadata.packages.empty());
  EXPECT_EQ(diagnostic_codes(no_metadata), "python.egg-no-metadata ");
}

}  // namespace
}  // namespace customs
