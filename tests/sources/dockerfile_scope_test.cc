// Dockerfile parser: words, KEY=value pairs, variable expansion and scopes, stages and their graph.
#include <gtest/gtest.h>

#include <string>

#include "sources/dockerfile/parser.h"

namespace customs {
namespace {

Dockerfile parse_ok(std::string_view src, Diagnostics& diags) {
  auto r = parse_dockerfile(src, "Dockerfile", diags);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? std::move(r).value() : Dockerfile{};
}

Dockerfile parse_ok(std::string_view src) {
  Diagnostics d;
  return parse_ok(src, d);
}

std::vector<std::string> values(const Instruction& ins) {
  std::vector<std::string> out;
  for (const auto& w : ins.words) out.push_back(w.value);
  return out;
}

TEST(DockerfileWords, CopyWordsHaveQuotesRemovedAndSpans) {
  Dockerfile df = parse_ok("FROM a\nCOPY \"a.txt\"  'b.txt' /dst/\n");
  const Instruction& c = df.instructions[1];
  EXPECT_EQ(values(c), (std::vector<std::string>{"a.txt", "b.txt", "/dst/"}));
  EXPECT_EQ(c.words[0].raw, "\"a.txt\"");
  EXPECT_EQ(c.words[1].span, (Span{{2, 15}, {2, 22}}));
  EXPECT_TRUE(c.words[2].expanded_all);
}

TEST(DockerfileWords, ShellFormSplitsOnBlanksEvenInQuotesLikeBuildKit) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a\nCOPY \"my file\" /dst/\n", d);
  ASSERT_EQ(df.instructions[1].words.size(), 3u);
  EXPECT_EQ(df.instructions[1].words[0].raw, "\"my");
  ASSERT_EQ(d.items().size(), 2u);
  EXPECT_EQ(d.items()[0].code, "dockerfile.bad-expansion");
  EXPECT_EQ(d.items()[0].level, DiagLevel::kError);
  EXPECT_EQ(d.items()[0].where.column, 6);
}

TEST(DockerfileWords, CopyJsonFormGivesExpandedWords) {
  Dockerfile df = parse_ok("FROM a\nENV D=/opt\nCOPY [\"a b\", \"$D/\"]\n");
  const Instruction& c = df.instructions[2];
  EXPECT_TRUE(c.json_form);
  EXPECT_EQ(values(c), (std::vector<std::string>{"a b", "/opt/"}));
  EXPECT_EQ(c.words[1].raw, "\"$D/\"");
  EXPECT_EQ(c.words[1].span, (Span{{3, 14}, {3, 19}}));
}

TEST(DockerfileWords, WorkdirAndUserAreSingleWords) {
  Dockerfile df = parse_ok("FROM a\nWORKDIR /my dir\nUSER app:app\nEXPOSE 80 443/tcp\nVOLUME /a /b\n");
  EXPECT_EQ(values(df.instructions[1]), (std::vector<std::string>{"/my dir"}));
  EXPECT_EQ(values(df.instructions[2]), (std::vector<std::string>{"app:app"}));
  EXPECT_EQ(values(df.instructions[3]), (std::vector<std::string>{"80", "443/tcp"}));
  EXPECT_EQ(values(df.instructions[4]), (std::vector<std::string>{"/a", "/b"}));
}

TEST(DockerfilePairs, EnvNewAndLegacyForms) {
  Dockerfile df = parse_ok("FROM a\nENV A=1 B=\"two words\" C=a\\ b\nENV LEGACY some value here\n");
  const auto& p = df.instructions[1].pairs;
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].key, "A");
  EXPECT_EQ(p[0].value, "1");
  EXPECT_EQ(p[1].raw_value, "\"two words\"");
  EXPECT_EQ(p[1].value, "two words");
  EXPECT_EQ(p[1].key_span, (Span{{2, 9}, {2, 10}}));
  EXPECT_EQ(p[1].value_span, (Span{{2, 11}, {2, 22}}));
  EXPECT_EQ(p[2].value, "a b");
  const auto& l = df.instructions[2].pairs;
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].key, "LEGACY");
  EXPECT_EQ(l[0].value, "some value here");
  EXPECT_TRUE(l[0].has_value);
}

TEST(DockerfilePairs, LabelAndBadPair) {
  Diagnostics d;
  Dockerfile df =
      parse_ok("FROM a\nLABEL org.opencontainers.image.source=\"https://x\" version=1\nENV A=1 B\n", d);
  const auto& p = df.instructions[1].pairs;
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].key, "org.opencontainers.image.source");
  EXPECT_EQ(p[0].value, "https://x");
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "dockerfile.bad-arguments");
  EXPECT_EQ(d.items()[0].where.line, 3);
  EXPECT_EQ(d.items()[0].where.column, 9);
}

TEST(DockerfilePairs, ArgWithAndWithoutDefaults) {
  Dockerfile df = parse_ok("ARG A B=2 C=\"x y\"\nFROM a\n");
  const auto& p = df.instructions[0].pairs;
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].key, "A");
  EXPECT_FALSE(p[0].has_value);
  EXPECT_TRUE(p[1].has_value);
  EXPECT_EQ(p[1].value, "2");
  EXPECT_EQ(p[2].value, "x y");
}

TEST(DockerfileExpand, GlobalArgsExpandInFromOnly) {
  Dockerfile df = parse_ok("ARG PY=3.12\nFROM python:${PY}-slim\nWORKDIR /w/$PY\nARG PY\nWORKDIR /w/$PY\n");
  ASSERT_EQ(df.stages.size(), 1u);
  EXPECT_EQ(df.stages[0].base_raw, "python:${PY}-slim");
  EXPECT_EQ(df.stages[0].base, "python:3.12-slim");
  EXPECT_TRUE(df.stages[0].base_resolved);
  EXPECT_EQ(df.instructions[2].words[0].value, "/w/");
  EXPECT_FALSE(df.instructions[2].words[0].expanded_all);
  EXPECT_EQ(df.instructions[4].words[0].value, "/w/3.12");
  EXPECT_TRUE(df.instructions[4].words[0].expanded_all);
}

TEST(DockerfileExpand, UnknownVariablesAreFlagged) {
  Dockerfile df = parse_ok("ARG TAG\nFROM --platform=$BUILDPLATFORM img:$TAG AS b\nFROM img:${NOPE:-1.0}\n");
  EXPECT_EQ(df.stages[0].base, "img:");
  EXPECT_FALSE(df.stages[0].base_resolved);
  EXPECT_EQ(df.stages[0].platform, "$BUILDPLATFORM");
  EXPECT_EQ(df.instructions[1].flag("platform")->value, "");
  EXPECT_EQ(df.instructions[1].flag("platform")->raw, "--platform=$BUILDPLATFORM");
  EXPECT_EQ(df.stages[1].base, "img:1.0");
  EXPECT_FALSE(df.stages[1].base_resolved);
}

TEST(DockerfileExpand, Modifiers) {
  Dockerfile df = parse_ok(
      "FROM a\nENV E= S=set\n"
      "LABEL a=${S:-d} b=${E:-d} c=${E-d} d=${S:+alt} e=${E:+alt} f=${E+alt} g=\\$S h='$S' i=\"$S\" "
      "j=${S#s} k=${S%t} l=${S/e/E} m=$ n=${S}x\n");
  std::vector<std::string> got;
  for (const auto& p : df.instructions[2].pairs) got.push_back(p.key + "=" + p.value);
  EXPECT_EQ(got, (std::vector<std::string>{"a=set", "b=d", "c=", "d=alt", "e=", "f=alt", "g=$S", "h=$S",
                                           "i=set", "j=et", "k=se", "l=sEt", "m=$", "n=setx"}));
  for (const auto& p : df.instructions[2].pairs) EXPECT_TRUE(p.expanded_all) << p.key;
}

TEST(DockerfileExpand, EnvWinsOverArgAndUsesPreviousScopeWithinInstruction) {
  Dockerfile df = parse_ok("FROM a\nARG V=arg\nENV V=env\nARG V=arg2\nENV A=1\nENV A=2 B=$A\nUSER $V\n");
  EXPECT_EQ(df.instructions[5].pairs[1].value, "1");
  EXPECT_EQ(df.instructions[6].words[0].value, "env");
}

TEST(DockerfileExpand, PlatformArgsAndBaseImageEnvAreUnknown) {
  Dockerfile df = parse_ok("FROM a\nARG TARGETARCH\nENV PATH=/app/bin:$PATH\nWORKDIR /out/$TARGETARCH\n");
  EXPECT_EQ(df.instructions[2].pairs[0].value, "/app/bin:");
  EXPECT_FALSE(df.instructions[2].pairs[0].expanded_all);
  EXPECT_EQ(df.instructions[3].words[0].value, "/out/");
  EXPECT_FALSE(df.instructions[3].words[0].expanded_all);
}

TEST(DockerfileExpand, RequiredVariableThatIsEmptyIsAnError) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a\nENV E=\nUSER ${E:?user must be set}\nUSER ${X:?unknown is fine}\n", d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].message, "user must be set");
  EXPECT_EQ(d.items()[0].where.line, 3);
  EXPECT_FALSE(df.instructions[3].words[0].expanded_all);
}

TEST(DockerfileExpand, RunIsNotExpanded) {
  Dockerfile df = parse_ok("FROM a\nENV X=1\nRUN echo $X\n");
  EXPECT_EQ(df.instructions[2].args.text, "echo $X");
  EXPECT_TRUE(df.instructions[2].words.empty());
}

TEST(DockerfileExpand, ExpansionIsNotFieldSplit) {
  Dockerfile df = parse_ok("FROM a\nENV FILES=\"a b\"\nCOPY $FILES /d/\n");
  EXPECT_EQ(values(df.instructions[2]), (std::vector<std::string>{"a b", "/d/"}));
}

TEST(DockerfileExpand, BadSubstitutionIsAnError) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a\nWORKDIR ${X\n", d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "dockerfile.bad-expansion");
  EXPECT_EQ(d.items()[0].level, DiagLevel::kError);
  EXPECT_EQ(d.items()[0].where.line, 2);
  EXPECT_FALSE(df.instructions[1].words[0].expanded_all);
}

TEST(DockerfileStages, NamesBasesAndGraph) {
  Dockerfile df = parse_ok(
      "FROM golang:1.22 AS Build\nRUN go build\n"
      "FROM build AS test\nRUN go test\n"
      "FROM alpine AS unused\n"
      "FROM scratch\nCOPY --from=BUILD /out /app\nCOPY --from=2 /x /y\n");
  ASSERT_EQ(df.stages.size(), 4u);
  EXPECT_EQ(df.stages[0].name, "build");
  EXPECT_EQ(df.stages[1].base_stage, 0);
  EXPECT_EQ(df.stages[1].depends_on, (std::vector<int>{0}));
  EXPECT_EQ(df.stages[3].depends_on, (std::vector<int>{0, 2}));
  EXPECT_TRUE(df.stages[3].is_final);
  EXPECT_FALSE(df.stages[0].is_final);
  EXPECT_TRUE(df.stages[0].reaches_final);
  EXPECT_FALSE(df.stages[1].reaches_final);
  EXPECT_TRUE(df.stages[2].reaches_final);
  EXPECT_EQ(df.stages[3].instructions, (std::vector<size_t>{5, 6, 7}));
  EXPECT_EQ(df.stages[3].from_instruction, 5u);
  EXPECT_EQ(df.instructions[7].stage, 3);
  EXPECT_EQ(df.final_stage(), &df.stages[3]);
}

TEST(DockerfileStages, RunMountFromIsADependency) {
  Dockerfile df =
      parse_ok("FROM a AS deps\nFROM b AS other\nFROM c\nRUN --mount=type=bind,from=deps,target=/d make\n");
  EXPECT_EQ(df.stages[2].depends_on, (std::vector<int>{0}));
  EXPECT_TRUE(df.stages[0].reaches_final);
  EXPECT_FALSE(df.stages[1].reaches_final);
}

TEST(DockerfileStages, EnvIsInheritedFromBaseStageButArgsAreNot) {
  Dockerfile df = parse_ok(
      "FROM a AS base\nENV HOME_DIR=/home/app\nARG VER=1\n"
      "FROM base\nWORKDIR $HOME_DIR\nUSER u$VER\n");
  EXPECT_EQ(df.instructions[4].words[0].value, "/home/app");
  EXPECT_TRUE(df.instructions[4].words[0].expanded_all);
  EXPECT_EQ(df.instructions[5].words[0].value, "u");
  EXPECT_FALSE(df.instructions[5].words[0].expanded_all);
}

TEST(DockerfileStages, InvalidAndDuplicateStageNamesAreErrors) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a AS x\nFROM b AS X\nFROM c AS 9lives\n", d);
  ASSERT_EQ(d.items().size(), 2u);
  EXPECT_EQ(d.items()[0].code, "dockerfile.duplicate-stage");
  EXPECT_EQ(d.items()[0].where.to_string(), "Dockerfile:2:11");
  EXPECT_EQ(d.items()[1].code, "dockerfile.bad-stage-name");
  EXPECT_EQ(df.stages[1].name, "x");
}

TEST(DockerfileStages, OnbuildTriggerBelongsToTheStage) {
  Dockerfile df = parse_ok("FROM a\nFROM b\nONBUILD RUN x\n");
  ASSERT_NE(df.instructions[2].onbuild, nullptr);
  EXPECT_EQ(df.instructions[2].onbuild->stage, 1);
}

TEST(DockerfileStages, BadFromIsAnError) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a AS\n", d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "dockerfile.bad-from");
  EXPECT_EQ(df.stages[0].name, "");
}

}  // namespace
}  // namespace customs
