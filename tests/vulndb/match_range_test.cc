#include "vulndb/match_range.h"

#include <gtest/gtest.h>

namespace customs {
namespace {

using K = RangeEvent::Kind;

Affected affected(std::string ecosystem, std::string type, std::vector<RangeEvent> events) {
  Affected a;
  a.ecosystem = std::move(ecosystem);
  a.package = "p";
  a.ranges.push_back({std::move(type), "", std::move(events)});
  return a;
}

TEST(OsvRange, IntroducedZeroToFixedAffectsEverythingBelowTheFix) {
  Affected a = affected("npm", "SEMVER", {{K::kIntroduced, "0"}, {K::kFixed, "4.17.21"}});
  RangeResult r = evaluate_affected(a, "4.17.15");
  EXPECT_EQ(r.verdict, RangeVerdict::kAffected);
  EXPECT_EQ(r.fixed_versions, std::vector<std::string>{"4.17.21"});
  EXPECT_EQ(evaluate_affected(a, "4.17.21").verdict, RangeVerdict::kNotAffected);
  EXPECT_EQ(evaluate_affected(a, "5.0.0").verdict, RangeVerdict::kNotAffected);
}

TEST(OsvRange, SeveralIntervalsInOneRangeAreEachHonouredInAnyEventOrder) {
  // Events as the spec allows them: unsorted; they are sorted by version before the walk.
  Affected a = affected(
      "Go", "SEMVER",
      {{K::kFixed, "1.20.4"}, {K::kIntroduced, "1.20.0"}, {K::kIntroduced, "0"}, {K::kFixed, "1.19.9"}});
  EXPECT_EQ(evaluate_affected(a, "1.19.8").verdict, RangeVerdict::kAffected);
  EXPECT_EQ(evaluate_affected(a, "1.19.9").verdict, RangeVerdict::kNotAffected);
  EXPECT_EQ(evaluate_affected(a, "1.20.3").verdict, RangeVerdict::kAffected);
  EXPECT_EQ(evaluate_affected(a, "1.20.4").verdict, RangeVerdict::kNotAffected);
  EXPECT_EQ(evaluate_affected(a, "1.19.8").fixed_versions, (std::vector<std::string>{"1.19.9", "1.20.4"}));
}

TEST(OsvRange, LastAffectedIncludesThatVersionOnly) {
  Affected a = affected("npm", "SEMVER", {{K::kIntroduced, "0"}, {K::kLastAffected, "4.5.1"}});
  EXPECT_EQ(evaluate_affected(a, "4.5.1").verdict, RangeVerdict::kAffected);
  EXPECT_EQ(evaluate_affected(a, "4.5.2").verdict, RangeVerdict::kNotAffected);
  EXPECT_TRUE(evaluate_affected(a, "4.5.1").fixed_versions.empty());
}

TEST(OsvRange, LimitEndsTheRange) {
  Affected a = affected("PyPI", "ECOSYSTEM", {{K::kIntroduced, "1.0"}, {K::kLimit, "2.0"}});
  EXPECT_EQ(evaluate_affected(a, "1.5").verdict, RangeVerdict::kAffected);
  EXPECT_EQ(evaluate_affected(a, "2.0").verdict, RangeVerdict::kNotAffected);
  EXPECT_EQ(evaluate_affected(a, "0.9").verdict, RangeVerdict::kNotAffected);
}

TEST(OsvRange, EcosystemRangesCompareUnderTheEcosystemsScheme) {
  // dpkg: "~" sorts before the release it precedes; PEP 440: "1.10" is after "1.9".
  Affected deb = affected("Debian:12", "ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kFixed, "3.0.11-1~deb12u2"}});
  EXPECT_EQ(evaluate_affected(deb, "3.0.11-1~deb12u1").verdict, RangeVerdict::kAffected);
  EXPECT_EQ(evaluate_affected(deb, "3.0.11-1").verdict, RangeVerdict::kNotAffected);
  Affected py = affected("PyPI", "ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kFixed, "1.10"}});
  EXPECT_EQ(evaluate_affected(py, "1.9").verdict, RangeVerdict::kAffected);
  EXPECT_EQ(evaluate_affected(py, "1.10.0").verdict, RangeVerdict::kNotAffected);
}

TEST(OsvRange, ExplicitVersionsListMatchesWithoutRanges) {
  Affected a;
  a.ecosystem = "PyPI";
  a.package = "p";
  a.versions = {"1.0", "1.1"};
  EXPECT_EQ(evaluate_affected(a, "1.1").verdict, RangeVerdict::kAffected);
  EXPECT_EQ(evaluate_affected(a, "1.1.0").verdict, RangeVerdict::kAffected);  // PEP 440 equal
  EXPECT_EQ(evaluate_affected(a, "1.2").verdict, RangeVerdict::kNotAffected);
}

TEST(OsvRange, GitRangesAreNotVersions) {
  Affected a = affected("PyPI", "GIT",
                        {{K::kIntroduced, "0"}, {K::kFixed, "3bd8afbff29e50b38f889b2f688785a669b9aafc"}});
  EXPECT_EQ(evaluate_affected(a, "1.0").verdict, RangeVerdict::kNotAffected);
}

TEST(OsvRange, AnIncomparableVersionGivesNoVerdictAndSaysWhich) {
  Affected a = affected("PyPI", "ECOSYSTEM", {{K::kIntroduced, "0"}, {K::kFixed, "2.0"}});
  RangeResult r = evaluate_affected(a, "not a version");
  EXPECT_EQ(r.verdict, RangeVerdict::kIncomparable);
  EXPECT_EQ(r.problem, "\"not a version\" is not a valid pep440 version");
}

TEST(OsvRange, AnEvaluatorReusedAcrossVersionsAnswersAsEachFreshEvaluation) {
  // Events unsorted: the evaluator sorts them once and must walk them for every version alike.
  Affected a = affected(
      "npm", "SEMVER",
      {{K::kFixed, "2.0.0"}, {K::kIntroduced, "1.5.0"}, {K::kIntroduced, "0"}, {K::kFixed, "1.2.3"}});
  RangeEvaluator evaluator;
  for (std::string v : {"1.0.0", "1.2.3", "1.6.0", "2.0.0", "1.1.9"}) {
    RangeResult reused = evaluator.evaluate(a, v);
    RangeResult fresh = evaluate_affected(a, v);
    EXPECT_EQ(reused.verdict, fresh.verdict) << v;
    EXPECT_EQ(reused.fixed_versions, fresh.fixed_versions) << v;
  }
  EXPECT_EQ(evaluator.evaluate(a, "1.0.0").fixed_versions, (std::vector<std::string>{"1.2.3", "2.0.0"}));
  EXPECT_EQ(evaluator.evaluate(a, "1.6.0").fixed_versions, std::vector<std::string>{"2.0.0"});
  EXPECT_EQ(evaluator.evaluate(a, "1.3.0").verdict, RangeVerdict::kNotAffected);
}

TEST(OsvRange, ARangeWhoseEventsCannotBeSortedStaysIncomparableForEveryVersion) {
  Affected a = affected("PyPI", "ECOSYSTEM", {{K::kIntroduced, "1.0"}, {K::kFixed, "bad version!"}});
  RangeEvaluator evaluator;
  for (std::string v : {"0.5", "1.5"}) {
    RangeResult r = evaluator.evaluate(a, v);
    EXPECT_EQ(r.verdict, RangeVerdict::kIncomparable) << v;
    EXPECT_EQ(r.problem, "\"bad version!\" is not a valid pep440 version") << v;
  }
}

}  // namespace
}  // namespace customs
