// Dockerfile parser on bad input: refused input is a located Error, partly understood input a
// located error diagnostic, and large inputs (thousands of stages) are handled in linear time.
#include <gtest/gtest.h>

#include <string>

#include "sources/dockerfile/parser.h"

namespace customs {
namespace {

Result<Dockerfile> parse(std::string_view src, Diagnostics& diags) {
  return parse_dockerfile(src, "Dockerfile", diags);
}

TEST(DockerfileBadInput, NulByteIsRefusedAtItsLineAndColumn) {
  Diagnostics d;
  auto r = parse(std::string("FROM alpine\nRUN a\0b\n", 20), d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(r.error().to_string(), "Dockerfile:2:6: not a Dockerfile: binary content (NUL byte)");
}

TEST(DockerfileBadInput, EmptyFileAndByteOrderMarkAloneAreEmpty) {
  for (std::string_view src : {"", "\xEF\xBB\xBF", "\n\r\n  \n"}) {
    Diagnostics d;
    auto r = parse(src, d);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().to_string(), "Dockerfile: not a Dockerfile: the file is empty");
  }
}

TEST(DockerfileBadInput, OnlyCommentsHasNoInstruction) {
  Diagnostics d;
  auto r = parse("# syntax=docker/dockerfile:1\n# hello\n", d);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "not a Dockerfile: no instruction, only comments or blank lines");
}

TEST(DockerfileBadInput, OnlyArgsIsAnErrorAtTheFirstArg) {
  Diagnostics d;
  auto r = parse("\nARG A=1\nARG B\n", d);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "dockerfile.no-stage");
  EXPECT_EQ(d.items()[0].level, DiagLevel::kError);
  EXPECT_EQ(d.items()[0].where.to_string(), "Dockerfile:2:1");
}

TEST(DockerfileBadInput, InstructionBeforeFromIsReportedOnce) {
  Diagnostics d;
  auto r = parse("RUN x\nARG A\n", d);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "dockerfile.missing-from");
}

TEST(DockerfileBadInput, OverTheSizeLimitIsALimitError) {
  Diagnostics d;
  DockerfileParseLimits limits;
  limits.max_bytes = 16;
  auto r = parse_dockerfile("FROM alpine\nRUN true\n", "Dockerfile", d, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(r.error().to_string(), "Dockerfile: Dockerfile larger than 16 bytes");
}

TEST(DockerfileBadInput, StageAliasesResolveToTheLatestAndDuplicatesAreErrors) {
  Diagnostics d;
  auto r = parse("FROM a AS x\nFROM b AS X\nFROM x AS y\nCOPY --from=X / /\nCOPY --from=1 / /\n", d);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->stages.size(), 3u);
  EXPECT_EQ(r->stages[2].base_stage, 1);                         // FROM names the latest stage called x
  EXPECT_EQ(r->stages[2].depends_on, (std::vector<int>{1, 0}));  // COPY --from names the first
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "dockerfile.duplicate-stage");
  EXPECT_EQ(d.items()[0].where.to_string(), "Dockerfile:2:11");
}

TEST(DockerfileBadInput, ChainOfTenThousandStagesIsLinked) {
  std::string src = "FROM alpine AS s0\n";
  for (int i = 1; i < 10000; ++i)
    src += "FROM s" + std::to_string(i - 1) + " AS s" + std::to_string(i) + "\nCOPY --from=s0 / /\n";
  Diagnostics d;
  auto r = parse(src, d);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(d.empty());
  ASSERT_EQ(r->stages.size(), 10000u);
  EXPECT_EQ(r->stages[9999].base_stage, 9998);
  EXPECT_EQ(r->stages[9999].depends_on, (std::vector<int>{9998, 0}));
  EXPECT_TRUE(r->stages[0].reaches_final);
}

TEST(DockerfileBadInput, UnterminatedHeredocIsAnErrorAtItsOpener) {
  Diagnostics d;
  auto r = parse("FROM alpine\nRUN <<EOF cat\nhello\n", d);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "dockerfile.unterminated-heredoc");
  EXPECT_EQ(d.items()[0].where.to_string(), "Dockerfile:2:5");
}

}  // namespace
}  // namespace customs
