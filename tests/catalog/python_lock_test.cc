// The declared-package rows: python-requirements, python-poetry (lock formats 1.1 and 2.1) and
// python-pipenv, over real-format fixtures and broken inputs.
#include <gtest/gtest.h>

#include <string>

#include "catalog/catalog.h"
#include "catalog/catalog_test_util.h"

namespace customs {
namespace {

using customs::testing::catalog_testdata;
using customs::testing::cataloger_wants;
using customs::testing::diagnostic_codes;
using customs::testing::packages_by_name_version;
using customs::testing::run_cataloger;

std::vector<std::string> ids(const CatalogResult& r) {
  std::vector<std::string> v;
  for (const Package& p : r.packages) v.push_back(p.name + "@" + p.version);
  return v;
}

TEST(PythonRequirements, WantsRequirementsTextFiles) {
  EXPECT_GT(cataloger_wants("python-requirements", "app/requirements.txt"), 0u);
  EXPECT_GT(cataloger_wants("python-requirements", "app/requirements-dev.txt"), 0u);
  EXPECT_GT(cataloger_wants("python-requirements", "app/dev-requirements.txt"), 0u);
  EXPECT_EQ(cataloger_wants("python-requirements", "app/requirements.in"), 0u);
  EXPECT_EQ(cataloger_wants("python-requirements", "app/requirements.txt/x"), 0u);
}

TEST(PythonRequirements, ReadsPipCompileOutputWithHashesAndContinuations) {
  auto r = run_cataloger("python-requirements", "app/requirements.txt",
                         catalog_testdata("python/requirements/requirements.txt"));
  EXPECT_EQ(ids(r), (std::vector<std::string>{"certifi@2023.7.22", "charset-normalizer@3.2.0", "idna@3.4",
                                              "requests@2.31.0", "urllib3@2.0.4"}));
  EXPECT_TRUE(r.diagnostics.empty());
  const Package& p = r.packages[3];
  EXPECT_EQ(p.type, PackageType::kPypi);
  EXPECT_EQ(p.cataloger, "python-requirements");
  EXPECT_EQ(p.origin, PackageOrigin::kDeclared);
  EXPECT_EQ(p.path, "app/requirements.txt");
  EXPECT_FALSE(p.dev);
}

TEST(PythonRequirements, OnlyPinnedLinesArePackages) {
  auto r = run_cataloger("python-requirements", "requirements-dev.txt",
                         catalog_testdata("python/requirements/requirements-dev.txt"));
  EXPECT_EQ(ids(r), (std::vector<std::string>{"pytest@7.4.0", "mypy@1.5.1", "Django@4.2.4",
                                              "typing_extensions@4.7.1"}));
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(PythonRequirements, HandlesOddButValidLines) {
  auto r = run_cataloger(
      "python-requirements", "requirements.txt",
      "foo (==1.0)\nbar==2.0 --hash=sha256:abc\nbaz==\\\n3.0\nfoo==1.0\n  # comment\nqux==1.* \n"
      "zed[a,b] === 4.0 ; os_name == 'posix'\n");
  EXPECT_EQ(ids(r), (std::vector<std::string>{"foo@1.0", "bar@2.0", "baz@3.0", "zed@4.0"}));
}

TEST(PythonRequirements, TruncatedFileSaysSo) {
  auto r = run_cataloger("python-requirements", "requirements.txt", "a==1\nb==", true);
  EXPECT_EQ(ids(r), std::vector<std::string>{"a@1"});
  EXPECT_EQ(diagnostic_codes(r), "python.truncated ");
}

TEST(PythonPoetry, ReadsLockFormat11WithCategories) {
  EXPECT_GT(cataloger_wants("python-poetry", "app/poetry.lock"), 0u);
  auto r =
      run_cataloger("python-poetry", "app/poetry.lock", catalog_testdata("python/poetry-1.1/poetry.lock"));
  ASSERT_EQ(r.packages.size(), 9u) << diagnostic_codes(r);
  EXPECT_TRUE(r.diagnostics.empty());
  auto m = packages_by_name_version(r);
  const Package& requests = m.at("requests@2.27.1");
  EXPECT_EQ(requests.type, PackageType::kPypi);
  EXPECT_EQ(requests.cataloger, "python-poetry");
  EXPECT_EQ(requests.origin, PackageOrigin::kDeclared);
  EXPECT_EQ(requests.path, "app/poetry.lock");
  EXPECT_FALSE(requests.dev);
  EXPECT_EQ(requests.depends_on,
            (std::vector<std::string>{"pkg:pypi/certifi@2021.10.8", "pkg:pypi/charset-normalizer@2.0.12",
                                      "pkg:pypi/idna@3.3", "pkg:pypi/urllib3@1.26.9"}));
  const Package& pytest = m.at("pytest@7.1.2");
  EXPECT_TRUE(pytest.dev);
  EXPECT_EQ(pytest.depends_on,
            (std::vector<std::string>{"pkg:pypi/colorama@0.4.4", "pkg:pypi/iniconfig@1.1.1",
                                      "pkg:pypi/pluggy@1.0.0"}));
  EXPECT_TRUE(m.at("iniconfig@1.1.1").dev);
  EXPECT_FALSE(m.at("urllib3@1.26.9").dev);
}

TEST(PythonPoetry, ReadsLockFormat21WithGroups) {
  auto r = run_cataloger("python-poetry", "poetry.lock", catalog_testdata("python/poetry-2.1/poetry.lock"));
  ASSERT_EQ(r.packages.size(), 8u) << diagnostic_codes(r);
  auto m = packages_by_name_version(r);
  EXPECT_FALSE(m.at("colorama@0.4.6").dev);  // groups = ["main", "dev"]
  EXPECT_TRUE(m.at("ruff@0.9.7").dev);       // groups = ["dev", "lint"]
  EXPECT_FALSE(m.at("click@8.1.8").dev);
  EXPECT_EQ(m.at("click@8.1.8").depends_on, std::vector<std::string>{"pkg:pypi/colorama@0.4.6"});
  // numpy is locked at two versions (per Python version): ambiguous, so not a stated edge.
  EXPECT_EQ(m.at("pandas@2.0.3").depends_on,
            std::vector<std::string>{"pkg:pypi/python-dateutil@2.9.0.post0"});
  EXPECT_EQ(m.at("python-dateutil@2.9.0.post0").depends_on, std::vector<std::string>{"pkg:pypi/six@1.17.0"});
  EXPECT_EQ(m.count("numpy@1.24.4") + m.count("numpy@1.26.4"), 2u);
}

TEST(PythonPoetry, MalformedTomlGivesALocatedDiagnostic) {
  auto r = run_cataloger("python-poetry", "poetry.lock",
                         "[[package]]\nname = \"a\"\nversion = \"1\"\n[[package]\n");
  EXPECT_TRUE(r.packages.empty());
  ASSERT_EQ(diagnostic_codes(r), "python.poetry-malformed ");
  EXPECT_EQ(r.diagnostics[0].where.line, 4);
}

TEST(PythonPoetry, WrongShapesGiveDiagnosticsAndKeepTheRest) {
  auto r = run_cataloger("python-poetry", "poetry.lock",
                         "package = [1, {name = \"a\"}, {name = \"b\", version = \"2\", groups = \"x\", "
                         "dependencies = 3}]\n");
  EXPECT_EQ(ids(r), std::vector<std::string>{"b@2"});
  EXPECT_EQ(diagnostic_codes(r), "python.poetry-bad-package python.poetry-bad-package ");
  auto other = run_cataloger("python-poetry", "poetry.lock", "[tool.something]\nx = 1\n");
  EXPECT_EQ(diagnostic_codes(other), "python.poetry-not-lock ");
  auto empty =
      run_cataloger("python-poetry", "poetry.lock", "package = []\n\n[metadata]\nlock-version = \"2.1\"\n");
  EXPECT_TRUE(empty.packages.empty());
  EXPECT_TRUE(empty.diagnostics.empty());
}

TEST(PythonPipenv, ReadsDefaultAndDevelopSections) {
  EXPECT_GT(cataloger_wants("python-pipenv", "app/Pipfile.lock"), 0u);
  EXPECT_EQ(cataloger_wants("python-pipenv", "app/Pipfile"), 0u);
  auto r = run_cataloger("python-pipenv", "app/Pipfile.lock", catalog_testdata("python/pipenv/Pipfile.lock"));
  EXPECT_EQ(ids(r), (std::vector<std::string>{"certifi@2023.7.22", "requests@2.31.0", "pytest@7.4.0"}));
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_FALSE(r.packages[0].dev);  // in both sections: shipped
  EXPECT_TRUE(r.packages[2].dev);
  EXPECT_EQ(r.packages[1].cataloger, "python-pipenv");
  EXPECT_EQ(r.packages[1].origin, PackageOrigin::kDeclared);
  EXPECT_EQ(r.packages[1].path, "app/Pipfile.lock");
}

TEST(PythonPipenv, BrokenLocksGiveDiagnostics) {
  std::string lock = catalog_testdata("python/pipenv/Pipfile.lock");
  auto cut =
      run_cataloger("python-pipenv", "Pipfile.lock", std::string_view(lock).substr(0, lock.size() / 2), true);
  EXPECT_TRUE(cut.packages.empty());
  EXPECT_EQ(diagnostic_codes(cut), "python.truncated python.pipenv-malformed ");
  EXPECT_GT(cut.diagnostics[1].where.line, 1);
  auto wrong = run_cataloger(
      "python-pipenv", "Pipfile.lock",
      R"({"default": {"a": "==1", "b": {"version": 3}, "c": {"version": "==2"}}, "develop": []})");
  EXPECT_EQ(ids(wrong), std::vector<std::string>{"c@2"});
  EXPECT_EQ(diagnostic_codes(wrong), "python.pipenv-bad-entry python.pipenv-bad-section ");
  auto other = run_cataloger("python-pipenv", "Pipfile.lock", "[1, 2]");
  EXPECT_EQ(diagnostic_codes(other), "python.pipenv-not-lock ");
}

}  // namespace
}  // namespace customs
