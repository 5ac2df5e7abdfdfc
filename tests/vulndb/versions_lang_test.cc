// Table tests of the PEP 440, Maven, RubyGems, Composer and NuGet comparators. The orderings and
// equalities come from each reference's own test suite (packaging's test_version.py, Maven's
// ComparableVersionTest, RubyGems' test_gem_version.rb, composer/semver's VersionParserTest,
// NuGet.Versioning.Test) plus pairs the differential tests once disagreed on; every expectation
// was checked against the reference implementation.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "vulndb/versions/composer.h"
#include "vulndb/versions/php_version.h"
#include "vulndb/versions/version.h"

namespace customs {
namespace {

struct Case {
  const char* a;
  const char* b;
  std::optional<int> want;  // sign of compare(a, b); nullopt: invalid
};

std::optional<int> sign_of(VersionScheme s, const std::string& a, const std::string& b) {
  auto r = compare_versions(s, a, b);
  if (!r) return std::nullopt;
  return (*r > 0) - (*r < 0);
}

void expect_cases(VersionScheme s, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(sign_of(s, c.a, c.b), c.want) << to_string(s) << ": \"" << c.a << "\" vs \"" << c.b << "\"";
    std::optional<int> reversed = c.want ? std::optional<int>(-*c.want) : std::nullopt;
    EXPECT_EQ(sign_of(s, c.b, c.a), reversed) << to_string(s) << ": \"" << c.b << "\" vs \"" << c.a << "\"";
  }
}

// Every element strictly below every later one.
void expect_ascending(VersionScheme s, const std::vector<std::string>& versions) {
  for (size_t i = 0; i < versions.size(); ++i) {
    for (size_t j = i + 1; j < versions.size(); ++j) {
      EXPECT_EQ(sign_of(s, versions[i], versions[j]), -1)
          << to_string(s) << ": \"" << versions[i] << "\" < \"" << versions[j] << "\"";
      EXPECT_EQ(sign_of(s, versions[j], versions[i]), 1)
          << to_string(s) << ": \"" << versions[j] << "\" > \"" << versions[i] << "\"";
    }
  }
}

void expect_all_equal(VersionScheme s, const std::vector<std::string>& versions) {
  for (const auto& a : versions) {
    for (const auto& b : versions)
      EXPECT_EQ(sign_of(s, a, b), 0) << to_string(s) << ": \"" << a << "\" == \"" << b << "\"";
  }
}

void expect_invalid(VersionScheme s, const std::vector<std::string>& versions) {
  for (const auto& v : versions)
    EXPECT_FALSE(is_valid_version(s, v)) << to_string(s) << ": \"" << v << "\" is invalid";
}

TEST(Pep440, OrdersTheSpecificationExamples) {
  std::vector<std::string> base = {"1.0.dev456",
                                   "1.0a1",
                                   "1.0a2.dev456",
                                   "1.0a12.dev456",
                                   "1.0a12",
                                   "1.0b1.dev456",
                                   "1.0b2",
                                   "1.0b2.post345.dev456",
                                   "1.0b2.post345",
                                   "1.0b2-346",
                                   "1.0c1.dev456",
                                   "1.0c1",
                                   "1.0rc2",
                                   "1.0c3",
                                   "1.0",
                                   "1.0.post456.dev34",
                                   "1.0.post456",
                                   "1.1.dev1",
                                   "1.2+123abc",
                                   "1.2+123abc456",
                                   "1.2+abc",
                                   "1.2+abc123",
                                   "1.2+abc123def",
                                   "1.2+1234.abc",
                                   "1.2+123456",
                                   "1.2.r32+123456",
                                   "1.2.rev33+123456"};
  std::vector<std::string> all = base;
  for (const auto& v : base) all.push_back("1!" + v);
  expect_ascending(VersionScheme::kPep440, all);
}

TEST(Pep440, NormalisesAlternativeSpellings) {
  expect_all_equal(VersionScheme::kPep440, {"1.0", "1.0.0", "v1.0", "V1.0.0.0", " 1.0\n", "0!1.0", "1.00"});
  expect_all_equal(VersionScheme::kPep440,
                   {"1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-RC-1", "1.0.rc.1", "1.0_rc_1"});
  expect_all_equal(VersionScheme::kPep440, {"1.0a1", "1.0alpha1", "1.0.ALPHA.1", "1.0-a1"});
  expect_all_equal(VersionScheme::kPep440,
                   {"1.0.post1", "1.0-1", "1.0r1", "1.0rev1", "1.0-post-1", "1.0post1"});
  expect_all_equal(VersionScheme::kPep440, {"1.0.dev0", "1.0.dev", "1.0-dev", "1.0dev0", "1.0.DEV."});
  expect_all_equal(VersionScheme::kPep440, {"1.0a0", "1.0a", "1.0a.", "1.0.a"});
  expect_all_equal(VersionScheme::kPep440, {"1.0+abc.5", "1.0+ABC-5", "1.0+abc_05"});
  // Surrounding white space is Python's: U+001C..U+001F and Unicode spaces too.
  expect_all_equal(VersionScheme::kPep440, {"1.0",
                                            "\x1c"
                                            "1.0\xc2\x85",
                                            "\xe3\x80\x80"
                                            "1.0\xe2\x80\xa9"});
}

// Bare releases take a fast path; the answers are packaging 23.0's.
TEST(Pep440, ComparesBareReleasesNumericallyWithMissingPartsAsZero) {
  expect_cases(VersionScheme::kPep440, {{"1.0", "1.0.0", 0},
                                        {"01.2", "1.2", 0},
                                        {"1.10", "1.9", 1},
                                        {"1.0.0.1", "1", 1},
                                        {"123456789012345678901234567890", "99", 1},
                                        {"0", "0.0.0", 0},
                                        {"2.31.0", "2.31", 0},
                                        {"1.2.3", "1.2.03", 0},
                                        {"1.2.", "1.2", std::nullopt},
                                        {"1..2", "1.2", std::nullopt}});
}

TEST(Pep440, OrdersEdgeCases) {
  expect_cases(VersionScheme::kPep440,
               {
                   {"1.0a-1", "1.0a1", 0},         // "-1" is the pre-release number
                   {"1.0a.-1", "1.0a0.post1", 0},  // here it is a post-release
                   {"1.0.dev0", "1.0a0", -1},      // dev of the release sorts first
                   {"1.0a1.dev0", "1.0a1", -1},
                   {"1.0.post1.dev0", "1.0.post1", -1},
                   {"1.0", "1.0.post0.dev0", -1},
                   {"1.0+5", "1.0+abc", 1},  // numbers above words
                   {"1.0+1.0", "1.0+1.0.0", -1},
                   {"1.0", "1.0+0", -1},
                   {"1!0.1", "2.0", 1},
                   {"99999999999999999999999", "99999999999999999999998", 1},
                   {"1.0.0001", "1.0.1", 0},
                   {"1.0.post-", "1.0.post0", 0},  // a separator with no number after it
                   {"1.0", "1.0-", std::nullopt},
                   {"1.0", "1.0+", std::nullopt},
               });
  expect_invalid(VersionScheme::kPep440, {"", "1!", "1.", ".1", "french toast", "1.0+a..b", "1.0+_a", "1_0",
                                          "1.0 0", "1.0-dev-1-", "1.0ab", "v", "1.0+ubuntu!"});
}

TEST(Maven, OrdersComparableVersionTestQualifiers) {
  expect_ascending(VersionScheme::kMaven, {"1-alpha2snapshot",
                                           "1-alpha2",
                                           "1-alpha-123",
                                           "1-beta-2",
                                           "1-beta123",
                                           "1-m2",
                                           "1-m11",
                                           "1-rc",
                                           "1-cr2",
                                           "1-rc123",
                                           "1-SNAPSHOT",
                                           "1",
                                           "1-sp",
                                           "1-sp2",
                                           "1-sp123",
                                           "1-abc",
                                           "1-def",
                                           "1-pom-1",
                                           "1-1-snapshot",
                                           "1-1",
                                           "1-2",
                                           "1-123"});
}

TEST(Maven, OrdersComparableVersionTestNumbers) {
  expect_ascending(VersionScheme::kMaven,
                   {"2.0",    "2.0.a", "2-1",     "2.0.2", "2.0.123", "2.1.0", "2.1-a",  "2.1b",
                    "2.1-c",  "2.1-1", "2.1.0.1", "2.2",   "2.123",   "11.a2", "11.a11", "11.b2",
                    "11.b11", "11.m2", "11.m11",  "11",    "11.a",    "11b",   "11c",    "11m"});
}

TEST(Maven, TreatsTrailingZerosAliasesAndCaseAsEqual) {
  expect_all_equal(VersionScheme::kMaven, {"1", "1.0", "1.0.0", "1-0", "1.0-0", "1.ga", "1-final",
                                           "1.release", "1GA", "1-FINAL", "1.0-ga"});
  expect_all_equal(VersionScheme::kMaven, {"1a", "1-a", "1.0-a", "1.0.0-a", "1.0a", "1.0.0a"});
  expect_all_equal(VersionScheme::kMaven, {"1x", "1-x", "1.0-x", "1.0.0-x", "1.0x", "1.0.0x"});
  expect_all_equal(VersionScheme::kMaven, {"1cr", "1rc", "1Cr", "1-RC"});
  expect_all_equal(VersionScheme::kMaven, {"1a1", "1-alpha-1", "1A1"});
  expect_all_equal(VersionScheme::kMaven, {"1b2", "1-beta-2"});
  expect_all_equal(VersionScheme::kMaven, {"1m3", "1-milestone-3", "1Milestone3", "1MILESTONE3"});
}

TEST(Maven, ReadsDotQualifierLikeDashQualifier) {  // MNG-7644, in Maven 3.8.7
  expect_cases(VersionScheme::kMaven, {
                                          {"1.0.0.abc1", "1.0.0-abc1", 0},
                                          {"1.0.0.RC1", "1.0.0-RC1", 0},
                                          {"1.0.0.abc1", "1.0.0-abc2", -1},
                                          {"1.0.0.RC1", "1.0.0-RC2", -1},
                                          {"1.0.0-RC2", "1.0.1", -1},
                                          {"", "0", 0},
                                          {"1-0.1", "1.0.1", -1},
                                          {"2.0.0-1", "2-1", 0},
                                          {"1.0.1", "", 1},
                                      });
}

TEST(RubyGems, OrdersTestGemVersionSpaceship) {
  expect_cases(VersionScheme::kRubyGems, {
                                             {"1.0", "1.0.0", 0},
                                             {"1.0", "1.0.a", 1},
                                             {"1.8.2", "0.0.0", 1},
                                             {"1.8.2", "1.8.2.a", 1},
                                             {"1.8.2.b", "1.8.2.a", 1},
                                             {"1.8.2.a", "1.8.2", -1},
                                             {"1.8.2.a10", "1.8.2.a9", 1},
                                             {"", "0", 0},
                                             {"0.beta.1", "0.0.beta.1", 0},
                                             {"0.0.beta", "0.0.beta.1", -1},
                                             {"0.0.beta", "0.beta.1", -1},
                                             {"5.a", "5.0.0.rc2", -1},
                                             {"5.x", "5.0.0.rc2", 1},
                                         });
}

TEST(RubyGems, ComparesCanonicalSegments) {
  expect_cases(VersionScheme::kRubyGems, {
                                             {"1.0.a", "1.0", -1},
                                             {"1.0.0-rc1", "1.0.0.pre.rc1", 0},  // "-" reads as ".pre."
                                             {"1.0.0-1", "1.0.0", -1},
                                             {"1.0.A", "1.0.a", -1},  // strings byte-wise
                                             {"1.0.0.a.1.0", "1.0.a.1", 0},
                                             {"  1.2  ", "1.2", 0},
                                             {"1.0.b1", "1.0.b.1", 0},
                                             {"1.0a", "1.0.a", 0},
                                             {"2.0.0.a", "2.0.0.0.a", 0},
                                             {"1.9999999999999999999999", "1.9999999999999999999998", 1},
                                             {"1.0--", "1.0.pre.pre", 0},
                                         });
  expect_invalid(VersionScheme::kRubyGems, {"junk", "1.0\n2.0", "1..2", "1a", "a1", "1.0.", ".1", "1.2 3.4",
                                            "1.0_1", "1.0-a.", "-1", "1.0+1"});
}

// composer/semver's VersionParserTest::successfulNormalizedVersions, and a few more.
TEST(Composer, NormalisesAsVersionParser) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1.0.0", "1.0.0.0"},
      {"1.2.3.4", "1.2.3.4"},
      {"1.0.0RC1dev", "1.0.0.0-RC1-dev"},
      {"1.0.0-rC15-dev", "1.0.0.0-RC15-dev"},
      {"1.0.0.RC.15-dev", "1.0.0.0-RC15-dev"},
      {"1.0.0-rc1", "1.0.0.0-RC1"},
      {"1.0.0.pl3-dev", "1.0.0.0-patch3-dev"},
      {"1.0-dev", "1.0.0.0-dev"},
      {"0", "0.0.0.0"},
      {"10.4.13-beta", "10.4.13.0-beta"},
      {"10.4.13beta2", "10.4.13.0-beta2"},
      {"10.4.13-beta.2", "10.4.13.0-beta2"},
      {"v1.13.11-beta.0", "1.13.11.0-beta0"},
      {"10.4.13-b", "10.4.13.0-beta"},
      {"10.4.13-b5", "10.4.13.0-beta5"},
      {"v1.0.0", "1.0.0.0"},
      {"2010.01", "2010.01.0.0"},
      {"2010.01.02", "2010.01.02.0"},
      {"2010.1.555", "2010.1.555.0"},
      {"v20100102", "20100102"},
      {"2010-01-02", "2010.01.02"},
      {"2010-01-02.5", "2010.01.02.5"},
      {"20100102-203040", "20100102.203040"},
      {"20100102203040-10", "20100102203040.10"},
      {"20100102-203040-p1", "20100102.203040-patch1"},
      {"201903.0", "201903.0"},
      {"201903.0-p2", "201903.0-patch2"},
      {"dev-master", "dev-master"},
      {"master", "dev-master"},
      {"dev-trunk", "dev-trunk"},
      {"1.x-dev", "1.9999999.9999999.9999999-dev"},
      {"dev-feature-foo", "dev-feature-foo"},
      {"DEV-FOOBAR", "dev-FOOBAR"},
      {"dev-feature/foo", "dev-feature/foo"},
      {"dev-master as 1.0.0", "dev-master"},
      {"1.0.0+foo@dev", "1.0.0.0"},
      {"1.0.0-beta.5+foo", "1.0.0.0-beta5"},
      {"1.0.0+foo", "1.0.0.0"},
      {"1.0.0-alpha.3.1+foo", "1.0.0.0-alpha3.1"},
      {"1.0.0-alpha-2.1-3+foo", "1.0.0.0-alpha2.1-3"},
      {"1.0.0+foo as 2.0", "1.0.0.0"},
      {"00.01.03.04", "00.01.03.04"},
      {"0700", "0700.0.0.0"},
      {"041.x-dev", "041.9999999.9999999.9999999-dev"},
      {"dev-foo bar", "dev-foo bar"},
      {" 1.0.0", "1.0.0.0"},
      {"1.0.0 ", "1.0.0.0"},
      {"1.0.0-STABLE", "1.0.0.0-stable"},  // only a lower-case "stable" is dropped
      {"1.0.0-stable-dev", "1.0.0.0"},
      {"1.0.", "1.0.0.0"},
      {"123456", "123456"},  // six digits: a date, not major.minor
      {"v1.2.*-dev", "1.2.9999999.9999999-dev"},
      {"2023:01:01", "2023.01.01"},
      {"1.0.0-p", "1.0.0.0-patch"},
      {"1.0.0-pl2", "1.0.0.0-patch2"},
      {"1.0.0-a", "1.0.0.0-alpha"},
      {"20230101.x-dev", "20230101.9999999.9999999.9999999-dev"},
      {"1.0.0_beta", "1.0.0.0-beta"},
      // PCRE's "$" also matches before a final newline, and "." stops at one.
      {"1.0\n@dev", "1.0.0.0"},
      {"1-dev\n@dev", "1.0.0.0-dev"},
      {"x\n1.x-dev", "1.9999999.9999999.9999999-dev"},
      {"1.0+b\n@dev", "1.0.0.0"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(composer_normalize(in), want) << "\"" << in << "\"";
  for (const char* bad :
       {"1.2.3.4.5", "foo", "", "1.0.0-beta.x", "1.0@dev@dev", "1.0.0.0.0-dev", "foo-dev"}) {
    EXPECT_EQ(composer_normalize(bad), std::nullopt) << "\"" << bad << "\"";
  }
}

TEST(Composer, ComparesAsComparator) {
  expect_cases(VersionScheme::kComposer,
               {
                   {"1.0.0-beta", "1.0.0-RC1", -1},
                   {"1.0.0", "v1.0.0.0", 0},
                   {"1.0.0-b5", "1.0.0-beta.5", 0},
                   {"1.0.0-rc1", "1.0.0-RC1", 0},
                   {"1.0.0+foo", "1.0.0", 0},
                   {"1.0.0-dev", "1.0.0-alpha", -1},
                   {"1.0.0-alpha", "1.0.0-beta", -1},
                   {"1.0.0-RC", "1.0.0", -1},
                   {"1.0.0", "1.0.0-patch1", -1},
                   {"1.0.0-p1", "1.0.0-pl1", 0},
                   {"dev-master", "master", 0},
                   {"dev-master", "1.0.0", -1},           // a branch is below versions
                   {"dev-foo", "dev-bar", std::nullopt},  // two branches: no order
                   {"1.x-dev", "1.99999", 1},
                   {"1.0.0-beta2", "1.0.0-beta10", -1},
                   {"1.0.0-alpha-dev", "1.0.0-alpha", -1},
                   {"1.0.0-STABLE", "1.0.0-dev", -1},
                   {"1.0.0-stable", "1.0.0", 0},
                   {"2010.01.02", "2010.01.02.0", 0},
                   {"1.0.0-beta1.2", "1.0.0-beta1", 1},
                   {"1.0.0-RC1-dev", "1.0.0-RC1", -1},
                   {"00.01.03.04", "0.1.3.4", 0},
                   {"1.99999999999999999999", "1.99999999999999999998", 0},  // strtol saturates
                   {"1.0", "1.0.0.0-dev", 1},
                   {"foo", "1.0", std::nullopt},
               });
}

TEST(Composer, PhpVersionCompareMatchesPhp) {
  struct Php {
    const char* a;
    const char* b;
    int want;
  };
  for (const Php& c : std::vector<Php>{
           {"1.0.0", "1.0.0.0", -1},
           {"1.0", "1.0.0", -1},
           {"1.0rc1", "1.0", -1},
           {"1.0-dev", "1.0", -1},
           {"1.0pl1", "1.0", 1},
           {"1.0.0-foo", "1.0.0", -1},
           {"1.0.0-foo", "1.0.0-dev", -1},
           {"1.0#1", "1.0", 1},
           {"", "1", -1},
           {"1..0", "1.0", 0},
           {"1.0.", "1.0", -1},
           {"9223372036854775808", "9223372036854775807", 0},
           {"1.0-a", "1.0-alpha", 0},
           {"1.0-patch", "1.0-p", 0},
           {"1.0.0.0-RC1.2-dev", "1.0.0.0-RC1.2", -1},
           {"dev-foo", "1.0", -1},
           {"1.0a", "1.0.a", 0},
           {"1.0-beta.1", "1.0-beta1", 0},
       }) {
    EXPECT_EQ(langver::php_version_compare(c.a, c.b), c.want) << "\"" << c.a << "\" vs \"" << c.b << "\"";
  }
}

// NuGet.Versioning.Test: VersionComparerTests, NuGetVersionTest, VersionParsingTests.
TEST(Nuget, ComparesAsVersionComparerDefault) {
  expect_cases(VersionScheme::kNuget, {
                                          {"1.0.0", "1.0.0", 0},
                                          {"1.0.0-BETA", "1.0.0-beta", 0},
                                          {"1.0.0-BETA+AA", "1.0.0-beta+aa", 0},
                                          {"1.0.0-BETA.X.y.5.77.0+AA", "1.0.0-beta.x.y.5.77.0+aa", 0},
                                          {"0.0.0", "1.0.0", -1},
                                          {"1.0.0", "1.1.0", -1},
                                          {"1.0.0", "1.0.1", -1},
                                          {"1.999.9999", "2.1.1", -1},
                                          {"1.0.0-BETA", "1.0.0-beta2", -1},
                                          {"1.0.0-beta+AA", "1.0.0+aa", -1},
                                          {"1.0.0-BETA", "1.0.0-beta.1+AA", -1},
                                          {"1.0.0-BETA.X.y.5.77.0+AA", "1.0.0-beta.x.y.5.79.0+aa", -1},
                                          {"1.0.0-BETA.X.y.5.79.0+AA", "1.0.0-beta.x.y.5.790.0+abc", -1},
                                          {"1.0", "1.0.1", -1},
                                          {"1.23", "1.231", -1},
                                          {"1.4.5.6", "1.45.6", -1},
                                          {"1.4.5.6", "1.4.5.60", -1},
                                          {"1.01", "1.10", -1},
                                          {"1.01-alpha", "1.10-beta", -1},
                                          {"1.01.0-RC-1", "1.10.0-rc-2", -1},
                                          {"1.01-RC-1", "1.01", -1},
                                          {"1.01", "1.2-preview", -1},
                                          {"1.0", "1.0.0.0", 0},
                                          {"1.23.01", "1.23.1", 0},
                                          {"1.45.6", "1.45.6.0", 0},
                                          {"1.45.6-Alpha", "1.45.6-Alpha", 0},
                                          {"1.6.2-BeTa", "1.6.02-beta", 0},
                                          {"22.3.07     ", "22.3.07", 0},
                                          {"  1.022-Beta", "1.22.0.0-beta", 0},
                                          {"2", "2.0.0.0", 0},
                                          {"1.0.0-ALPHA", "1.0.0-alpha", 0},
                                          {"1.0.0-1", "1.0.0-a", -1},   // numeric labels first
                                          {"1.0.0-2", "1.0.0-10", -1},  // by value
                                          {"1.0.0-alpha", "1.0.0-alpha.1", -1},
                                          {"1.0.0.1", "1.0.0", 1},
                                      });
}

TEST(Nuget, RefusesWhatTryParseRefuses) {
  expect_invalid(VersionScheme::kNuget, {"1beta",
                                         "$version$",
                                         "1.2Av^c",
                                         "1.2..",
                                         "1.2.3.4.5",
                                         "1.2.3.Beta",
                                         "1.2.3.4This version is full of awesomeness!!",
                                         "So.is.this",
                                         "1.34.2Alpha",
                                         "1.34.2Release Candidate",
                                         "1.4.7-",
                                         "1.4.7-*",
                                         "1.4.7+*",
                                         "1.4.7-AA.01^",
                                         "1.4.7-AA.0A^",
                                         "1.4.7-A^A",
                                         "1.4.7+AA.01^",
                                         "",
                                         " ",
                                         "1.0-01",
                                         "1.0-a..b",
                                         "2147483648.0",
                                         "-1.0",
                                         "1.0+"});
}

}  // namespace
}  // namespace customs
