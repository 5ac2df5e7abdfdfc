// The npm lockfile rows: npm-package-lock (lockfileVersion 1, 2, 3 and the hidden lockfile),
// yarn-lock (classic and berry) and pnpm-lock (5.4, 6.0, 9.0). The fixtures are real: one project
// (express, lodash, minimist, @types/node; mocha as a dev dependency; react-dom for pnpm's peer
// suffixes) locked by npm 11.19 (--lockfile-version 1, 2, 3), yarn 1.22 and 4.x, pnpm 7, 8 and 9.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "catalog/catalog.h"
#include "catalog/catalog_test_util.h"
#include "catalog/npm/npm.h"

namespace customs {
namespace {

using customs::testing::catalog_testdata;
using customs::testing::diagnostic_codes;
using customs::testing::diagnostic_messages;
using customs::testing::find_package_by_key;
using customs::testing::run_parser;

bool depends(const Package* p, std::string_view key) {
  return p != nullptr && std::find(p->depends_on.begin(), p->depends_on.end(), key) != p->depends_on.end();
}

size_t dev_count(const CatalogResult& r) {
  return std::count_if(r.packages.begin(), r.packages.end(), [](const Package& p) { return p.dev; });
}

bool unique_keys(const CatalogResult& r) {
  std::vector<std::string> keys;
  for (const Package& p : r.packages) keys.push_back(package_key(p));
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) == keys.end();
}

TEST(NpmPackageLock, ReadsVersion3WithNodeResolutionOfDependencies) {
  CatalogResult r = run_parser(parse_npm_package_lock, "app/package-lock.json",
                               catalog_testdata("npm/lock-v3/package-lock.json"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  EXPECT_EQ(r.packages.size(), 144u);  // 145 install paths, ms@2.1.3 twice
  EXPECT_TRUE(unique_keys(r));
  EXPECT_EQ(dev_count(r), 69u);
  const Package* express = find_package_by_key(r, "pkg:npm/express@4.18.2");
  ASSERT_NE(express, nullptr);
  EXPECT_EQ(express->cataloger, "npm-package-lock");
  EXPECT_EQ(express->origin, PackageOrigin::kDeclared);
  EXPECT_EQ(express->path, "app/package-lock.json");
  EXPECT_FALSE(express->dev);
  EXPECT_EQ(express->depends_on.size(), 31u);
  EXPECT_TRUE(depends(express, "pkg:npm/debug@2.6.9"));
  EXPECT_TRUE(depends(express, "pkg:npm/accepts@1.3.8"));
  // node_modules/mocha/node_modules/debug resolves "ms" to its sibling, not the top-level ms@2.0.0.
  const Package* nested_debug = find_package_by_key(r, "pkg:npm/debug@4.4.3");
  ASSERT_NE(nested_debug, nullptr);
  EXPECT_TRUE(nested_debug->dev);
  EXPECT_TRUE(depends(nested_debug, "pkg:npm/ms@2.1.3"));
  EXPECT_TRUE(depends(find_package_by_key(r, "pkg:npm/debug@2.6.9"), "pkg:npm/ms@2.0.0"));
  // ms@2.1.3 is both under mocha (dev) and under send (not dev): not dev.
  ASSERT_NE(find_package_by_key(r, "pkg:npm/ms@2.1.3"), nullptr);
  EXPECT_FALSE(find_package_by_key(r, "pkg:npm/ms@2.1.3")->dev);
  const Package* types = find_package_by_key(r, "pkg:npm/%40types/node@20.11.0");
  ASSERT_NE(types, nullptr);
  EXPECT_EQ(types->namespace_, "@types");
  EXPECT_EQ(types->name, "node");
  EXPECT_EQ(types->depends_on, std::vector<std::string>{"pkg:npm/undici-types@5.26.5"});
  EXPECT_EQ(find_package_by_key(r, "pkg:npm/v3@1.0.0"), nullptr);  // the root project
  ASSERT_NE(find_package_by_key(r, "pkg:npm/mocha@10.8.2"), nullptr);
  EXPECT_TRUE(find_package_by_key(r, "pkg:npm/mocha@10.8.2")->dev);
}

TEST(NpmPackageLock, ReadsTheHiddenLockfileAsInstalled) {
  CatalogResult r = run_parser(parse_npm_package_lock, "app/node_modules/.package-lock.json",
                               catalog_testdata("npm/lock-v3/hidden-package-lock.json"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  EXPECT_EQ(r.packages.size(), 143u);  // fsevents (optional, darwin only) was not installed
  EXPECT_EQ(find_package_by_key(r, "pkg:npm/fsevents@2.3.2"), nullptr);
  ASSERT_NE(find_package_by_key(r, "pkg:npm/lodash@4.17.15"), nullptr);
  EXPECT_EQ(find_package_by_key(r, "pkg:npm/lodash@4.17.15")->origin, PackageOrigin::kInstalled);
}

TEST(NpmPackageLock, ReadsVersion2FromItsPackagesMap) {
  CatalogResult r = run_parser(parse_npm_package_lock, "package-lock.json",
                               catalog_testdata("npm/lock-v2/package-lock.json"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  EXPECT_EQ(r.packages.size(), 144u);
  EXPECT_EQ(dev_count(r), 69u);
  EXPECT_TRUE(depends(find_package_by_key(r, "pkg:npm/express@4.22.3"), "pkg:npm/debug@2.6.9"));
}

TEST(NpmPackageLock, ReadsVersion1NestedTreeWithRequiresResolvedUpward) {
  CatalogResult r = run_parser(parse_npm_package_lock, "package-lock.json",
                               catalog_testdata("npm/lock-v1/package-lock.json"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  EXPECT_EQ(r.packages.size(), 144u);
  EXPECT_TRUE(unique_keys(r));
  EXPECT_EQ(dev_count(r), 69u);
  const Package* mocha = find_package_by_key(r, "pkg:npm/mocha@10.8.2");
  ASSERT_NE(mocha, nullptr);
  EXPECT_TRUE(mocha->dev);
  EXPECT_TRUE(depends(mocha, "pkg:npm/debug@4.4.3"));  // mocha's own nested debug
  EXPECT_TRUE(depends(find_package_by_key(r, "pkg:npm/debug@4.4.3"), "pkg:npm/ms@2.1.3"));
  EXPECT_TRUE(depends(find_package_by_key(r, "pkg:npm/debug@2.6.9"), "pkg:npm/ms@2.0.0"));
}

TEST(NpmPackageLock, FollowsLinksToWorkspacesAndAliases) {
  const char* lock = R"({"lockfileVersion":3,"packages":{
    "":{"name":"root","workspaces":["packages/*"]},
    "node_modules/app":{"resolved":"packages/app","link":true},
    "packages/app":{"name":"app","version":"0.1.0","dependencies":{"left":"^1.0.0"}},
    "node_modules/left":{"version":"1.0.0","dev":true},
    "node_modules/sw-cjs":{"name":"string-width","version":"4.2.3","devOptional":true},
    "node_modules/broken":{"link":true,"resolved":"nowhere"},
    "node_modules/noversion":{}}})";
  CatalogResult r = run_parser(parse_npm_package_lock, "package-lock.json", lock);
  EXPECT_EQ(r.packages.size(), 3u);
  const Package* app = find_package_by_key(r, "pkg:npm/app@0.1.0");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->depends_on, std::vector<std::string>{"pkg:npm/left@1.0.0"});
  ASSERT_NE(find_package_by_key(r, "pkg:npm/string-width@4.2.3"), nullptr);
  EXPECT_TRUE(find_package_by_key(r, "pkg:npm/string-width@4.2.3")->dev);
  EXPECT_TRUE(find_package_by_key(r, "pkg:npm/left@1.0.0")->dev);
}

TEST(NpmPackageLock, DiagnosesMalformedAndForeignJson) {
  std::string lock = catalog_testdata("npm/lock-v3/package-lock.json");
  CatalogResult r =
      run_parser(parse_npm_package_lock, "package-lock.json", lock.substr(0, lock.size() / 2), true);
  EXPECT_EQ(diagnostic_codes(r), "npm.truncated npm.malformed-json ");
  r = run_parser(parse_npm_package_lock, "package-lock.json", R"({"hello":"world"})");
  EXPECT_EQ(diagnostic_codes(r), "npm.not-a-lockfile ");
  r = run_parser(parse_npm_package_lock, "package-lock.json", "\"text\"");
  EXPECT_EQ(diagnostic_codes(r), "npm.not-an-object ");
  r = run_parser(
      parse_npm_package_lock, "package-lock.json",
      R"({"lockfileVersion":1,"dependencies":{"a":{"version":1},"b":"x","c":{"version":"1.0.0","requires":[1]}}})");
  EXPECT_EQ(r.packages.size(), 1u);
}

TEST(NpmPackageLock, StopsAtHostileNestingWithADiagnostic) {
  std::string deep = R"({"lockfileVersion":1,"dependencies":)";
  for (int i = 0; i < 1000; ++i) deep += R"({"a":{"version":"1.0.0","requires":{"a":"1"},"dependencies":)";
  deep += "{}";
  for (int i = 0; i < 1000; ++i) deep += "}}";
  deep += "}";
  CatalogResult r = run_parser(parse_npm_package_lock, "package-lock.json", deep);
  EXPECT_EQ(diagnostic_codes(r), "npm.too-deep ");
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].depends_on, std::vector<std::string>{"pkg:npm/a@1.0.0"});
}

TEST(YarnLock, ReadsClassicWithDependenciesResolvedThroughDescriptors) {
  CatalogResult r =
      run_parser(parse_yarn_lock, "app/yarn.lock", catalog_testdata("npm/yarn-classic/yarn.lock"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  EXPECT_EQ(r.packages.size(), 149u);
  const Package* react_dom = find_package_by_key(r, "pkg:npm/react-dom@18.2.0");
  ASSERT_NE(react_dom, nullptr);
  EXPECT_EQ(react_dom->cataloger, "yarn-lock");
  EXPECT_EQ(react_dom->origin, PackageOrigin::kDeclared);
  EXPECT_EQ(react_dom->depends_on,
            (std::vector<std::string>{"pkg:npm/loose-envify@1.4.0", "pkg:npm/scheduler@0.23.2"}));
  EXPECT_TRUE(depends(find_package_by_key(r, "pkg:npm/debug@4.4.3"), "pkg:npm/ms@2.1.3"));
  EXPECT_TRUE(depends(find_package_by_key(r, "pkg:npm/debug@2.6.9"), "pkg:npm/ms@2.0.0"));
  const Package* types = find_package_by_key(r, "pkg:npm/%40types/node@20.19.43");
  ASSERT_NE(types, nullptr);
  EXPECT_EQ(types->namespace_, "@types");
}

TEST(YarnLock, ReadsBerrySkippingTheWorkspaceAndMergingPatches) {
  CatalogResult r = run_parser(parse_yarn_lock, "yarn.lock", catalog_testdata("npm/yarn-berry/yarn.lock"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  EXPECT_EQ(r.packages.size(), 169u);
  EXPECT_TRUE(unique_keys(r));
  EXPECT_EQ(find_package_by_key(r, "pkg:npm/v3@0.0.0-use.local"), nullptr);
  ASSERT_NE(find_package_by_key(r, "pkg:npm/fsevents@2.3.3"), nullptr);
  const Package* react_dom = find_package_by_key(r, "pkg:npm/react-dom@18.2.0");
  ASSERT_NE(react_dom, nullptr);
  EXPECT_EQ(react_dom->depends_on,
            (std::vector<std::string>{"pkg:npm/loose-envify@1.4.0", "pkg:npm/scheduler@0.23.2"}));
  EXPECT_TRUE(
      depends(find_package_by_key(r, "pkg:npm/%40types/node@20.19.43"), "pkg:npm/undici-types@6.21.0"));
}

TEST(YarnLock, ResolvesBerryAliasesAndProtocollessRanges) {
  const char* lock =
      "__metadata:\n  version: 4\n\n"
      "\"sw-cjs@npm:string-width@^4.2.0\":\n  version: 4.2.3\n  resolution: \"string-width@npm:4.2.3\"\n"
      "  dependencies:\n    emoji: ^8.0.0\n\n"
      "\"emoji@npm:^8.0.0\":\n  version: 8.0.0\n  resolution: \"emoji@npm:8.0.0\"\n";
  CatalogResult r = run_parser(parse_yarn_lock, "yarn.lock", lock);
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  ASSERT_EQ(r.packages.size(), 2u);
  EXPECT_TRUE(depends(find_package_by_key(r, "pkg:npm/string-width@4.2.3"), "pkg:npm/emoji@8.0.0"));
}

TEST(YarnLock, DiagnosesDamagedFiles) {
  CatalogResult r =
      run_parser(parse_yarn_lock, "yarn.lock", "garbage line\nmore garbage\na@^1:\n  resolved \"x\"\n");
  EXPECT_EQ(diagnostic_codes(r), "yarn.unexpected-line yarn.missing-version ");
  EXPECT_EQ(r.diagnostics[0].where.line, 1);
  EXPECT_EQ(r.diagnostics[1].where.line, 3);
  r = run_parser(parse_yarn_lock, "yarn.lock", "__metadata:\n  version: 4\n\"a@npm:1\": [unclosed\n");
  EXPECT_EQ(diagnostic_codes(r), "yarn.malformed-yaml ");
  EXPECT_EQ(r.diagnostics[0].where.line, 4);
  r = run_parser(parse_yarn_lock, "yarn.lock",
                 "__metadata:\n  version: 4\nx: " + std::string(5000, '[') + "\n");
  EXPECT_EQ(diagnostic_codes(r), "yarn.too-deep ");
  std::string classic = catalog_testdata("npm/yarn-classic/yarn.lock");
  r = run_parser(parse_yarn_lock, "yarn.lock", classic.substr(0, classic.size() / 2), true);
  EXPECT_EQ(r.diagnostics[0].code, "yarn.truncated");
  EXPECT_GT(r.packages.size(), 50u);  // the entries before the cut
}

TEST(PnpmLock, ReadsVersion5KeysAndStripsPeerSuffixes) {
  CatalogResult r =
      run_parser(parse_pnpm_lock, "pnpm-lock.yaml", catalog_testdata("npm/pnpm-v5/pnpm-lock.yaml"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  EXPECT_EQ(r.packages.size(), 149u);
  EXPECT_EQ(dev_count(r), 69u);
  const Package* react_dom = find_package_by_key(r, "pkg:npm/react-dom@18.2.0");
  ASSERT_NE(react_dom, nullptr);
  EXPECT_EQ(react_dom->cataloger, "pnpm-lock");
  EXPECT_FALSE(react_dom->dev);
  EXPECT_TRUE(depends(react_dom, "pkg:npm/react@18.2.0"));
  const Package* debug = find_package_by_key(r, "pkg:npm/debug@4.4.3");
  ASSERT_NE(debug, nullptr);
  EXPECT_TRUE(debug->dev);
  EXPECT_EQ(debug->depends_on,
            (std::vector<std::string>{"pkg:npm/ms@2.1.3", "pkg:npm/supports-color@8.1.1"}));
  EXPECT_NE(find_package_by_key(r, "pkg:npm/%40types/node@20.19.43"), nullptr);
}

TEST(PnpmLock, ReadsVersion6Keys) {
  CatalogResult r =
      run_parser(parse_pnpm_lock, "pnpm-lock.yaml", catalog_testdata("npm/pnpm-v6/pnpm-lock.yaml"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  EXPECT_EQ(r.packages.size(), 149u);
  EXPECT_EQ(dev_count(r), 69u);
  EXPECT_TRUE(depends(find_package_by_key(r, "pkg:npm/react-dom@18.2.0"), "pkg:npm/scheduler@0.23.2"));
  EXPECT_TRUE(find_package_by_key(r, "pkg:npm/debug@4.4.3")->dev);
}

TEST(PnpmLock, ReadsVersion9SnapshotsAndDerivesDevFromImporters) {
  CatalogResult r =
      run_parser(parse_pnpm_lock, "pnpm-lock.yaml", catalog_testdata("npm/pnpm-v9/pnpm-lock.yaml"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  EXPECT_EQ(r.packages.size(), 149u);
  EXPECT_TRUE(unique_keys(r));
  EXPECT_EQ(dev_count(r), 69u);  // the same 69 that 5.4 and 6.0 flag
  EXPECT_TRUE(depends(find_package_by_key(r, "pkg:npm/react-dom@18.2.0"), "pkg:npm/react@18.2.0"));
  EXPECT_TRUE(depends(find_package_by_key(r, "pkg:npm/debug@4.4.3"), "pkg:npm/supports-color@8.1.1"));
  EXPECT_TRUE(find_package_by_key(r, "pkg:npm/mocha@10.8.2")->dev);
  EXPECT_FALSE(find_package_by_key(r, "pkg:npm/express@4.22.3")->dev);
}

TEST(PnpmLock, ResolvesAliasesAndSkipsLinks) {
  const char* lock =
      "lockfileVersion: '9.0'\n"
      "importers:\n  .:\n    dependencies:\n      sw: {specifier: x, version: string-width@4.2.3}\n"
      "      local: {specifier: x, version: link:../local}\n"
      "packages:\n  string-width@4.2.3: {resolution: {integrity: x}}\n  orphan@1.0.0: {}\n"
      "snapshots:\n  string-width@4.2.3:\n    dependencies:\n      emoji: 8.0.0\n      loc: link:../x\n"
      "  emoji@8.0.0: {}\n";
  CatalogResult r = run_parser(parse_pnpm_lock, "pnpm-lock.yaml", lock);
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  ASSERT_EQ(r.packages.size(), 3u);
  EXPECT_EQ(find_package_by_key(r, "pkg:npm/string-width@4.2.3")->depends_on,
            std::vector<std::string>{"pkg:npm/emoji@8.0.0"});
  EXPECT_NE(find_package_by_key(r, "pkg:npm/orphan@1.0.0"), nullptr);
  EXPECT_EQ(dev_count(r), 0u);
}

TEST(PnpmLock, DiagnosesDamagedFiles) {
  CatalogResult r = run_parser(parse_pnpm_lock, "pnpm-lock.yaml", "packages:\n  /a/1.0.0: {}\n");
  EXPECT_EQ(diagnostic_codes(r), "pnpm.not-a-lockfile ");
  r = run_parser(parse_pnpm_lock, "pnpm-lock.yaml", "lockfileVersion: 5.4\npackages:\n  /a/1.0.0: {dev: [\n");
  EXPECT_EQ(diagnostic_codes(r), "pnpm.malformed-yaml ");
  std::string nested = "lockfileVersion: 5.4\npackages:\n";
  for (int i = 0; i < 200; ++i) nested += std::string(2 * i + 2, ' ') + "k:\n";
  r = run_parser(parse_pnpm_lock, "pnpm-lock.yaml", nested);
  EXPECT_EQ(diagnostic_codes(r), "pnpm.too-deep ");
  r = run_parser(
      parse_pnpm_lock, "pnpm-lock.yaml", "lockfileVersion: 5.4\npackages:\n" + [] {
        std::string dashes;
        for (int i = 0; i < 3000; ++i) dashes += "- ";
        return dashes;
      }() + "x\n");
  EXPECT_EQ(diagnostic_codes(r), "pnpm.too-deep ");
  r = run_parser(parse_pnpm_lock, "pnpm-lock.yaml", "- just\n- a list\n");
  EXPECT_EQ(diagnostic_codes(r), "pnpm.not-a-lockfile ");
}

}  // namespace
}  // namespace customs
