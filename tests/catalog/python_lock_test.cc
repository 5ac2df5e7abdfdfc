// The declared-package rows: python-requirements, python-poetry (lock formats 1.1 and 2.1) and
// python-pipenv, over real-format fixtures and broken inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "catalog/catalog.h"

namespace customs {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& rel) {
  std::ifstream in(fs::path(CUSTOMS_TESTDATA) / "catalog/python" / rel, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const Cataloger& row(std::string_view name) {
  static const std::vector<Cataloger> rows = python_catalogers();
  for (const Cataloger& c : rows)
    if (c.name == name) return c;
  throw std::runtime_error("no row " + std::string(name));
}

uint64_t wants(std::string_view row_name, const std::string& path) {
  FsEntry e;
  e.path = path;
  e.type = EntryType::kFile;
  e.size = 1000;
  return row(row_name).wants(e);
}

CatalogResult run(std::string_view row_name, const std::string& path, std::string_view content,
                  bool truncated = false) {
  CatalogResult out;
  CatalogFile f;
  f.path = path;
  f.content = content;
  f.truncated = truncated;
  row(row_name).parse(f, out);
  return out;
}

std::string diag_codes(const CatalogResult& r) {
  std::string s;
  for (const Diagnostic& d : r.diagnostics) s += d.code + " ";
  return s;
}

// name@version -> the package, for lookups in order-independent assertions.
std::map<std::string, Package> by_id(const CatalogResult& r) {
  std::map<std::string, Package> m;
  for (const Package& p : r.packages) m[p.name + "@" + p.version] = p;
  return m;
}

std::vector<std::string> ids(const CatalogResult& r) {
  std::vector<std::string> v;
  for (const Package& p : r.packages) v.push_back(p.name + "@" + p.version);
  return v;
}

TEST(PythonRequirements, WantsRequirementsTextFiles) {
  EXPECT_GT(wants("python-requirements", "app/requirements.txt"), 0u);
  EXPECT_GT(wants("python-requirements", "app/requirements-dev.txt"), 0u);
  EXPECT_GT(wants("python-requirements", "app/dev-requirements.txt"), 0u);
  EXPECT_EQ(wants("python-requirements", "app/requirements.in"), 0u);
  EXPECT_EQ(wants("python-requirements", "app/requirements.txt/x"), 0u);
}

TEST(PythonRequirements, ReadsPipCompileOutputWithHashesAndContinuations) {
  auto r = run("python-requirements", "app/requirements.txt", fixture("requirements/requirements.txt"));
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
  auto r = run("python-requirements", "requirements-dev.txt", fixture("requirements/requirements-dev.txt"));
  EXPECT_EQ(ids(r), (std::vector<std::string>{"pytest@7.4.0", "mypy@1.5.1", "Django@4.2.4",
                                              "typing_extensions@4.7.1"}));
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(PythonRequirements, HandlesOddButValidLines) {
  auto r = run("python-requirements", "requirements.txt",
               "foo (==1.0)\nbar==2.0 --hash=sha256:abc\nbaz==\\\n3.0\nfoo==1.0\n  # comment\nqux==1.* \n"
               "zed[a,b] === 4.0 ; os_name == 'posix'\n");
  EXPECT_EQ(ids(r), (std::vector<std::string>{"foo@1.0", "bar@2.0", "baz@3.0", "zed@4.0"}));
}

TEST(PythonRequirements, TruncatedFileSaysSo) {
  auto r = run("python-requirements", "requirements.txt", "a==1\nb==", true);
  EXPECT_EQ(ids(r), std::vector<std::string>{"a@1"});
  EXPECT_EQ(diag_codes(r), "python.truncated ");
}

TEST(PythonPoetry, ReadsLockFormat11WithCategories) {
  EXPECT_GT(wants("python-poetry", "app/poetry.lock"), 0u);
  auto r = run("python-poetry", "app/poetry.lock", fixture("poetry-1.1/poetry.lock"));
  ASSERT_EQ(r.packages.size(), 9u) << diag_codes(r);
  EXPECT_TRUE(r.diagnostics.empty());
  auto m = by_id(r);
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
  auto r = run("python-poetry", "poetry.lock", fixture("poetry-2.1/poetry.lock"));
  ASSERT_EQ(r.packages.size(), 8u) << diag_codes(r);
  auto m = by_id(r);
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
  auto r = run("python-poetry", "poetry.lock", "[[package]]\nname = \"a\"\nversion = \"1\"\n[[package]\n");
  EXPECT_TRUE(r.packages.empty());
  ASSERT_EQ(diag_codes(r), "python.poetry-malformed ");
  EXPECT_EQ(r.diagnostics[0].where.line, 4);
}

TEST(PythonPoetry, WrongShapesGiveDiagnosticsAndKeepTheRest) {
  auto r = run("python-poetry", "poetry.lock",
               "package = [1, {name = \"a\"}, {name = \"b\", version = \"2\", groups = \"x\", "
               "dependencies = 3}]\n");
  EXPECT_EQ(ids(r), std::vector<std::string>{"b@2"});
  EXPECT_EQ(diag_codes(r), "python.poetry-bad-package python.poetry-bad-package ");
  auto other = run("python-poetry", "poetry.lock", "[tool.something]\nx = 1\n");
  EXPECT_EQ(diag_codes(other), "python.poetry-not-lock ");
  auto empty = run("python-poetry", "poetry.lock", "package = []\n\n[metadata]\nlock-version = \"2.1\"\n");
  EXPECT_TRUE(empty.packages.empty());
  EXPECT_TRUE(empty.diagnostics.empty());
}

TEST(PythonPipenv, ReadsDefaultAndDevelopSections) {
  EXPECT_GT(wants("python-pipenv", "app/Pipfile.lock"), 0u);
  EXPECT_EQ(wants("python-pipenv", "app/Pipfile"), 0u);
  auto r = run("python-pipenv", "app/Pipfile.lock", fixture("pipenv/Pipfile.lock"));
  EXPECT_EQ(ids(r), (std::vector<std::string>{"certifi@2023.7.22", "requests@2.31.0", "pytest@7.4.0"}));
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_FALSE(r.packages[0].dev);  // in both sections: shipped
  EXPECT_TRUE(r.packages[2].dev);
  EXPECT_EQ(r.packages[1].cataloger, "python-pipenv");
  EXPECT_EQ(r.packages[1].origin, PackageOrigin::kDeclared);
  EXPECT_EQ(r.packages[1].path, "app/Pipfile.lock");
}

TEST(PythonPipenv, BrokenLocksGiveDiagnostics) {
  std::string lock = fixture("pipenv/Pipfile.lock");
  auto cut = run("python-pipenv", "Pipfile.lock", std::string_view(lock).substr(0, lock.size() / 2), true);
  EXPECT_TRUE(cut.packages.empty());
  EXPECT_EQ(diag_codes(cut), "python.truncated python.pipenv-malformed ");
  EXPECT_GT(cut.diagnostics[1].where.line, 1);
  auto wrong =
      run("python-pipenv", "Pipfile.lock",
          R"({"default": {"a": "==1", "b": {"version": 3}, "c": {"version": "==2"}}, "develop": []})");
  EXPECT_EQ(ids(wrong), std::vector<std::string>{"c@2"});
  EXPECT_EQ(diag_codes(wrong), "python.pipenv-bad-entry python.pipenv-bad-section ");
  auto other = run("python-pipenv", "Pipfile.lock", "[1, 2]");
  EXPECT_EQ(diag_codes(other), "python.pipenv-not-lock ");
}

}  // namespace
}  // namespace customs
