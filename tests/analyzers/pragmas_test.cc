// Inline suppression pragmas: scopes, reasons, and the findings about pragmas themselves.
#include "analyzers/dockerfile/pragmas.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sources/dockerfile/parser.h"

namespace customs {
namespace {

struct Seen {
  std::string rule;
  int line = 0;
  int column = 0;
  bool suppressed = false;
  std::string reason;
  bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Seen& s) {
  return os << s.rule << "@" << s.line << ":" << s.column
            << (s.suppressed ? " suppressed(" + s.reason + ")" : "");
}

// Parses `src`, runs only the checks in `only` (plus the pragma rules), then applies pragmas.
// `extra` findings (rule id, line) are reported before the pragmas are applied.
std::vector<Finding> run(std::string_view src, std::set<std::string> only,
                         std::vector<std::pair<std::string, int>> extra = {}) {
  Diagnostics diags;
  auto df = parse_dockerfile(src, "Dockerfile", diags);
  EXPECT_TRUE(df.ok());
  if (!df.ok()) return {};
  Policy policy;
  for (const auto* c : dockerfile_checks())
    if (!only.count(std::string(c->rule.id))) policy.disabled.insert(std::string(c->rule.id));
  DockerfileContext ctx{*df, policy, true};
  FindingSink sink(&policy);
  run_dockerfile_checks(ctx, sink);
  for (const auto& [id, line] : extra)
    sink.report(*find_dockerfile_rule(id), Location{"Dockerfile", line}, "m");
  apply_pragmas(ctx, sink);
  return sink.take();
}

std::vector<Seen> seen(const std::vector<Finding>& findings) {
  std::vector<Seen> out;
  for (const auto& f : findings)
    out.push_back(
        {std::string(f.rule_id()), f.location.line, f.location.column, f.suppressed, f.suppression_reason});
  return out;
}

using V = std::vector<Seen>;

TEST(PragmaRules, ThreeRulesAboutPragmas) {
  auto rules = pragma_rules();
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0].id, "DF100");
  EXPECT_EQ(rules[1].id, "DF101");
  EXPECT_EQ(rules[2].id, "DF102");
  for (const auto& r : rules) EXPECT_EQ(r.severity, Severity::kLow);
}

TEST(Pragmas, NextInstructionScopeSkipsCommentsAndBlankLines) {
  auto f = run(
      "FROM a\n# customs ignore=DF080 reason=\"kept for the docs\"\n# other comment\n\nCMD x\nCMD y\nCMD z\n",
      {"DF080"});
  EXPECT_EQ(seen(f), (V{{"DF080", 5, 1, true, "kept for the docs"}, {"DF080", 6, 1, false, ""}}));
  EXPECT_EQ(f[0].suppression_kind, "inline pragma");
}

TEST(Pragmas, UnquotedReasonAndNoReason) {
  auto f = run("FROM a\n# customs ignore=DF080 reason=legacy\nCMD x\n# customs ignore=df080\nCMD y\nCMD z\n",
               {"DF080"});
  EXPECT_EQ(seen(f), (V{{"DF080", 3, 1, true, "legacy"}, {"DF080", 5, 1, true, ""}}));
}

TEST(Pragmas, CrlfLinesAndTrailingBlanks) {
  auto f = run("FROM a\r\n# customs ignore=DF080 reason=x  \r\nCMD x\r\nCMD y\r\n", {"DF080"});
  EXPECT_EQ(seen(f), (V{{"DF080", 3, 1, true, "x"}}));
}

TEST(Pragmas, CoversEveryLineOfAMultiLineInstruction) {
  auto f = run("FROM a\n# customs ignore=DF090\nLABEL a=1 \\\n      b=$UNDECLARED\nLABEL c=$UNDECLARED\n",
               {"DF090"});
  EXPECT_EQ(seen(f), (V{{"DF090", 4, 9, true, ""}, {"DF090", 5, 9, false, ""}}));
}

TEST(Pragmas, CommentInsideContinuationAppliesToThatInstruction) {
  auto f = run("FROM a\nLABEL a=1 \\\n# customs ignore=DF090\n      b=$UNDECLARED\n", {"DF090"});
  EXPECT_EQ(seen(f), (V{{"DF090", 4, 9, true, ""}}));
}

TEST(Pragmas, StageScopeAboveFromCoversAbsenceFindingsAtFrom) {
  auto f =
      run("# customs stage ignore=DF094,DF080 reason=\"debug stage\"\nFROM a AS debug\nCMD x\nCMD y\n"
          "FROM b AS spare\nCMD p\nCMD q\nFROM c\n",
          {"DF080", "DF094"});
  EXPECT_EQ(seen(f), (V{{"DF094", 2, 1, true, "debug stage"},
                        {"DF080", 3, 1, true, "debug stage"},
                        {"DF094", 5, 1, false, ""},
                        {"DF080", 6, 1, false, ""}}));
}

TEST(Pragmas, StageScopeInsideAStageCoversItsFromLine) {
  auto f = run("FROM a AS spare\nRUN x\n# customs stage ignore=DF094\nRUN y\nFROM b\n", {"DF094"});
  EXPECT_EQ(seen(f), (V{{"DF094", 1, 1, true, ""}}));
}

TEST(Pragmas, FileScopeCoversWholeFileFromAnywhere) {
  auto f = run("from a\nRUN x\nrun y\n# customs file ignore=DF096 reason=\"house style\"\n", {"DF096"},
               {{"DF096", 0}});
  EXPECT_EQ(seen(f), (V{{"DF096", 0, 0, true, "house style"}, {"DF096", 2, 1, true, "house style"}}));
}

TEST(Pragmas, NarrowestPragmaGivesTheReason) {
  auto f = run(
      "# customs file ignore=DF080 reason=broad\nFROM a\n# customs ignore=DF080 reason=narrow\nCMD x\nCMD y\n"
      "CMD z\n",
      {"DF080"});
  EXPECT_EQ(seen(f), (V{{"DF080", 4, 1, true, "narrow"}, {"DF080", 5, 1, true, "broad"}}));
}

TEST(Pragmas, UnknownIdIsReportedAtItsColumn) {
  auto f = run("FROM a\n# customs ignore=DF999,DF080\nCMD x\nCMD y\n", {"DF080"});
  EXPECT_EQ(seen(f), (V{{"DF100", 2, 18, false, ""}, {"DF080", 3, 1, true, ""}}));
  EXPECT_EQ(f[0].message, "pragma names unknown rule DF999");
  EXPECT_EQ(f[0].location.end_column, 23);
}

TEST(Pragmas, UnusedIdIsReportedUnlessTheRuleIsOff) {
  auto f = run("FROM a\n  # customs ignore=DF080, DF087\nCMD x\nCMD y\n# customs ignore=DF088\nRUN z\n",
               {"DF080", "DF087"});
  EXPECT_EQ(seen(f), (V{{"DF101", 2, 27, false, ""}, {"DF080", 3, 1, true, ""}}));
  EXPECT_EQ(f[0].message, "pragma ignore=DF087 suppresses no finding");
}

TEST(Pragmas, PragmaAtEndOfFileIsUnused) {
  auto f = run("FROM a\nRUN x\n# customs ignore=DF080\n", {"DF080"});
  EXPECT_EQ(seen(f), (V{{"DF101", 3, 18, false, ""}}));
}

TEST(Pragmas, MalformedPragmasAreReportedAndSuppressNothing) {
  auto f =
      run("FROM a\n# customs ignor=DF080\nCMD w\n# customs ignore=all\nCMD x\n# customs ignore=DF080 "
          "reason=\"open\n"
          "CMD y\n# customs ignore=DF080 because\nCMD z\nCMD last\n",
          {"DF080"});
  EXPECT_EQ(seen(f), (V{{"DF102", 2, 11, false, ""},
                        {"DF080", 3, 1, false, ""},
                        {"DF102", 4, 18, false, ""},
                        {"DF080", 5, 1, false, ""},
                        {"DF102", 6, 31, false, ""},
                        {"DF080", 7, 1, false, ""},
                        {"DF102", 8, 24, false, ""},
                        {"DF080", 9, 1, false, ""}}));
  EXPECT_EQ(f[0].message, "malformed customs pragma: expected ignore=<rule ids> but found \"ignor=DF080\"");
  EXPECT_EQ(f[2].message, "malformed customs pragma: ignore=all is not supported; list the rule ids");
}

TEST(Pragmas, OrdinaryCommentsMentioningCustomsAreNotPragmas) {
  auto f = run("FROM a\n# customs team owns this file\n# customs\n#customsignore=DF080\nCMD x\nCMD y\n",
               {"DF080"});
  EXPECT_EQ(seen(f), (V{{"DF080", 5, 1, false, ""}}));
}

}  // namespace
}  // namespace customs
