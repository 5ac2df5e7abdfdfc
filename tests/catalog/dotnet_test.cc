#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "catalog/catalog_test_util.h"

namespace customs {
namespace {

using customs::testing::catalog_testdata;
using customs::testing::cataloger_row;
using customs::testing::find_package;
using customs::testing::run_cataloger;

// The row of dotnet_catalogers(), and its parse() over `bytes` read at `path`.
const Cataloger& deps_row() { return cataloger_row("dotnet-deps"); }

CatalogResult run(std::string_view path, std::string_view bytes, bool truncated = false) {
  return run_cataloger("dotnet-deps", path, bytes, truncated);
}

TEST(DotnetDeps, ListsOnlyLibrariesOfTypePackage) {
  CatalogResult out = run("app/WebApi.deps.json", catalog_testdata("dotnet/WebApi.deps.json"));
  EXPECT_TRUE(out.diagnostics.empty());
  ASSERT_EQ(out.packages.size(), 10u);
  EXPECT_EQ(find_package(out, "WebApi"), nullptr);                        // "project"
  EXPECT_EQ(find_package(out, "WebApi.Core"), nullptr);                   // "project"
  EXPECT_EQ(find_package(out, "Microsoft.AspNetCore.App.Ref"), nullptr);  // "reference"
  const Package* json = find_package(out, "Newtonsoft.Json");
  ASSERT_NE(json, nullptr);
  EXPECT_EQ(json->type, PackageType::kNuget);
  EXPECT_EQ(json->namespace_, "");
  EXPECT_EQ(json->version, "13.0.1");
  EXPECT_EQ(json->cataloger, "dotnet-deps");
  EXPECT_EQ(json->origin, PackageOrigin::kInstalled);
  EXPECT_EQ(json->path, "app/WebApi.deps.json");
  EXPECT_TRUE(json->depends_on.empty());
}

TEST(DotnetDeps, ResolvesDependenciesFromTargets) {
  CatalogResult out = run("app/WebApi.deps.json", catalog_testdata("dotnet/WebApi.deps.json"));
  const Package* serilog = find_package(out, "Serilog.AspNetCore");
  ASSERT_NE(serilog, nullptr);
  EXPECT_EQ(serilog->depends_on,
            (std::vector<std::string>{"pkg:nuget/Newtonsoft.Json@13.0.1", "pkg:nuget/Serilog@2.12.0"}));
  const Package* sqlite = find_package(out, "Microsoft.EntityFrameworkCore.Sqlite");
  ASSERT_NE(sqlite, nullptr);
  EXPECT_EQ(sqlite->depends_on,
            (std::vector<std::string>{"pkg:nuget/Microsoft.EntityFrameworkCore.Sqlite.Core@6.0.25",
                                      "pkg:nuget/SQLitePCLRaw.bundle_e_sqlite3@2.1.2"}));
  const Package* core = find_package(out, "SQLitePCLRaw.core");
  ASSERT_NE(core, nullptr);
  EXPECT_EQ(core->depends_on, (std::vector<std::string>{"pkg:nuget/System.Memory@4.5.3"}));
}

TEST(DotnetDeps, EdgesSeenInSeveralTargetsAreListedOnce) {
  std::string doc = R"({
    "targets": {
      ".NETCoreApp,Version=v8.0": {"A/1.0.0": {"dependencies": {"B": "2.0.0"}}, "B/2.0.0": {}},
      ".NETCoreApp,Version=v8.0/linux-x64": {"A/1.0.0": {"dependencies": {"B": "2.0.0", "Gone": "1.0.0"}}}
    },
    "libraries": {"A/1.0.0": {"type": "package"}, "B/2.0.0": {"type": "package"}}
  })";
  CatalogResult out = run("x.deps.json", doc);
  ASSERT_EQ(out.packages.size(), 2u);
  EXPECT_EQ(out.packages[0].depends_on, (std::vector<std::string>{"pkg:nuget/B@2.0.0"}));
}

TEST(DotnetDeps, MalformedJsonGivesALocatedDiagnostic) {
  CatalogResult out = run("x.deps.json", "{\n  \"libraries\": {\n    \"A/1\": {\"type\": \"package\",,}\n");
  EXPECT_TRUE(out.packages.empty());
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "dotnet.bad-deps-json");
  EXPECT_EQ(out.diagnostics[0].where.line, 3);
}

TEST(DotnetDeps, WrongTypesAreDiagnosedNotFatal) {
  EXPECT_EQ(run("x.deps.json", "[1,2]").diagnostics.at(0).code, "dotnet.bad-deps-json");
  EXPECT_EQ(run("x.deps.json", R"({"libraries": []})").diagnostics.at(0).code, "dotnet.bad-deps-json");
  CatalogResult out = run("x.deps.json", R"({"targets": {"t": [1], "u": {"A/1": {"dependencies": [1]}}},
    "libraries": {"A/1": {"type": "package"}, "B": {"type": "package"}, "C/2": 7}})");
  ASSERT_EQ(out.packages.size(), 1u);
  EXPECT_EQ(out.packages[0].name, "A");
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].message, "library \"B\" is not \"Name/Version\"");
}

TEST(DotnetDeps, TruncatedFileIsReported) {
  CatalogResult out = run("x.deps.json", "{\"libraries\": {", true);
  ASSERT_EQ(out.diagnostics.size(), 1u);
  EXPECT_EQ(out.diagnostics[0].code, "dotnet.truncated");
}

TEST(DotnetDeps, WantsDepsJsonFiles) {
  FsEntry e;
  e.path = "app/WebApi.deps.json";
  e.size = 100;
  EXPECT_GT(deps_row().wants(e), 0u);
  e.path = "app/WebApi.runtimeconfig.json";
  EXPECT_EQ(deps_row().wants(e), 0u);
}

}  // namespace
}  // namespace customs
