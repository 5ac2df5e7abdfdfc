#include "model/package.h"

#include <gtest/gtest.h>

#include "model/inventory.h"

namespace customs {
namespace {

TEST(PackageUrl, EncodesNpmScopeAndSortsQualifiers) {
  PackageUrl u{"npm", "@babel", "core", "7.22.5", {{"z", "1"}, {"a", "x y"}}, ""};
  EXPECT_EQ(to_string(u), "pkg:npm/%40babel/core@7.22.5?a=x%20y&z=1");
}

TEST(PackageUrl, KeepsColonInVersionAndDropsEmptyQualifiers) {
  PackageUrl u{"deb", "debian", "libc6", "1:2.36-9", {{"arch", "amd64"}, {"epoch", ""}}, ""};
  EXPECT_EQ(to_string(u), "pkg:deb/debian/libc6@1:2.36-9?arch=amd64");
}

TEST(PackageUrl, EncodesEachNamespaceSegmentOnItsOwn) {
  PackageUrl u{"golang", "github.com/opencontainers", "umoci", "v0.4.7", {}, ""};
  EXPECT_EQ(to_string(u), "pkg:golang/github.com/opencontainers/umoci@v0.4.7");
}

TEST(PackageUrl, ParsesEveryComponent) {
  auto u = parse_purl("pkg:maven/org.apache.commons/commons-lang3@3.12.0?type=jar&classifier=x%2Fy#sub/path");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->type, "maven");
  EXPECT_EQ(u->namespace_, "org.apache.commons");
  EXPECT_EQ(u->name, "commons-lang3");
  EXPECT_EQ(u->version, "3.12.0");
  ASSERT_EQ(u->qualifiers.size(), 2u);
  EXPECT_EQ(u->qualifiers[1].first, "classifier");
  EXPECT_EQ(u->qualifiers[1].second, "x/y");
  EXPECT_EQ(u->subpath, "sub/path");
}

TEST(PackageUrl, ParsesScopedNpmAndRoundTrips) {
  std::string text = "pkg:npm/%40types/node@20.1.0";
  auto u = parse_purl(text);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->namespace_, "@types");
  EXPECT_EQ(u->name, "node");
  EXPECT_EQ(to_string(*u), text);
}

TEST(PackageUrl, RejectsTextWithoutSchemeOrName) {
  EXPECT_FALSE(parse_purl("npm/left-pad@1.0.0").ok());
  EXPECT_FALSE(parse_purl("pkg:npm").ok());
  EXPECT_FALSE(parse_purl("pkg:npm/@1.0").ok());
  EXPECT_FALSE(parse_purl("pkg:npm/a%zz@1").ok());
}

TEST(PackageKey, NormalisesPythonNames) {
  EXPECT_EQ(package_key(PackageType::kPypi, "", "Zope.Interface__x", "5.5"), "pkg:pypi/zope-interface-x@5.5");
  EXPECT_EQ(normalize_python_name("PyYAML"), "pyyaml");
}

TEST(PackageType, RoundTripsEveryPurlType) {
  for (PackageType t : all_package_types()) {
    auto back = package_type_from_purl_type(purl_type(t));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, t);
  }
  EXPECT_FALSE(package_type_from_purl_type("conda").has_value());
  EXPECT_TRUE(is_os_package(PackageType::kRpm));
  EXPECT_FALSE(is_os_package(PackageType::kGolang));
}

TEST(Inventory, CountsPackagesPerType) {
  std::vector<Package> pkgs(3);
  pkgs[0].type = PackageType::kDeb;
  pkgs[1].type = PackageType::kNpm;
  pkgs[2].type = PackageType::kDeb;
  auto counts = count_by_type(pkgs);
  EXPECT_EQ(counts[PackageType::kDeb], 2u);
  EXPECT_EQ(counts[PackageType::kNpm], 1u);
}

}  // namespace
}  // namespace customs
