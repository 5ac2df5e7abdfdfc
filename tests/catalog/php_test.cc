// The Composer rows: composer-installed (vendor/composer/installed.json, versions 1 and 2) and
// composer-lock. Composer is not installed here, so the fixtures were written by hand in the exact
// shape composer 2.6 writes (monolog/monolog 3.5.0 with psr/log 3.0.0, symfony/polyfill-mbstring
// v1.28.0; doctrine/instantiator and myclabs/deep-copy as dev packages), with their real metadata.
#include <gtest/gtest.h>

#include <string>

#include "catalog/catalog.h"
#include "catalog/catalog_test_util.h"
#include "catalog/php/php.h"

namespace customs {
namespace {

using customs::testing::catalog_testdata;
using customs::testing::diagnostic_codes;
using customs::testing::diagnostic_messages;
using customs::testing::file_entry;
using customs::testing::find_package_by_key;
using customs::testing::run_parser;

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
  CatalogResult r =
      run_parser(parse_composer_lock, "var/www/composer.lock", catalog_testdata("php/composer.lock"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  ASSERT_EQ(r.packages.size(), 5u);
  const Package* monolog = find_package_by_key(r, "pkg:composer/monolog/monolog@3.5.0");
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
  const Package* psr = find_package_by_key(r, "pkg:composer/psr/log@3.0.0");
  ASSERT_NE(psr, nullptr);
  EXPECT_EQ(psr->supplier, "PHP-FIG");
  EXPECT_TRUE(psr->depends_on.empty());
  // Versions stay as written, "v" included.
  const Package* mb = find_package_by_key(r, "pkg:composer/symfony/polyfill-mbstring@v1.28.0");
  ASSERT_NE(mb, nullptr);
  EXPECT_EQ(mb->supplier, "Nicolas Grekas <p@tchwork.com>");
  const Package* instantiator = find_package_by_key(r, "pkg:composer/doctrine/instantiator@2.0.0");
  ASSERT_NE(instantiator, nullptr);
  EXPECT_TRUE(instantiator->dev);
  const Package* deep_copy = find_package_by_key(r, "pkg:composer/myclabs/deep-copy@1.11.1");
  ASSERT_NE(deep_copy, nullptr);
  EXPECT_TRUE(deep_copy->dev);
  EXPECT_EQ(deep_copy->supplier, "");
  EXPECT_EQ(deep_copy->homepage, "");
}

TEST(ComposerInstalled, ReadsVersion2WithDevPackageNames) {
  CatalogResult r = run_parser(parse_composer_installed, "app/vendor/composer/installed.json",
                               catalog_testdata("php/v2/vendor/composer/installed.json"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  ASSERT_EQ(r.packages.size(), 5u);
  const Package* monolog = find_package_by_key(r, "pkg:composer/monolog/monolog@3.5.0");
  ASSERT_NE(monolog, nullptr);
  EXPECT_EQ(monolog->cataloger, "composer-installed");
  EXPECT_EQ(monolog->origin, PackageOrigin::kInstalled);
  EXPECT_FALSE(monolog->dev);
  EXPECT_EQ(monolog->depends_on, std::vector<std::string>{"pkg:composer/psr/log@3.0.0"});
  EXPECT_TRUE(find_package_by_key(r, "pkg:composer/doctrine/instantiator@2.0.0")->dev);
  EXPECT_TRUE(find_package_by_key(r, "pkg:composer/myclabs/deep-copy@1.11.1")->dev);
  EXPECT_FALSE(find_package_by_key(r, "pkg:composer/psr/log@3.0.0")->dev);
}

TEST(ComposerInstalled, ReadsVersion1Arrays) {
  CatalogResult r = run_parser(parse_composer_installed, "vendor/composer/installed.json",
                               catalog_testdata("php/v1/vendor/composer/installed.json"));
  EXPECT_TRUE(r.diagnostics.empty()) << diagnostic_messages(r);
  ASSERT_EQ(r.packages.size(), 2u);
  EXPECT_EQ(find_package_by_key(r, "pkg:composer/monolog/monolog@3.5.0")->depends_on,
            std::vector<std::string>{"pkg:composer/psr/log@3.0.0"});
}

TEST(ComposerLock, EmitsEachNameVersionOnceAndToleratesOddFields) {
  const char* lock = R"({"packages":[
    {"name":"A/B","version":"1.0","license":"MIT, BSD-3-Clause","require":{"c/d":"^2","ext-json":"*","lib-pcre":"*"}},
    {"name":"a/b","version":"1.0"},
    {"name":"c/d","version":"2.1","license":[1,"MIT"],"authors":"nobody","require":[]},
    {"name":"nover"}, 5, {"version":"1"}],
    "packages-dev":{"not":"a list"}})";
  CatalogResult r = run_parser(parse_composer_lock, "composer.lock", lock);
  EXPECT_EQ(diagnostic_codes(r), "composer.incomplete-package ");
  ASSERT_EQ(r.packages.size(), 2u);
  EXPECT_EQ(r.packages[0].namespace_, "A");
  EXPECT_EQ(r.packages[0].licenses, (std::vector<std::string>{"MIT", "BSD-3-Clause"}));
  EXPECT_EQ(r.packages[0].depends_on, std::vector<std::string>{"pkg:composer/c/d@2.1"});
  EXPECT_EQ(r.packages[1].licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(r.packages[1].supplier, "");
}

TEST(ComposerLock, DiagnosesMalformedTruncatedAndForeignFiles) {
  std::string lock = catalog_testdata("php/composer.lock");
  CatalogResult r = run_parser(parse_composer_lock, "composer.lock", lock.substr(0, 3000), true);
  EXPECT_EQ(diagnostic_codes(r), "composer.truncated composer.malformed-json ");
  EXPECT_GT(r.diagnostics[1].where.line, 1);
  r = run_parser(parse_composer_lock, "composer.lock", R"({"name":"x/y"})");
  EXPECT_EQ(diagnostic_codes(r), "composer.not-a-lockfile ");
  r = run_parser(parse_composer_installed, "vendor/composer/installed.json", R"({"dev":true})");
  EXPECT_EQ(diagnostic_codes(r), "composer.not-installed-json ");
  r = run_parser(parse_composer_installed, "vendor/composer/installed.json", "");
  EXPECT_EQ(diagnostic_codes(r), "composer.malformed-json ");
}

}  // namespace
}  // namespace customs
