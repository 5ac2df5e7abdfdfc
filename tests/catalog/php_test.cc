// The Composer rows: composer-installed (vendor/composer/installed.json, versions 1 and 2) and
// composer-lock. Composer is not installed here, so the fixtures were written by hand in the exact
// shape composer 2.6 writes (monolog/monolog 3.5.0 with psr/log 3.0.0, symfony/polyfill-mbstring
// v1.28.0; doctrine/instantiator and myclabs/deep-copy as dev packages), with their real metadata.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "catalog/catalog.h"
#include "catalog/php/php.h"

namespace customs {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& rel) {
  std::ifstream in(fs::path(CUSTOMS_TESTDATA) / "catalog/php" / rel, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

FsEntry file_entry(const std::string& path) {
  FsEntry e;
  e.path = path;
  e.size = 1000;
  e.mode = 0644;
  return e;
}

using Parser = void (*)(const CatalogFile&, CatalogResult&);

CatalogResult run(Parser parse, const std::string& path, std::string_view content, bool truncated = false) {
  CatalogResult out;
  CatalogFile f{path, content, truncated, 0644};
  parse(f, out);
  return out;
}

const Package* find(const CatalogResult& r, std::string_view key) {
  for (const Package& p : r.packages)
    if (package_key(p) == key) return &p;
  return nullptr;
}

// Every diagnostic in full, for failure messages.
std::string messages(const CatalogResult& r) {
  std::string s;
  for (const Diagnostic& d : r.diagnostics)
    s += d.where.to_string() + ": " + d.code + ": " + d.message + "\n";
  return s;
}

std::string codes(const CatalogResult& r) {
  std::string s;
  for (const Diagnostic& d : r.diagnostics) s += d.code + " ";
  return s;
}

TEST(ComposerCatalogers, PickFilesByPath) {
  std::vector<Cataloger> rows = php_catalogers();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].name, "composer-installed");
  EXPECT_EQ(rows[1].name, "composer-lock");
  EXPECT_GT(wants_composer_installed(file_entry("var/www/vendor/composer/installed.json")), 0u);
  EXPECT_GT(wants_composer_installed(file_entry("vendor/composer/installed.json")), 0u);
  EXPECT_EQ(wants_composer_installed(file_entry("var/www/composer/installed.json")), 0u);
  EXPECT_EQ(wants_composer_installed(file_entry("vendor/composer/installed.php")), 0u);
  EXPECT_GT(wants_composer_lock(file_entry("var/www/composer.lock")), 0u);
  EXPECT_GT(wants_composer_lock(file_entry("composer.lock")), 0u);
  EXPECT_EQ(wants_composer_lock(file_entry("var/www/vendor/monolog/monolog/composer.lock")), 0u);
  EXPECT_EQ(wants_composer_lock(file_entry("var/www/composer.json")), 0u);
}

TEST(ComposerLock, ReadsPackagesAndDevPackagesWithResolvedRequires) {
  CatalogResult r = run(parse_composer_lock, "var/www/composer.lock", fixture("composer.lock"));
  EXPECT_TRUE(r.diagnostics.empty()) << messages(r);
  ASSERT_EQ(r.packages.size(), 5u);
  const Package* monolog = find(r, "pkg:composer/monolog/monolog@3.5.0");
  ASSERT_NE(monolog, nullptr);
  EXPECT_EQ(monolog->type, PackageType::kComposer);
  EXPECT_EQ(monolog->namespace_, "monolog");
  EXPECT_EQ(monolog->name, "monolog");
  EXPECT_EQ(monolog->licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(monolog->supplier, "Jordi Boggiano <j.boggiano@seld.be>");
  EXPECT_EQ(monolog->homepage, "https://github.com/Seldaek/monolog");
  EXPECT_EQ(monolog->cataloger, "composer-lock");
  EXPECT_EQ(monolog->origin, PackageOrigin::kDeclared);
  EXPECT_EQ(monolog->path, "var/www/composer.lock");
  EXPECT_FALSE(monolog->dev);
  // "php" is a platform requirement; psr/log resolves to the locked 3.0.0.
  EXPECT_EQ(monolog->depends_on, std::vector<std::string>{"pkg:composer/psr/log@3.0.0"});
  const Package* psr = find(r, "pkg:composer/psr/log@3.0.0");
  ASSERT_NE(psr, nullptr);
  EXPECT_EQ(psr->supplier, "PHP-FIG");
  EXPECT_TRUE(psr->depends_on.empty());
  // Versions stay as written, "v" included.
  const Package* mb = find(r, "pkg:composer/symfony/polyfill-mbstring@v1.28.0");
  ASSERT_NE(mb, nullptr);
  EXPECT_EQ(mb->supplier, "Nicolas Grekas <p@tchwork.com>");
  const Package* instantiator = find(r, "pkg:composer/doctrine/instantiator@2.0.0");
  ASSERT_NE(instantiator, nullptr);
  EXPECT_TRUE(instantiator->dev);
  const Package* deep_copy = find(r, "pkg:composer/myclabs/deep-copy@1.11.1");
  ASSERT_NE(deep_copy, nullptr);
  EXPECT_TRUE(deep_copy->dev);
  EXPECT_EQ(deep_copy->supplier, "");
  EXPECT_EQ(deep_copy->homepage, "");
}

TEST(ComposerInstalled, ReadsVersion2WithDevPackageNames) {
  CatalogResult r = run(parse_composer_installed, "app/vendor/composer/installed.json",
                        fixture("v2/vendor/composer/installed.json"));
  EXPECT_TRUE(r.diagnostics.empty()) << messages(r);
  ASSERT_EQ(r.packages.size(), 5u);
  const Package* monolog = find(r, "pkg:composer/monolog/monolog@3.5.0");
  ASSERT_NE(monolog, nullptr);
  EXPECT_EQ(monolog->cataloger, "composer-installed");
  EXPECT_EQ(monolog->origin, PackageOrigin::kInstalled);
  EXPECT_FALSE(monolog->dev);
  EXPECT_EQ(monolog->depends_on, std::vector<std::string>{"pkg:composer/psr/log@3.0.0"});
  EXPECT_TRUE(find(r, "pkg:composer/doctrine/instantiator@2.0.0")->dev);
  EXPECT_TRUE(find(r, "pkg:composer/myclabs/deep-copy@1.11.1")->dev);
  EXPECT_FALSE(find(r, "pkg:composer/psr/log@3.0.0")->dev);
}

TEST(ComposerInstalled, ReadsVersion1Arrays) {
  CatalogResult r = run(parse_composer_installed, "vendor/composer/installed.json",
                        fixture("v1/vendor/composer/installed.json"));
  EXPECT_TRUE(r.diagnostics.empty()) << messages(r);
  ASSERT_EQ(r.packages.size(), 2u);
  EXPECT_EQ(find(r, "pkg:composer/monolog/monolog@3.5.0")->depends_on,
            std::vector<std::string>{"pkg:composer/psr/log@3.0.0"});
}

TEST(ComposerLock, EmitsEachNameVersionOnceAndToleratesOddFields) {
  const char* lock = R"({"packages":[
    {"name":"A/B","version":"1.0","license":"MIT, BSD-3-Clause","require":{"c/d":"^2","ext-json":"*","lib-pcre":"*"}},
    {"name":"a/b","version":"1.0"},
    {"name":"c/d","version":"2.1","license":[1,"MIT"],"authors":"nobody","require":[]},
    {"name":"nover"}, 5, {"version":"1"}],
    "packages-dev":{"not":"a list"}})";
  CatalogResult r = run(parse_composer_lock, "composer.lock", lock);
  EXPECT_EQ(codes(r), "composer.incomplete-package ");
  ASSERT_EQ(r.packages.size(), 2u);
  EXPECT_EQ(r.packages[0].namespace_, "A");
  EXPECT_EQ(r.packages[0].licenses, (std::vector<std::string>{"MIT", "BSD-3-Clause"}));
  EXPECT_EQ(r.packages[0].depends_on, std::vector<std::string>{"pkg:composer/c/d@2.1"});
  EXPECT_EQ(r.packages[1].licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(r.packages[1].supplier, "");
}

TEST(ComposerLock, DiagnosesMalformedTruncatedAndForeignFiles) {
  std::string lock = fixture("composer.lock");
  CatalogResult r = run(parse_composer_lock, "composer.lock", lock.substr(0, 3000), true);
  EXPECT_EQ(codes(r), "composer.truncated composer.malformed-json ");
  EXPECT_GT(r.diagnostics[1].where.line, 1);
  r = run(parse_composer_lock, "composer.lock", R"({"name":"x/y"})");
  EXPECT_EQ(codes(r), "composer.not-a-lockfile ");
  r = run(parse_composer_installed, "vendor/composer/installed.json", R"({"dev":true})");
  EXPECT_EQ(codes(r), "composer.not-installed-json ");
  r = run(parse_composer_installed, "vendor/composer/installed.json", "");
  EXPECT_EQ(codes(r), "composer.malformed-json ");
}

}  // namespace
}  // namespace customs
