// Table tests of the dpkg, apk, rpm, semver and Go comparators and of npm range satisfaction: the
// well-known tricky cases, each answer checked against the reference implementation (dpkg
// --compare-versions, rpm.ver, node-semver 7.7.3, golang.org/x/mod/semver; apk against
// apk-tools' own test vectors, excerpted in tests/testdata/vulndb/versions-os/apk_version.data).
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "vulndb/versions/npm_range.h"
#include "vulndb/versions/version.h"

namespace customs {
namespace {

constexpr int kInvalid = 99;  // expected: compare_versions() refuses the pair

struct Case {
  const char* a;
  const char* b;
  int want;  // -1, 0, 1 or kInvalid
};

int sign(int v) { return (v > 0) - (v < 0); }

// Checks each case both ways round: compare(a, b) and compare(b, a) = -compare(a, b).
void expect_cases(VersionScheme scheme, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    auto r = compare_versions(scheme, c.a, c.b);
    auto back = compare_versions(scheme, c.b, c.a);
    if (c.want == kInvalid) {
      EXPECT_FALSE(r.has_value()) << to_string(scheme) << " " << c.a << " vs " << c.b;
      EXPECT_FALSE(back.has_value()) << to_string(scheme) << " " << c.b << " vs " << c.a;
      continue;
    }
    ASSERT_TRUE(r.has_value()) << to_string(scheme) << " " << c.a << " vs " << c.b;
    ASSERT_TRUE(back.has_value()) << to_string(scheme) << " " << c.b << " vs " << c.a;
    EXPECT_EQ(sign(*r), c.want) << to_string(scheme) << " " << c.a << " vs " << c.b;
    EXPECT_EQ(sign(*back), -c.want) << to_string(scheme) << " " << c.b << " vs " << c.a;
  }
}

TEST(VersionsOs, DpkgOrdersTildeEpochAndRevisionAsDpkgDoes) {
  expect_cases(VersionScheme::kDpkg, {
                                         {"1.0~rc1", "1.0", -1},
                                         {"1.0~~", "1.0~", -1},
                                         {"1.0~rc1", "1.0~rc2", -1},
                                         {"1:0.9", "2.0", 1},
                                         {"0:1.0", "1.0", 0},
                                         {"2:1", "1:9", 1},
                                         {"1.0-1", "1.0-1+b1", -1},
                                         {"1.0", "1.0-0", 0},
                                         {"1.0", "1.0+b1", -1},
                                         {"1.0a", "1.0", 1},
                                         {"1.0.", "1.0", 1},
                                         {"1.01", "1.1", 0},
                                         {"1.0+dfsg-1", "1.0-1", 1},
                                         {"2.36-9+deb12u3", "2.36-9+deb12u4", -1},
                                         {"1.2.3-1ubuntu0.1", "1.2.3-1", 1},
                                         {"1.2-3-4", "1.2-3-5", -1},  // the revision follows the last '-'
                                         {"", "1.0", kInvalid},
                                         {"1:", "1.0", kInvalid},
                                         {":1.0", "1.0", kInvalid},
                                         {"1.0-", "1.0", kInvalid},
                                         {"a:1.0", "1.0", kInvalid},
                                         {"1 0", "1.0", kInvalid},
                                     });
}

TEST(VersionsOs, RpmOrdersTildeCaretAndSegmentsAsRpmvercmp) {
  expect_cases(VersionScheme::kRpm, {
                                        {"1.0^git1", "1.0", 1},
                                        {"1.0^git1", "1.0.1", -1},
                                        {"1.0^", "1.0", 1},
                                        {"1.0~rc1", "1.0", -1},
                                        {"1.0~rc1", "1.0~rc2", -1},
                                        {"1.0~", "1.0", -1},
                                        {"1.0a", "1.0", 1},
                                        {"1.a", "1.1", -1},  // alphabetic segments sort below numeric
                                        {"1.001", "1.1", 0},
                                        {"1.0_1", "1.0.1", 0},  // separators only separate
                                        {"1..0", "1.0", 0},
                                        {"2.0-1", "2.0-1.el8", -1},
                                        {"1.0", "1.0-5", -1},  // a missing release sorts first
                                        {"9-", "9", 1},        // even before an empty one
                                        {"1:1.0", "2.0", 1},
                                        {"0:1.0-1", "1.0-1", 0},
                                        {"a:1", "a:2", -1},  // not an epoch: part of the version
                                        {"10", "9", 1},
                                        {"abc", "abd", -1},
                                        {"", "1.0", kInvalid},
                                    });
}

TEST(VersionsOs, ApkOrdersSuffixesRevisionsAndLettersAsApkTools) {
  expect_cases(
      VersionScheme::kApk,
      {
          {"1.2_rc1", "1.2", -1},       {"1.2-r1", "1.2-r10", -1},     {"1.2_alpha", "1.2_beta", -1},
          {"1.2_beta", "1.2_pre", -1},  {"1.2_pre", "1.2_rc", -1},     {"1.2_rc", "1.2", -1},
          {"1.2", "1.2_cvs", -1},       {"1.2_cvs", "1.2_svn", -1},    {"1.2_git", "1.2_hg", -1},
          {"1.2_hg", "1.2_p1", -1},     {"1.2_p1", "1.2_p2", -1},      {"1.2a", "1.2", 1},
          {"1.2a", "1.2.1", -1},        {"1.2.01", "1.2.1", -1},  // a leading zero compares as text
          {"1.0", "1.00", -1},          {"1.2~abc", "1.2", 1},         {"1.2-r1", "1.2", 1},
          {"1.2_rc1-r3", "1.2-r0", -1}, {"1.2-1", "1.2", kInvalid},    {"1.2_foo", "1.2", kInvalid},
          {"a1", "1", kInvalid},        {"", "1", kInvalid},           {"1..2", "1.2", kInvalid},
          {"1.2bc", "1.2", kInvalid},   {"1.2_rc1a", "1.2", kInvalid}, {"1.2-r1_p1", "1.2", kInvalid},
      });
}

// apk-tools' test/version.data (an excerpt): "a <op> b" lines, "#" comments.
TEST(VersionsOs, ApkAgreesWithApkToolsTestVectors) {
  std::ifstream f(std::string(CUSTOMS_TESTDATA) + "/vulndb/versions-os/apk_version.data");
  ASSERT_TRUE(f.good());
  int checked = 0;
  for (std::string line; std::getline(f, line);) {
    line = line.substr(0, line.find('#'));
    std::istringstream in(line);
    std::string a, op, b;
    if (!(in >> a >> op >> b)) continue;
    int want = op == "<" ? -1 : (op == ">" ? 1 : 0);
    auto r = compare_versions(VersionScheme::kApk, a, b);
    ASSERT_TRUE(r.has_value()) << a << " " << op << " " << b;
    EXPECT_EQ(sign(*r), want) << a << " " << op << " " << b;
    ++checked;
  }
  EXPECT_EQ(checked, 122);
}

TEST(VersionsOs, SemverFollowsTheSpecsPrecedenceExampleAndNodeSemversParse) {
  // semver.org, item 11: 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta <
  // 1.0.0-beta.2 < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0.
  const std::vector<const char*> chain = {"1.0.0-alpha",  "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                                          "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",       "1.0.0"};
  for (size_t i = 0; i < chain.size(); ++i) {
    for (size_t j = 0; j < chain.size(); ++j) {
      int want = i < j ? -1 : (i > j ? 1 : 0);
      EXPECT_EQ(sign(compare_versions(VersionScheme::kSemver, chain[i], chain[j]).value_or(kInvalid)), want)
          << chain[i] << " vs " << chain[j];
    }
  }
  expect_cases(VersionScheme::kSemver,
               {
                   {"v1.2.3", "1.2.3", 0},
                   {" 1.2.3 ", "1.2.3", 0},
                   {"\xC2\xA0"
                    "1.2.3",
                    "1.2.3", 0},  // JavaScript trim()
                   {"1.2.3+build.1", "1.2.3+other", 0},
                   {"1.2.10", "1.2.9", 1},
                   {"9007199254740991.0.0", "1.0.0", 1},
                   {"1.0.0-9007199254740993", "1.0.0-9007199254740992", 0},  // doubles
                   {"1.0.0-2", "1.0.0-10", -1},
                   {"1.0.0-a-b", "1.0.0-a", 1},
                   {"=1.2.3", "1.2.3", kInvalid},
                   {"1.2", "1.2.0", kInvalid},
                   {"01.2.3", "1.2.3", kInvalid},
                   {"1.2.3-01", "1.2.3", kInvalid},
                   {"1.2.3-", "1.2.3", kInvalid},
                   {"1.2.3.", "1.2.3", kInvalid},
                   {"9007199254740992.0.0", "1.0.0", kInvalid},
               });
}

TEST(VersionsOs, GoComparesShorthandsIncompatibleAndPseudoVersionsAsXModSemver) {
  expect_cases(VersionScheme::kGo,
               {
                   {"v1", "v1.0.0", 0},
                   {"v1.2", "v1.2.0", 0},
                   {"v1.2.3+incompatible", "v1.2.3", 0},
                   {"v2.0.0+incompatible", "v1.9.9", 1},
                   {"v0.0.0-20191109021931-daa7c04131f5", "v0.0.1", -1},
                   {"v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-000000000000", -1},
                   {"v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3", 1},
                   {"v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4", -1},
                   {"v1.2.4-pre.0.20191109021931-daa7c04131f5", "v1.2.4-pre", 1},
                   {"v1.10.0", "v1.9.0", 1},
                   {"v1.0.0-rc.1", "v1.0.0-rc.10", -1},
                   {"1.2.3", "v1.2.3", kInvalid},
                   {"v1.2-pre", "v1.2.0", kInvalid},
                   {"v01.2.3", "v1.2.3", kInvalid},
                   {"v1.2.3-", "v1.2.3", kInvalid},
                   {"v1.2.3-01", "v1.2.3", kInvalid},
                   {"v1.2.3+", "v1.2.3", kInvalid},
               });
}

struct RangeCase {
  const char* version;
  const char* range;
  std::optional<bool> want;
};

TEST(VersionsOs, NpmRangesSatisfyAsNodeSemver) {
  const std::vector<RangeCase> cases = {
      {"1.2.3", "^1.2.0", true},
      {"2.0.0", "^1.2.0", false},
      {"0.2.5", "^0.2.3", true},
      {"0.3.0", "^0.2.3", false},
      {"0.0.3", "^0.0.3", true},
      {"0.0.4", "^0.0.3", false},
      {"1.2.9", "~1.2.3", true},
      {"1.3.0", "~1.2.3", false},
      {"1.2.3", "~> 1.2", true},
      {"1.4.99", "1.2 - 1.4", true},
      {"1.5.0", "1.2 - 1.4", false},
      {"1.2.3-beta.2", ">=1.2.3-beta.1 <1.3.0", true},
      {"1.2.4-beta.1", ">=1.2.3-beta.1 <1.3.0", false},  // prerelease on another major.minor.patch
      {"1.2.3-alpha", "*", false},
      {"2.0.0", "1.x || >=2.5.0", false},
      {"3.0.0", "1.x || >=2.5.0", true},
      {"1.2.3", "", true},
      {"1.2.3", ">= 1.2.3", true},
      {"1.2.3", "<=1.2", true},
      {"1.3.0", "<=1.2", false},
      {"1.2.3", "<1.2.x", false},
      {"1.1.9", "<1.2.x", true},
      {"2.0.0", ">1", true},
      {"1.9.9", ">1", false},
      {"1.2.3", "=v1.2.3", true},
      {"1.2.3", "==1.2", true},
      {"1.2.3", "1.2.3+a+b", true},
      {"1.2.3-a", "1.2.3-a*", true},  // replaceStars drops the "*"
      {"1.0.0-rc.1", ">=1.0.0-rc.0", true},
      {"1.0.0-rc.1", ">=0.0.0 || >=1.0.0-rc.0", false},  // ">=0.0.0" is "*", which replaces the rest
      {"1.2.3", "> = 1.2.3", std::nullopt},
      {"1.2.3", "==1.2.3", std::nullopt},
      {"1.2.3", "garbage", std::nullopt},
      {"x", "*", std::nullopt},
  };
  for (const RangeCase& c : cases) {
    EXPECT_EQ(npm_range_satisfies(c.version, c.range), c.want) << c.version << " in \"" << c.range << "\"";
  }
}

TEST(VersionsOs, SchemesAreNamedAndFoundFromOsvEcosystems) {
  EXPECT_EQ(to_string(VersionScheme::kApk), "apk");
  EXPECT_EQ(to_string(VersionScheme::kRpm), "rpm");
  EXPECT_EQ(to_string(VersionScheme::kSemver), "semver");
  EXPECT_EQ(to_string(VersionScheme::kGo), "go");
  EXPECT_EQ(scheme_for_ecosystem("Alpine:v3.19"), VersionScheme::kApk);
  EXPECT_EQ(scheme_for_ecosystem("Rocky Linux:9"), VersionScheme::kRpm);
  EXPECT_EQ(scheme_for_ecosystem("npm"), VersionScheme::kSemver);
  EXPECT_EQ(scheme_for_ecosystem("crates.io"), VersionScheme::kSemver);
  EXPECT_EQ(scheme_for_ecosystem("Go"), VersionScheme::kGo);
}

}  // namespace
}  // namespace customs
