// The Ruby rows: ruby-gemspec over specifications RubyGems wrote on Debian 12 (copied from the lab
// tree), and ruby-gemfile-lock over Bundler lockfiles shipped inside gems there plus a
// real-format application lock with GIT, PATH, platform gems and CHECKSUMS.
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

TEST(RubyGemspec, WantsSpecificationsAnywhere) {
  EXPECT_GT(cataloger_wants("ruby-gemspec", "var/lib/gems/3.1.0/specifications/rake-13.0.6.gemspec"), 0u);
  EXPECT_GT(
      cataloger_wants("ruby-gemspec", "usr/lib/ruby/gems/3.1.0/specifications/default/digest-3.1.0.gemspec"),
      0u);
  EXPECT_GT(cataloger_wants("ruby-gemspec",
                            "usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec"),
            0u);
  // A source gemspec, not an installed gem.
  EXPECT_EQ(cataloger_wants("ruby-gemspec", "app/mygem.gemspec"), 0u);
  EXPECT_EQ(cataloger_wants("ruby-gemspec", "usr/lib/ruby/gems/3.1.0/specifications/README"), 0u);
}

TEST(RubyGemspec, ReadsInstalledSpecification) {
  std::string path = "usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec";
  auto r = run_cataloger("ruby-gemspec", path, catalog_testdata("ruby/rake-13.0.6.gemspec"));
  ASSERT_EQ(r.packages.size(), 1u) << diagnostic_codes(r);
  const Package& p = r.packages[0];
  EXPECT_EQ(p.type, PackageType::kGem);
  EXPECT_EQ(p.namespace_, "");
  EXPECT_EQ(p.name, "rake");
  EXPECT_EQ(p.version, "13.0.6");
  EXPECT_EQ(p.licenses, std::vector<std::string>{"MIT"});
  EXPECT_EQ(p.supplier, "Hiroshi SHIBATA, Eric Hodel, Jim Weirich");
  EXPECT_EQ(p.homepage, "https://github.com/ruby/rake");
  EXPECT_EQ(p.cataloger, "ruby-gemspec");
  EXPECT_EQ(p.origin, PackageOrigin::kInstalled);
  EXPECT_EQ(p.path, path);
  EXPECT_EQ(p.version_source, "");
  EXPECT_TRUE(p.depends_on.empty());  // add_dependency states requirements, not versions
  EXPECT_EQ(package_key(p), "pkg:gem/rake@13.0.6");
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(RubyGemspec, ReadsDebianAndDefaultGemSpecifications) {
  auto rack =
      run_cataloger("ruby-gemspec", "usr/share/rubygems-integration/all/specifications/rack-2.2.22.gemspec",
                    catalog_testdata("ruby/rack-2.2.22.gemspec"));
  ASSERT_EQ(rack.packages.size(), 1u);
  EXPECT_EQ(rack.packages[0].version, "2.2.22");
  EXPECT_EQ(rack.packages[0].supplier, "Leah Neukirchen");
  EXPECT_EQ(rack.packages[0].licenses, std::vector<std::string>{"MIT"});
  auto digest =
      run_cataloger("ruby-gemspec", "usr/lib/ruby/gems/3.1.0/specifications/default/digest-3.1.0.gemspec",
                    catalog_testdata("ruby/digest-3.1.0.gemspec"));
  ASSERT_EQ(digest.packages.size(), 1u);
  EXPECT_EQ(digest.packages[0].name, "digest");
  EXPECT_EQ(digest.packages[0].version, "3.1.0");
  EXPECT_EQ(digest.packages[0].licenses, (std::vector<std::string>{"Ruby", "BSD-2-Clause"}));
  EXPECT_EQ(digest.packages[0].homepage, "https://github.com/ruby/digest");
}

TEST(RubyGemspec, ReadsOtherBlockVariablesAndLiteralForms) {
  std::string spec =
      "Gem::Specification.new do |spec|\n"
      "  spec.name = %q<my-gem>\n"
      "  spec.version = '0.2.0'\n"
      "  spec.license = \"Apache-2.0\".freeze\n"
      "  spec.authors = [\"Jos\\u00E9 \\\"Pepe\\\" Garc\\u{ED}a\".freeze, \"\".freeze, %q{Ann {B}}]\n"
      "  spec.homepage = \"https://example.org/\\#gem\" if spec.respond_to? :homepage=\n"
      "  spec.name == \"other\"\n"
      "end\n";
  auto r = run_cataloger("ruby-gemspec", "specifications/my-gem-0.2.0.gemspec", spec);
  ASSERT_EQ(r.packages.size(), 1u) << diagnostic_codes(r);
  EXPECT_EQ(r.packages[0].name, "my-gem");
  EXPECT_EQ(r.packages[0].version, "0.2.0");
  EXPECT_EQ(r.packages[0].licenses, std::vector<std::string>{"Apache-2.0"});
  EXPECT_EQ(r.packages[0].supplier,
            "Jos\xC3\xA9 \"Pepe\" Garc\xC3\xAD"
            "a, Ann {B}");
  EXPECT_EQ(r.packages[0].homepage, "https://example.org/#gem");
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(RubyGemspec, FallsBackToTheFileNameForTheVersion) {
  std::string spec =
      "Gem::Specification.new do |s|\n  s.name = \"nokogiri\"\n  s.platform = \"x86_64-linux\"\nend\n";
  auto r = run_cataloger("ruby-gemspec", "specifications/nokogiri-1.16.2-x86_64-linux.gemspec", spec);
  ASSERT_EQ(r.packages.size(), 1u);
  EXPECT_EQ(r.packages[0].version, "1.16.2");
  EXPECT_EQ(r.packages[0].version_source, "file name");
}

TEST(RubyGemspec, UnreadableSpecificationsGiveDiagnostics) {
  auto not_spec = run_cataloger("ruby-gemspec", "specifications/x.gemspec", "puts 'hello'\n");
  EXPECT_TRUE(not_spec.packages.empty());
  EXPECT_EQ(diagnostic_codes(not_spec), "ruby.gemspec-not-spec ");
  auto computed = run_cataloger(
      "ruby-gemspec", "specifications/x.gemspec",
      "Gem::Specification.new do |s|\n  s.name = \"x\"\n  s.version = Gem::Version.new(\"1\")\nend\n");
  EXPECT_TRUE(computed.packages.empty());
  EXPECT_EQ(diagnostic_codes(computed), "ruby.gemspec-unreadable-value ruby.gemspec-missing-version ");
  EXPECT_EQ(computed.diagnostics[0].where.line, 3);
  auto no_name = run_cataloger("ruby-gemspec", "specifications/x.gemspec",
                               "Gem::Specification.new do |s|\n  s.name = \"x\n");
  EXPECT_EQ(diagnostic_codes(no_name), "ruby.gemspec-unreadable-value ruby.gemspec-missing-name ");
  std::string rake = catalog_testdata("ruby/rake-13.0.6.gemspec");
  auto cut = run_cataloger("ruby-gemspec", "specifications/rake-13.0.6.gemspec",
                           std::string_view(rake).substr(0, 300), true);
  ASSERT_EQ(cut.packages.size(), 1u);
  EXPECT_EQ(cut.packages[0].version, "13.0.6");
  EXPECT_EQ(diagnostic_codes(cut), "ruby.truncated ");
}

TEST(RubyGemfileLock, WantsLockfiles) {
  EXPECT_GT(cataloger_wants("ruby-gemfile-lock", "app/Gemfile.lock"), 0u);
  EXPECT_GT(cataloger_wants("ruby-gemfile-lock", "app/gems.locked"), 0u);
  EXPECT_EQ(cataloger_wants("ruby-gemfile-lock", "app/Gemfile"), 0u);
}

TEST(RubyGemfileLock, ReadsSpecsAndResolvesDependencies) {
  std::string path = "usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/steep/Gemfile.lock";
  auto r = run_cataloger("ruby-gemfile-lock", path, catalog_testdata("ruby/steep/Gemfile.lock"));
  ASSERT_EQ(r.packages.size(), 19u) << diagnostic_codes(r);
  EXPECT_TRUE(r.diagnostics.empty());
  auto m = packages_by_name_version(r);
  const Package& as = m.at("activesupport@6.1.4.1");
  EXPECT_EQ(as.type, PackageType::kGem);
  EXPECT_EQ(as.cataloger, "ruby-gemfile-lock");
  EXPECT_EQ(as.origin, PackageOrigin::kDeclared);
  EXPECT_EQ(as.path, path);
  EXPECT_FALSE(as.dev);
  EXPECT_EQ(as.depends_on, (std::vector<std::string>{"pkg:gem/concurrent-ruby@1.1.9", "pkg:gem/i18n@1.8.11",
                                                     "pkg:gem/minitest@5.14.4", "pkg:gem/tzinfo@2.0.4",
                                                     "pkg:gem/zeitwerk@2.5.1"}));
  EXPECT_TRUE(m.at("ast@2.4.2").depends_on.empty());
}

TEST(RubyGemfileLock, ReadsPathSectionsAndUnversionedDependencies) {
  auto r = run_cataloger("ruby-gemfile-lock", "typeprof/Gemfile.lock",
                         catalog_testdata("ruby/typeprof/Gemfile.lock"));
  ASSERT_EQ(r.packages.size(), 11u) << diagnostic_codes(r);
  auto m = packages_by_name_version(r);
  EXPECT_EQ(m.at("typeprof@0.21.2").depends_on, std::vector<std::string>{"pkg:gem/rbs@2.0.0"});
  EXPECT_EQ(m.at("test-unit@3.5.3").depends_on, std::vector<std::string>{"pkg:gem/power_assert@2.0.1"});
}

TEST(RubyGemfileLock, DropsPlatformSuffixesAndReadsGitSections) {
  auto r = run_cataloger("ruby-gemfile-lock", "app/Gemfile.lock", catalog_testdata("ruby/app/Gemfile.lock"));
  ASSERT_EQ(r.packages.size(), 9u) << diagnostic_codes(r);
  EXPECT_TRUE(r.diagnostics.empty());
  auto m = packages_by_name_version(r);
  EXPECT_EQ(m.count("nokogiri@1.16.2"), 1u);
  EXPECT_EQ(m.at("nokogiri@1.16.2").depends_on,
            (std::vector<std::string>{"pkg:gem/mini_portile2@2.8.5", "pkg:gem/racc@1.7.3"}));
  EXPECT_EQ(m.at("sprockets-rails@3.4.2").depends_on,
            (std::vector<std::string>{"pkg:gem/actionpack@7.1.3", "pkg:gem/sprockets@4.2.1"}));
  EXPECT_EQ(m.at("billing@0.1.0").depends_on, std::vector<std::string>{"pkg:gem/nokogiri@1.16.2"});
  EXPECT_EQ(m.at("rack@3.0.9.1").depends_on, std::vector<std::string>{});
}

TEST(RubyGemfileLock, BrokenLocksGiveDiagnosticsAndKeepTheGemsBefore) {
  auto bad = run_cataloger(
      "ruby-gemfile-lock", "Gemfile.lock",
      "GEM\n  remote: https://rubygems.org/\n  specs:\n    a (1.0)\n    b\n     c (2.0)\n    d (3.0)\n");
  ASSERT_EQ(bad.packages.size(), 2u);
  EXPECT_EQ(bad.packages[0].name + "@" + bad.packages[0].version, "a@1.0");
  EXPECT_EQ(bad.packages[1].name + "@" + bad.packages[1].version, "d@3.0");
  ASSERT_EQ(diagnostic_codes(bad), "ruby.gemfile-lock-bad-line ruby.gemfile-lock-bad-line ");
  EXPECT_EQ(bad.diagnostics[0].where.line, 5);
  EXPECT_EQ(bad.diagnostics[1].where.line, 6);
  std::string many = "GEM\n  specs:\n";
  for (int i = 0; i < 1000; ++i) many += "    bad\n";
  auto capped = run_cataloger("ruby-gemfile-lock", "Gemfile.lock", many);
  ASSERT_EQ(capped.diagnostics.size(), 21u);
  EXPECT_EQ(capped.diagnostics.back().message, "980 more bad specs lines not reported");
  auto other =
      run_cataloger("ruby-gemfile-lock", "Gemfile.lock", "source 'https://rubygems.org'\ngem 'rails'\n");
  EXPECT_EQ(diagnostic_codes(other), "ruby.gemfile-lock-not-lock ");
  std::string lock = catalog_testdata("ruby/steep/Gemfile.lock");
  auto cut = run_cataloger("ruby-gemfile-lock", "Gemfile.lock", std::string_view(lock).substr(0, 120), true);
  EXPECT_EQ(cut.packages.size(), 1u);  // activesupport; its dependencies are past the cut
  EXPECT_EQ(diagnostic_codes(cut), "ruby.truncated ");
}

}  // namespace
}  // namespace customs
