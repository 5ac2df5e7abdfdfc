// The npm-package-json row (installed node_modules/<name>/package.json) and the path choices of
// every npm row. Fixtures are real package.json files that `npm install` (npm 11.19) wrote into
// node_modules, plus busboy's from Debian 12's usr/share/nodejs (a legacy "licenses" array).
#include <gtest/gtest.h>

#include <string>

#include "catalog/catalog.h"
#include "catalog/catalog_test_util.h"
#include "catalog/npm/npm.h"

namespace customs {
namespace {

using customs::testing::catalog_testdata;
using customs::testing::file_entry;
using customs::testing::run_parser;

// parse_npm_package_json over `content` read at `path`.
CatalogResult parse_package_json(std::string_view path, std::string_view content, bool truncated = false) {
  return run_parser(parse_npm_package_json, path, content, truncated);
}

// The installed fixture at node_modules/<rel>/package.json, read at `path`.
CatalogResult installed(const std::string& rel, const std::string& path) {
  std::string content = catalog_testdata("npm/installed/node_modules/" + rel + "/package.json");
  EXPECT_FALSE(content.empty()) << rel;
  return parse_package_json(path, content);
}

TEST(NpmPackageJson, WantsPackagesDirectlyUnderNodeModules) {
  EXPECT_GT(wants_npm_package_json(file_entry("app/node_modules/express/package.json")), 0u);
  EXPECT_GT(wants_npm_package_json(file_entry("node_modules/@types/node/package.json")), 0u);
  EXPECT_GT(wants_npm_package_json(file_entry("a/node_modules/b/node_modules/c/package.json")), 0u);
  EXPECT_GT(wants_npm_package_json(file_entry("a/node_modules/b/node_modules/@s/c/package.json")), 0u);
  EXPECT_GT(wants_npm_package_json(file_entry("usr/lib/node_modules/npm/package.json")), 0u);
  EXPECT_GT(wants_npm_package_json(file_entry("usr/local/lib/node_modules/corepack/package.json")), 0u);
  EXPECT_GT(wants_npm_package_json(file_entry("app/node_modules/.pnpm/a@1.0.0/node_modules/a/package.json")),
            0u);
}

TEST(NpmPackageJson, IgnoresPackageJsonOutsideAnInstalledPackageRoot) {
  EXPECT_EQ(wants_npm_package_json(file_entry("app/package.json")), 0u);
  EXPECT_EQ(wants_npm_package_json(file_entry("package.json")), 0u);
  EXPECT_EQ(wants_npm_package_json(file_entry("node_modules/yargs/helpers/package.json")), 0u);
  EXPECT_EQ(wants_npm_package_json(file_entry("node_modules/x/test/fixtures/package.json")), 0u);
  EXPECT_EQ(wants_npm_package_json(file_entry("node_modules/@types/package.json")), 0u);
  EXPECT_EQ(wants_npm_package_json(file_entry("node_modules/package.json")), 0u);
  EXPECT_EQ(wants_npm_package_json(file_entry("node_modules/express/package.json.bak")), 0u);
}

TEST(NpmPackageJson, ReadsIdentityLicenseAuthorAndHomepage) {
  CatalogResult r = installed("express", "app/node_modules/express/package.json");
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_TRUE(r.diagnostics.empty());
  const Package& p = r.packages[0];
  EXPECT_EQ(p.type, PackageType::kNpm);
  EXPECT_EQ(p.namespace_, "");
  EXPECT_EQ(p.name, "express");
  EXPECT_EQ(p.version, "4.18.2");
  EXPECT_EQ(p.licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(p.supplier, "TJ Holowaychuk <tj@vision-media.ca>");
  EXPECT_EQ(p.homepage, "http://expressjs.com/");
  EXPECT_EQ(p.cataloger, "npm-package-json");
  EXPECT_EQ(p.origin, PackageOrigin::kInstalled);
  EXPECT_EQ(p.path, "app/node_modules/express/package.json");
  EXPECT_FALSE(p.dev);
  EXPECT_EQ(package_key(p), "pkg:npm/express@4.18.2");
}

TEST(NpmPackageJson, SplitsScopedNames) {
  CatalogResult r = installed("@types/node", "node_modules/@types/node/package.json");
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].namespace_, "@types");
  EXPECT_EQ(r.packages[0].name, "node");
  EXPECT_EQ(r.packages[0].version, "20.11.0");
  EXPECT_EQ(r.packages[0].homepage,
            "https://github.com/DefinitelyTyped/DefinitelyTyped/tree/master/types/node");
  EXPECT_EQ(package_key(r.packages[0]), "pkg:npm/%40types/node@20.11.0");
}

TEST(NpmPackageJson, ReadsNestedInstalls) {
  CatalogResult r =
      installed("mocha/node_modules/debug", "node_modules/mocha/node_modules/debug/package.json");
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].name, "debug");
  EXPECT_EQ(r.packages[0].version, "4.4.3");
  EXPECT_EQ(r.packages[0].supplier, "Josh Junon (https://github.com/qix-)");
}

TEST(NpmPackageJson, ReadsObjectAuthorsInTheStringForm) {
  CatalogResult r = installed("utils-merge", "node_modules/utils-merge/package.json");
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].supplier, "Jared Hanson <jaredhanson@gmail.com> (http://www.jaredhanson.net/)");
  // "license" wins over the legacy "licenses" array naming the same.
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"MIT"});
}

TEST(NpmPackageJson, ReadsTheLegacyLicensesArray) {
  CatalogResult r = installed("busboy", "node_modules/busboy/package.json");
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].version, "1.6.0");
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(r.packages[0].supplier, "Brian White <mscdex@mscdex.net>");
}

TEST(NpmPackageJson, ReadsLicenseObjectsAndStringArrays) {
  CatalogResult r = parse_package_json(
      "node_modules/a/package.json", R"({"name":"a","version":"1.0.0","license":{"type":"ISC","url":"x"}})");
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"ISC"});
  r = parse_package_json("node_modules/b/package.json",
                         R"({"name":"b","version":"1.0.0","licenses":["MIT",{"type":"Apache-2.0"}]})");
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].licenses, (std::vector<std::string>{"MIT", "Apache-2.0"}));
}

TEST(NpmPackageJson, SkipsPackagesWithoutNameOrVersionSilently) {
  CatalogResult r =
      parse_package_json("node_modules/w/package.json", R"({"private":true,"workspaces":["a"]})");
  EXPECT_TRUE(r.packages.empty());
  EXPECT_TRUE(r.diagnostics.empty());
  r = installed("yargs/helpers", "node_modules/yargs/package.json");  // {"type": "commonjs"}
  EXPECT_TRUE(r.packages.empty());
  EXPECT_TRUE(r.diagnostics.empty());
  r = parse_package_json("node_modules/n/package.json", R"({"name":"n","version":3})");
  EXPECT_TRUE(r.packages.empty());
}

TEST(NpmPackageJson, DiagnosesMalformedJsonWithItsLine) {
  CatalogResult r =
      parse_package_json("node_modules/m/package.json", "{\n  \"name\": \"m\",\n  \"version\": }\n");
  EXPECT_TRUE(r.packages.empty());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "npm.malformed-json");
  EXPECT_EQ(r.diagnostics[0].where.line, 3);
  EXPECT_EQ(r.diagnostics[0].where.path, "node_modules/m/package.json");
}

TEST(NpmPackageJson, DiagnosesJsonThatIsNotAnObject) {
  CatalogResult r = parse_package_json("node_modules/m/package.json", "[1,2]");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "npm.not-an-object");
}

TEST(NpmPackageJson, DiagnosesTruncationAndDeepNesting) {
  std::string content = catalog_testdata("npm/installed/node_modules/express/package.json");
  CatalogResult r = parse_package_json("node_modules/express/package.json", content.substr(0, 200), true);
  EXPECT_TRUE(r.packages.empty());
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(r.diagnostics[0].code, "npm.truncated");
  EXPECT_EQ(r.diagnostics[1].code, "npm.malformed-json");
  std::string deep =
      R"({"name":"d","version":"1.0.0","x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  r = parse_package_json("node_modules/d/package.json", deep);
  EXPECT_EQ(r.packages.size() + r.diagnostics.size(), 1u);  // read, or refused with a diagnostic
}

TEST(NpmCatalogers, TableNamesEveryRowAndPicksFilesByName) {
  std::vector<Cataloger> rows = npm_catalogers();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].name, "npm-package-json");
  EXPECT_EQ(rows[1].name, "npm-package-lock");
  EXPECT_EQ(rows[2].name, "yarn-lock");
  EXPECT_EQ(rows[3].name, "pnpm-lock");
  for (const Cataloger& c : rows) EXPECT_EQ(c.ecosystem, "npm");
  EXPECT_GT(rows[1].wants(file_entry("app/package-lock.json")), 0u);
  EXPECT_GT(rows[1].wants(file_entry("npm-shrinkwrap.json")), 0u);
  EXPECT_GT(rows[1].wants(file_entry("app/node_modules/.package-lock.json")), 0u);
  EXPECT_EQ(rows[1].wants(file_entry("app/node_modules/x/package-lock.json")), 0u);
  EXPECT_EQ(rows[1].wants(file_entry("app/package.json")), 0u);
  EXPECT_GT(rows[2].wants(file_entry("app/yarn.lock")), 0u);
  EXPECT_EQ(rows[2].wants(file_entry("app/node_modules/x/yarn.lock")), 0u);
  EXPECT_GT(rows[3].wants(file_entry("pnpm-lock.yaml")), 0u);
  EXPECT_EQ(rows[3].wants(file_entry("app/pnpm-lock.yml")), 0u);
}

TEST(NpmCatalogers, CatalogFileRunsOnlyTheMatchingRow) {
  std::string content = catalog_testdata("npm/installed/node_modules/lodash/package.json");
  CatalogResult r = catalog_file(file_entry("srv/node_modules/lodash/package.json"), content);
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].name, "lodash");
  EXPECT_EQ(r.packages[0].version, "4.17.15");
  EXPECT_EQ(r.packages[0].supplier, "John-David Dalton <john.david.dalton@gmail.com>");
}

}  // namespace
}  // namespace customs
