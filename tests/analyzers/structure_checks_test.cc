// Structure checks DF080-DF097: each fires on a Dockerfile with the mistake, located precisely, and
// stays silent on a near miss.
#include "analyzers/dockerfile/check.h"

#include <gtest/gtest.h>

#include "analyzers/dockerfile_check_util.h"
#include "core/strings.h"
#include "findings/fix.h"

namespace customs {
namespace {

using testing::run_check;

std::vector<int> lines(std::string_view id, std::string_view dockerfile) {
  return run_check(id, dockerfile).lines();
}

using testing::where;

using Strings = std::vector<std::string>;
using Lines = std::vector<int>;

TEST(StructureChecks, TableHasEveryIdOnceWithText) {
  auto checks = structure_checks();
  ASSERT_EQ(checks.size(), 18u);
  for (const auto& c : checks) {
    EXPECT_FALSE(c.rule.title.empty()) << c.rule.id;
    EXPECT_FALSE(c.rule.why.empty()) << c.rule.id;
    EXPECT_TRUE(contains(c.rule.fix, "e.g.")) << c.rule.id;
    EXPECT_FALSE(c.rule.source.empty()) << c.rule.id;
    EXPECT_EQ(find_dockerfile_rule(c.rule.id), &c.rule);
  }
}

TEST(SeveralCmd, ReportsEachEarlierCmdPerStage) {
  auto run = run_check("DF080", "FROM a AS b\nCMD x\nCMD y\nFROM c\nCMD [\"p\"]\nCMD q\nCMD r\n");
  EXPECT_EQ(run.lines(), (Lines{2, 5, 6}));
  EXPECT_EQ(run.findings[0].message, "CMD on line 2 has no effect: the CMD on line 3 replaces it");
}

TEST(SeveralCmd, OneCmdPerStageIsFine) {
  EXPECT_EQ(lines("DF080", "FROM a AS b\nCMD x\nFROM c\nCMD y\nONBUILD CMD z\n"), Lines{});
}

TEST(SeveralEntrypointAndHealthcheck, ReportEarlierOnes) {
  EXPECT_EQ(lines("DF081", "FROM a\nENTRYPOINT [\"a\"]\nRUN x\nENTRYPOINT [\"b\"]\n"), Lines{2});
  EXPECT_EQ(lines("DF081", "FROM a\nENTRYPOINT [\"a\"]\nFROM b\nENTRYPOINT [\"b\"]\n"), Lines{});
  EXPECT_EQ(lines("DF082", "FROM a\nHEALTHCHECK CMD x\nHEALTHCHECK NONE\n"), Lines{2});
  EXPECT_EQ(lines("DF082", "FROM a\nHEALTHCHECK CMD x\n"), Lines{});
}

TEST(ShellFormProcess, ReportsShellFormCmdOfFinalImage) {
  auto run = run_check("DF083", "FROM a AS build\nCMD make\nFROM b\nCMD node server.js\n");
  ASSERT_EQ(run.lines(), Lines{4});
  EXPECT_EQ(run.findings[0].severity, Severity::kMedium);
  EXPECT_EQ(run.findings[0].evidence, "node server.js");
}

TEST(ShellFormProcess, EntrypointDecidesWhenPresent) {
  EXPECT_EQ(lines("DF083", "FROM a\nENTRYPOINT /run.sh\nCMD [\"x\"]\n"), Lines{2});
  EXPECT_EQ(lines("DF083", "FROM a\nENTRYPOINT [\"/run.sh\"]\nCMD --verbose\n"), Lines{});
}

TEST(ShellFormProcess, FollowsBaseStageChain) {
  EXPECT_EQ(lines("DF083", "FROM a AS base\nCMD serve\nFROM base\nRUN x\n"), Lines{2});
}

TEST(ShellFormProcess, ExecFormAndExecPrefixAreFine) {
  EXPECT_EQ(lines("DF083", "FROM a\nCMD [\"node\", \"server.js\"]\n"), Lines{});
  EXPECT_EQ(lines("DF083", "FROM a\nCMD exec node server.js\n"), Lines{});
  EXPECT_EQ(lines("DF083", "FROM a\nCMD serve\nFROM b\nRUN x\n"), Lines{});
}

TEST(RelativeWorkdir, ReportsRelativeWithoutAbsoluteBefore) {
  auto run = run_check("DF084", "FROM a\nWORKDIR app\nWORKDIR /srv\nWORKDIR data\n");
  EXPECT_EQ(run.lines(), Lines{2});
  EXPECT_EQ(where(run), Strings{"2:1-12"});
}

TEST(RelativeWorkdir, AbsoluteInBaseStageOrVariableCounts) {
  EXPECT_EQ(lines("DF084", "FROM a AS base\nWORKDIR /app\nFROM base\nWORKDIR sub\n"), Lines{});
  EXPECT_EQ(lines("DF084", "FROM a\nARG DIR=/x\nWORKDIR $DIR\nWORKDIR sub\n"), Lines{});
  EXPECT_EQ(lines("DF084", "FROM a AS base\nWORKDIR /app\nFROM a\nWORKDIR sub\n"), Lines{4});
}

TEST(BadFromReference, TypoOfAliasSuggestsTheClosest) {
  auto run =
      run_check("DF085", "FROM golang AS builder\nRUN x\nFROM alpine\nCOPY --from=buidler /out /app\n");
  ASSERT_EQ(run.lines(), Lines{4});
  EXPECT_EQ(where(run), Strings{"4:6-20"});
  EXPECT_EQ(run.findings[0].message,
            "--from=buidler names no stage, so BuildKit will pull an image called \"buidler\" (unless it is "
            "a named "
            "build context); did you mean \"builder\"?");
}

TEST(BadFromReference, CurrentOrLaterStageIsAnError) {
  auto run = run_check("DF085",
                       "FROM a AS one\nCOPY --from=one /x /y\nCOPY --from=two /x /y\nFROM b AS two\n"
                       "RUN --mount=type=cache,from=two,target=/c x\n");
  EXPECT_EQ(run.lines(), (Lines{2, 3, 5}));
  EXPECT_EQ(run.findings[0].message,
            "--from=one refers to the stage it is in; only earlier stages can be used");
  EXPECT_EQ(run.findings[1].message,
            "--from=two refers to a later stage (line 4); only earlier stages can be used");
}

TEST(BadFromReference, ImagesIndexesAndEarlierStagesAreFine) {
  EXPECT_EQ(lines("DF085",
                  "FROM a AS build\nFROM b\nCOPY --from=build /x /y\nCOPY --from=0 /x /y\n"
                  "COPY --from=nginx:1.25 /etc/nginx /n\nCOPY --from=BUILD /x /y\n"
                  "RUN --mount=type=bind,from=build,target=/b ls\n"),
            Lines{});
}

TEST(DuplicateStage, CaseInsensitiveLocatedAtTheAlias) {
  auto run = run_check("DF086", "FROM a AS build\nFROM b AS Build\nFROM c AS other\n");
  EXPECT_EQ(where(run), Strings{"2:11-16"});
  EXPECT_EQ(run.findings[0].message, "stage name \"build\" is already used by the stage on line 1");
  EXPECT_EQ(lines("DF086", "FROM a AS build\nFROM b AS builder\n"), Lines{});
}

TEST(Maintainer, ReportsAndOffersLabelFix) {
  std::string src = "FROM a\nMAINTAINER Jo \"J\" <jo@example.com>\nRUN x\n";
  auto run = run_check("DF087", src);
  ASSERT_EQ(run.lines(), Lines{2});
  ASSERT_EQ(run.findings[0].fix_edits.size(), 1u);
  auto fixed = apply_edits(src, run.findings[0].fix_edits);
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed->text,
            "FROM a\nLABEL org.opencontainers.image.authors=\"Jo \\\"J\\\" <jo@example.com>\"\nRUN x\n");
  EXPECT_EQ(lines("DF087", "FROM a\nLABEL org.opencontainers.image.authors=jo\n"), Lines{});
}

TEST(InvalidExpose, ReportsEachBadWordAtItsColumn) {
  auto run = run_check("DF088", "FROM a\nEXPOSE 80 8080:80 70000 53/icmp 9000-8000 abc\n");
  EXPECT_EQ(where(run), (Strings{"2:11-18", "2:19-24", "2:25-32", "2:33-42", "2:43-46"}));
  EXPECT_EQ(
      run.findings[0].message,
      "EXPOSE 8080:80 is a port mapping; EXPOSE takes the container port only (publish with docker run -p)");
  EXPECT_EQ(run.findings[2].message, "EXPOSE 53/icmp has protocol \"icmp\"; only tcp, udp and sctp exist");
}

TEST(InvalidExpose, ValidPortsProtocolsRangesAndVariablesAreFine) {
  EXPECT_EQ(lines("DF088", "FROM a\nARG P\nEXPOSE 80 443/tcp 53/UDP 8000-8010 65535 $P\n"), Lines{});
}

TEST(CopyDestSlash, SeveralSourcesNeedDirectoryDestination) {
  std::string src = "FROM a\nCOPY a.json b.json /app\n";
  auto run = run_check("DF089", src);
  EXPECT_EQ(where(run), Strings{"2:20-24"});
  ASSERT_EQ(run.findings[0].fix_edits.size(), 1u);
  auto fixed = apply_edits(src, run.findings[0].fix_edits);
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed->text, "FROM a\nCOPY a.json b.json /app/\n");
  EXPECT_EQ(lines("DF089", "FROM a\nADD [\"a\", \"b\", \"/dst\"]\n"), Lines{2});
}

TEST(CopyDestSlash, OneSourceOrDirectoryDestinationIsFine) {
  EXPECT_EQ(lines("DF089",
                  "FROM a\nCOPY a b /app/\nCOPY a /app\nCOPY *.json /app\nCOPY a b .\n"
                  "COPY [\"a\", \"b\", \"/d/\"]\n"),
            Lines{});
}

TEST(UndefinedVariable, FromNeedsGlobalArgDeclaredBefore) {
  auto run = run_check("DF090", "FROM python:${PY}-slim\nARG LATE=1\nFROM alpine:$LATE\n");
  EXPECT_EQ(where(run), (Strings{"1:13-18", "3:13-18"}));
  EXPECT_EQ(run.findings[0].message,
            "$PY in FROM is not declared by an ARG before this FROM, so it expands to \"\"");
}

TEST(UndefinedVariable, GlobalArgMustBeRedeclaredInStage) {
  auto run =
      run_check("DF090", "ARG VERSION=1\nFROM a:$VERSION\nLABEL v=$VERSION\nARG VERSION\nLABEL w=$VERSION\n");
  ASSERT_EQ(run.lines(), Lines{3});
  EXPECT_EQ(
      run.findings[0].message,
      "$VERSION is declared before the first FROM but not in this stage; add `ARG VERSION` after FROM to use "
      "it");
}

TEST(UndefinedVariable, ReportsUndeclaredInExpandedInstructionsOnly) {
  auto run = run_check("DF090",
                       "FROM a\nWORKDIR /app/${APP_DIR}\nUSER $APP_DIR\nRUN echo $NOPE\nCMD echo $NOPE\n"
                       "ENV X='$LITERAL' Y=${Z:-default}\n");
  EXPECT_EQ(where(run), (Strings{"2:14-24", "3:6-14"}));
}

TEST(UndefinedVariable, DeclaredPredefinedInheritedAndImageEnvAreFine) {
  EXPECT_EQ(lines("DF090",
                  "FROM --platform=$BUILDPLATFORM golang AS build\nARG TARGETOS\nENV OUT=/out\n"
                  "FROM build AS next\nWORKDIR $OUT\nENV PATH=$PATH:/x\nCOPY --chown=$UID x /y\n"),
            Lines{7});
}

TEST(ReservedStage, ScratchAndContextCannotBeAliases) {
  auto run = run_check("DF091", "FROM a AS scratch\nFROM b AS Context\nFROM c AS base\n");
  EXPECT_EQ(where(run), (Strings{"1:11-18", "2:11-18"}));
}

TEST(BrokenExecForm, SingleQuotesOrMissingQuotesRunAsShell) {
  auto run = run_check("DF092", "FROM a\nCMD ['python', 'app.py']\nENTRYPOINT [run, now]\nRUN [\"ok\"]\n");
  EXPECT_EQ(where(run), (Strings{"2:5-25", "3:12-22"}));
}

TEST(BrokenExecForm, ShellTestCommandIsNotAnExecForm) {
  EXPECT_EQ(lines("DF092", "FROM a\nRUN [ -f /etc/x ] && echo y\nCMD [ \"$A\" = b ]\n"), Lines{});
}

TEST(OnbuildForbidden, ReportsAtTheInnerKeyword) {
  auto run = run_check("DF093", "FROM a\nONBUILD RUN x\nONBUILD MAINTAINER me\n");
  EXPECT_EQ(where(run), Strings{"3:9-19"});
}

TEST(UnusedStage, ReportsStagesTheFinalStageDoesNotReach) {
  auto run = run_check(
      "DF094", "FROM a AS deps\nFROM a AS unused\nFROM deps AS build\nFROM b\nCOPY --from=build /x /y\n");
  ASSERT_EQ(run.lines(), Lines{2});
  EXPECT_EQ(run.findings[0].severity, Severity::kInfo);
  EXPECT_EQ(run.findings[0].message, "stage \"unused\" is not used by the final stage");
}

TEST(ShellNotJson, ShellFormShellIsAnError) {
  auto run = run_check("DF095", "FROM a\nSHELL /bin/bash -c\nSHELL [\"/bin/sh\", \"-c\"]\n");
  EXPECT_EQ(where(run), Strings{"2:7-19"});
}

TEST(KeywordCasing, MinorityCaseIsReported) {
  auto run = run_check("DF096", "FROM a\nrun x\nRUN y\nCopy a /b\n");
  EXPECT_EQ(where(run), (Strings{"2:1-4", "4:1-5"}));
  EXPECT_EQ(lines("DF096", "from a\nrun x\n"), Lines{});
  EXPECT_EQ(lines("DF096", "from a\nrun x\nRUN y\n"), Lines{3});
}

TEST(FromAsCasing, AsMustMatchFromCase) {
  auto run = run_check("DF097", "FROM a as one\nfrom b AS two\nFROM c AS three\nfrom d as four\n");
  EXPECT_EQ(where(run), (Strings{"1:8-10", "2:8-10"}));
}

}  // namespace
}  // namespace customs
