// Dockerfile parser: directives, continuations, comments, flags, exec form, heredocs, errors.
#include "sources/dockerfile/parser.h"

#include <gtest/gtest.h>

#include <string>

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

const Diagnostic* find_diag(const Diagnostics& d, std::string_view code) {
  for (const auto& x : d.items())
    if (x.code == code) return &x;
  return nullptr;
}

TEST(DockerfileParser, InstructionsHaveKindsKeywordsAndSpans) {
  Dockerfile df = parse_ok("FROM alpine:3.19\nrun echo hi\n  CMD [\"sh\"]\n");
  ASSERT_EQ(df.instructions.size(), 3u);
  EXPECT_EQ(df.instructions[0].kind, InstructionKind::kFrom);
  EXPECT_EQ(df.instructions[1].kind, InstructionKind::kRun);
  EXPECT_EQ(df.instructions[1].keyword, "run");
  EXPECT_EQ(df.instructions[1].args.text, "echo hi");
  EXPECT_EQ(df.instructions[2].kind, InstructionKind::kCmd);
  EXPECT_EQ(df.instructions[2].keyword_span, (Span{{3, 3}, {3, 6}}));
  EXPECT_EQ(df.instructions[2].span, (Span{{3, 3}, {3, 13}}));
  EXPECT_EQ(df.instructions[1].args.at(0), (Pos{2, 5}));
}

TEST(DockerfileParser, DirectivesAtTheTopAreRecorded) {
  Dockerfile df = parse_ok("# syntax=docker/dockerfile:1.7\n#Check = skip=JSONArgsRecommended\nFROM a\n");
  ASSERT_EQ(df.directives.size(), 2u);
  EXPECT_EQ(df.directives[0].name, "syntax");
  EXPECT_EQ(df.directives[0].value, "docker/dockerfile:1.7");
  EXPECT_EQ(df.directives[0].span.begin, (Pos{1, 1}));
  EXPECT_EQ(df.directives[1].name, "check");
  EXPECT_EQ(df.directives[1].value, "skip=JSONArgsRecommended");
  EXPECT_EQ(df.comments.at(1), "# syntax=docker/dockerfile:1.7");
}

TEST(DockerfileParser, DirectiveAfterBlankLineOrCommentIsAComment) {
  Dockerfile df = parse_ok("# hello\n# escape=`\nFROM a\n\n# syntax=x\nRUN b\n");
  EXPECT_TRUE(df.directives.empty());
  EXPECT_EQ(df.escape, '\\');
  EXPECT_EQ(df.comments.size(), 3u);
  EXPECT_EQ(df.comments.at(2), "# escape=`");
  Dockerfile df2 = parse_ok("\n# escape=`\nFROM a\n");
  EXPECT_TRUE(df2.directives.empty());
}

TEST(DockerfileParser, DuplicateDirectiveIsAnError) {
  Diagnostics d;
  Dockerfile df = parse_ok("# syntax=a\n# syntax=b\nFROM x\n", d);
  ASSERT_EQ(df.directives.size(), 1u);
  EXPECT_EQ(df.directives[0].value, "a");
  const Diagnostic* diag = find_diag(d, "dockerfile.duplicate-directive");
  ASSERT_NE(diag, nullptr);
  EXPECT_EQ(diag->level, DiagLevel::kError);
  EXPECT_EQ(diag->where.line, 2);
}

TEST(DockerfileParser, BacktickEscapeContinuesLines) {
  Dockerfile df = parse_ok("# escape=`\nFROM windows\nRUN dir `\n  c:\\ \n");
  EXPECT_EQ(df.escape, '`');
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[1].args.text, "dir   c:\\");
  EXPECT_EQ(df.instructions[1].span, (Span{{3, 1}, {4, 6}}));
}

TEST(DockerfileParser, InvalidEscapeValueIsAnError) {
  Diagnostics d;
  Dockerfile df = parse_ok("# escape=x\nFROM a\n", d);
  EXPECT_EQ(df.escape, '\\');
  ASSERT_NE(find_diag(d, "dockerfile.bad-escape"), nullptr);
}

TEST(DockerfileParser, ContinuationJoinsLinesAndMapsPositions) {
  Dockerfile df = parse_ok("FROM a\nRUN apt-get update \\\n    && apt-get install -y curl\n");
  const Instruction& run = df.instructions[1];
  EXPECT_EQ(run.args.text, "apt-get update     && apt-get install -y curl");
  size_t amp = run.args.text.find("&&");
  EXPECT_EQ(run.args.at(amp), (Pos{3, 5}));
  size_t y = run.args.text.find("-y");
  EXPECT_EQ(run.args.span(y, y + 2), (Span{{3, 24}, {3, 26}}));
  EXPECT_EQ(run.span, (Span{{2, 1}, {3, 31}}));
}

TEST(DockerfileParser, CommentsAndBlankLinesInsideContinuationAreDropped) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a\nRUN one \\\n# inner comment\n\n  two\n# after\n", d);
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[1].args.text, "one   two");
  EXPECT_EQ(df.comments.at(3), "# inner comment");
  EXPECT_EQ(df.comments.at(6), "# after");
  EXPECT_NE(find_diag(d, "dockerfile.empty-continuation"), nullptr);
}

TEST(DockerfileParser, LineOfOnlyAnEscapeJoinsTheNextLine) {
  Dockerfile df = parse_ok("FROM a\n\\\n  RUN x\n\\\n\n");
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[1].keyword, "RUN");
  EXPECT_EQ(df.instructions[1].span.begin, (Pos{3, 3}));
}

TEST(DockerfileParser, CommentsAreKeyedByLineAsWritten) {
  Dockerfile df = parse_ok("FROM a\n   # customs ignore=DF001  \nRUN x\n");
  ASSERT_EQ(df.comments.size(), 1u);
  EXPECT_EQ(df.comments.at(2), "# customs ignore=DF001  ");
}

TEST(DockerfileParser, CrlfAndBomAreAccepted) {
  Dockerfile df = parse_ok("\xEF\xBB\xBF# syntax=docker/dockerfile:1\r\nFROM a\r\nRUN b \\\r\n c\r\n");
  ASSERT_EQ(df.directives.size(), 1u);
  EXPECT_EQ(df.directives[0].value, "docker/dockerfile:1");
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[0].args.text, "a");
  EXPECT_EQ(df.instructions[1].args.text, "b  c");
  EXPECT_EQ(df.instructions[0].span.begin, (Pos{2, 1}));
  EXPECT_EQ(df.source.substr(0, 8), "# syntax");
}

TEST(DockerfileParser, FlagsAreParsedWithSpans) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a\nCOPY --FROM=build --chown=app:app --link src/ /dst\n", d);
  const Instruction& c = df.instructions[1];
  ASSERT_EQ(c.flags.size(), 3u);
  EXPECT_EQ(c.flags[0].name, "from");
  EXPECT_EQ(c.flags[0].value, "build");
  EXPECT_EQ(c.flags[0].raw, "--FROM=build");
  EXPECT_EQ(c.flags[0].span, (Span{{2, 6}, {2, 18}}));
  EXPECT_EQ(c.flags[1].value, "app:app");
  EXPECT_TRUE(c.flags[1].has_value);
  EXPECT_EQ(c.flags[2].name, "link");
  EXPECT_FALSE(c.flags[2].has_value);
  EXPECT_EQ(c.args.text, "src/ /dst");
  EXPECT_EQ(c.args.at(0), (Pos{2, 42}));
  ASSERT_EQ(c.flag("chown"), &c.flags[1]);
  EXPECT_TRUE(d.empty());
}

TEST(DockerfileParser, UnknownFlagIsAWarningAndKept) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a\nRUN --mount=type=cache,target=/x --bogus=1 make\n", d);
  const Instruction& r = df.instructions[1];
  ASSERT_EQ(r.flags.size(), 2u);
  EXPECT_EQ(r.flags_named("mount").size(), 1u);
  EXPECT_EQ(r.flags[1].name, "bogus");
  EXPECT_EQ(r.args.text, "make");
  const Diagnostic* diag = find_diag(d, "dockerfile.unknown-flag");
  ASSERT_NE(diag, nullptr);
  EXPECT_EQ(diag->level, DiagLevel::kWarning);
  EXPECT_EQ(diag->where.line, 2);
  EXPECT_EQ(diag->where.column, 34);
}

TEST(DockerfileParser, HealthcheckFlagsAndCmd) {
  Dockerfile df =
      parse_ok("FROM a\nHEALTHCHECK --interval=30s --retries=3 CMD curl -f http://x/ || exit 1\n");
  const Instruction& h = df.instructions[1];
  ASSERT_EQ(h.flags.size(), 2u);
  EXPECT_EQ(h.flag("interval")->value, "30s");
  ASSERT_EQ(h.words.size(), 1u);
  EXPECT_EQ(h.words[0].value, "CMD");
  EXPECT_FALSE(h.json_form);
  ASSERT_FALSE(h.shell.commands.empty());
  EXPECT_EQ(h.shell.commands[0].name(), "curl");
  Dockerfile df2 = parse_ok("FROM a\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://x/\"]\n");
  EXPECT_TRUE(df2.instructions[1].json_form);
  EXPECT_EQ(df2.instructions[1].exec, (std::vector<std::string>{"curl", "-f", "http://x/"}));
}

TEST(DockerfileParser, JsonFormIsDetected) {
  Diagnostics d;
  Dockerfile df = parse_ok(
      "FROM a\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\nENTRYPOINT [\"a\", 1]\n"
      "ENTRYPOINT [\"x\" \"y\"]\nCMD [ ]  \nCMD [\"a\"] b\n",
      d);
  EXPECT_TRUE(df.instructions[1].json_form);
  EXPECT_EQ(df.instructions[1].exec, (std::vector<std::string>{"nginx", "-g", "daemon off;"}));
  ASSERT_EQ(df.instructions[1].shell.commands.size(), 1u);
  EXPECT_EQ(df.instructions[1].shell.commands[0].argv[2].span, (Span{{2, 21}, {2, 34}}));
  EXPECT_FALSE(df.instructions[2].json_form);  // not all strings: BuildKit refuses it
  EXPECT_FALSE(df.instructions[3].json_form);  // missing comma: shell form
  EXPECT_TRUE(df.instructions[4].json_form);
  EXPECT_TRUE(df.instructions[4].exec.empty());
  EXPECT_FALSE(df.instructions[5].json_form);  // trailing text: shell form
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "dockerfile.bad-json");
  EXPECT_EQ(d.items()[0].where.to_string(), "Dockerfile:3:12");
}

TEST(DockerfileParser, ExecFormShDashCIsParsedAsScript) {
  Dockerfile df = parse_ok("FROM a\nRUN [\"sh\", \"-c\", \"apt-get update && apt-get install -y x\"]\n");
  const ShellScript& s = df.instructions[1].shell;
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(s.commands[0].name(), "sh");
  EXPECT_EQ(s.commands[1].name(), "apt-get");
  EXPECT_TRUE(s.commands[2].from_sh_c);
  EXPECT_EQ(s.commands[2].depth, 1);
  EXPECT_EQ(s.commands[2].argv[0].span.begin, (Pos{2, 37}));
}

TEST(DockerfileParser, RunShellFormIsParsed) {
  Dockerfile df = parse_ok("FROM a\nRUN apt-get update && apt-get install -y curl\n");
  const ShellScript& s = df.instructions[1].shell;
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[1].subcommand(), "install");
  EXPECT_EQ(s.commands[1].argv[0].span.begin, (Pos{2, 23}));
}

TEST(DockerfileParser, HeredocBodyIsTheScript) {
  Dockerfile df = parse_ok("FROM a\nRUN <<EOF\napt-get update\necho \"$HOME\"\nEOF\nUSER app\n");
  ASSERT_EQ(df.instructions.size(), 3u);
  const Instruction& r = df.instructions[1];
  ASSERT_EQ(r.heredocs.size(), 1u);
  EXPECT_EQ(r.heredocs[0].delimiter, "EOF");
  EXPECT_FALSE(r.heredocs[0].quoted);
  EXPECT_EQ(r.heredocs[0].body.text, "apt-get update\necho \"$HOME\"\n");
  EXPECT_EQ(r.heredocs[0].body.at(15), (Pos{4, 1}));
  EXPECT_EQ(r.heredocs[0].span, (Span{{2, 5}, {5, 4}}));
  EXPECT_EQ(r.span, (Span{{2, 1}, {5, 4}}));
  ASSERT_EQ(r.shell.commands.size(), 2u);
  EXPECT_EQ(r.shell.commands[0].name(), "apt-get");
  EXPECT_EQ(r.shell.commands[1].argv[0].span.begin, (Pos{4, 1}));
  EXPECT_EQ(df.instructions[2].kind, InstructionKind::kUser);
}

TEST(DockerfileParser, HeredocWithShebangOfOtherLanguageIsNotShell) {
  Dockerfile df = parse_ok("FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\n");
  EXPECT_TRUE(df.instructions[1].shell.commands.empty());
  Dockerfile df2 = parse_ok("FROM a\nRUN <<EOF\n#!/bin/bash\nset -e\nEOF\n");
  ASSERT_EQ(df2.instructions[1].shell.commands.size(), 1u);
  EXPECT_EQ(df2.instructions[1].shell.commands[0].name(), "set");
}

TEST(DockerfileParser, SeveralHeredocsQuotedAndTabStripped) {
  Dockerfile df = parse_ok("FROM a\nCOPY <<-\"A\" <<'B' /dst/\n\tone $X\n\tA\ntwo\nB\nRUN x\n");
  const Instruction& c = df.instructions[1];
  ASSERT_EQ(c.heredocs.size(), 2u);
  EXPECT_EQ(c.heredocs[0].delimiter, "A");
  EXPECT_TRUE(c.heredocs[0].quoted);
  EXPECT_TRUE(c.heredocs[0].strip_tabs);
  EXPECT_EQ(c.heredocs[0].body.text, "one $X\n");
  EXPECT_EQ(c.heredocs[0].body.at(0), (Pos{3, 2}));
  EXPECT_EQ(c.heredocs[1].delimiter, "B");
  EXPECT_FALSE(c.heredocs[1].strip_tabs);
  EXPECT_EQ(c.heredocs[1].body.text, "two\n");
  EXPECT_EQ(c.span.end, (Pos{6, 2}));
  EXPECT_EQ(df.instructions[2].kind, InstructionKind::kRun);
}

TEST(DockerfileParser, HeredocAsStdinKeepsCommandLineAsScript) {
  Dockerfile df = parse_ok("FROM a\nRUN python3 <<EOF\nprint(1)\nEOF\n");
  const Instruction& r = df.instructions[1];
  ASSERT_EQ(r.heredocs.size(), 1u);
  EXPECT_EQ(r.heredocs[0].body.text, "print(1)\n");
  ASSERT_GE(r.shell.commands.size(), 1u);
  EXPECT_EQ(r.shell.commands[0].name(), "python3");
  for (const auto& cmd : r.shell.commands) EXPECT_NE(cmd.name(), "print(1)");
}

TEST(DockerfileParser, HeredocCommentLinesAreNotComments) {
  Dockerfile df = parse_ok("FROM a\nRUN <<EOF\n# not a comment\nEOF\n# comment\n");
  EXPECT_EQ(df.comments.size(), 1u);
  EXPECT_EQ(df.comments.count(5), 1u);
}

TEST(DockerfileParser, HeredocNotRecognisedForOtherInstructionsOrJson) {
  Dockerfile df = parse_ok("FROM a\nENV A=<<EOF\nCMD [\"cat\", \"<<EOF\"]\nRUN echo a<<b\n");
  EXPECT_EQ(df.instructions.size(), 4u);
  EXPECT_TRUE(df.instructions[1].heredocs.empty());
  EXPECT_TRUE(df.instructions[2].heredocs.empty());
  EXPECT_TRUE(df.instructions[3].heredocs.empty());
}

TEST(DockerfileParser, UnterminatedHeredocRunsToEndOfFile) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a\nRUN cat <<END\nline\nmore", d);
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[1].heredocs[0].body.text, "line\nmore\n");
  const Diagnostic* diag = find_diag(d, "dockerfile.unterminated-heredoc");
  ASSERT_NE(diag, nullptr);
  EXPECT_EQ(diag->level, DiagLevel::kError);
  EXPECT_EQ(diag->where.line, 2);
  EXPECT_EQ(diag->where.column, 9);
  EXPECT_EQ(d.items().size(), 1u);  // the shell parser sees the heredoc closed
}

TEST(DockerfileParser, UnknownInstructionIsKeptWithError) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a\nFOO bar baz\nRUN x\n", d);
  ASSERT_EQ(df.instructions.size(), 3u);
  EXPECT_EQ(df.instructions[1].kind, InstructionKind::kUnknown);
  EXPECT_EQ(df.instructions[1].keyword, "FOO");
  const Diagnostic* diag = find_diag(d, "dockerfile.unknown-instruction");
  ASSERT_NE(diag, nullptr);
  EXPECT_EQ(diag->where.to_string(), "Dockerfile:2:1");
}

TEST(DockerfileParser, MissingFromIsAnError) {
  Diagnostics d;
  Dockerfile df = parse_ok("ARG V=1\nRUN echo\nFROM a\n", d);
  EXPECT_EQ(df.instructions[0].stage, -1);
  EXPECT_EQ(df.instructions[1].stage, -1);
  EXPECT_EQ(df.instructions[2].stage, 0);
  const Diagnostic* diag = find_diag(d, "dockerfile.missing-from");
  ASSERT_NE(diag, nullptr);
  EXPECT_EQ(diag->where.line, 2);
}

TEST(DockerfileParser, MissingArgumentsIsAnError) {
  Diagnostics d;
  parse_ok("FROM a\nWORKDIR\n", d);
  const Diagnostic* diag = find_diag(d, "dockerfile.missing-arguments");
  ASSERT_NE(diag, nullptr);
  EXPECT_EQ(diag->where.line, 2);
}

TEST(DockerfileParser, ShellRequiresJson) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nSHELL bash\n", d);
  EXPECT_TRUE(df.instructions[1].json_form);
  EXPECT_EQ(df.instructions[1].exec.size(), 4u);
  const Diagnostic* diag = find_diag(d, "dockerfile.bad-arguments");
  ASSERT_NE(diag, nullptr);
  EXPECT_EQ(diag->where.line, 3);
}

TEST(DockerfileParser, OnbuildParsesInnerInstruction) {
  Dockerfile df = parse_ok("FROM a\nONBUILD COPY --chown=u . /app\nONBUILD RUN make install\n");
  const Instruction& o = df.instructions[1];
  EXPECT_EQ(o.kind, InstructionKind::kOnbuild);
  ASSERT_NE(o.onbuild, nullptr);
  EXPECT_EQ(o.onbuild->kind, InstructionKind::kCopy);
  EXPECT_EQ(o.onbuild->keyword_span.begin, (Pos{2, 9}));
  EXPECT_EQ(o.onbuild->flag("chown")->value, "u");
  ASSERT_EQ(o.onbuild->words.size(), 2u);
  EXPECT_EQ(o.onbuild->words[1].span, (Span{{2, 26}, {2, 30}}));
  ASSERT_NE(df.instructions[2].onbuild, nullptr);
  ASSERT_EQ(df.instructions[2].onbuild->shell.commands.size(), 1u);
  EXPECT_EQ(df.instructions[2].onbuild->shell.commands[0].name(), "make");
}

TEST(DockerfileParser, OnbuildHeredocBelongsToTheTrigger) {
  Dockerfile df = parse_ok("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\nUSER u\n");
  ASSERT_EQ(df.instructions.size(), 3u);
  const Instruction& o = df.instructions[1];
  EXPECT_TRUE(o.heredocs.empty());
  EXPECT_EQ(o.span, (Span{{2, 1}, {4, 4}}));
  ASSERT_NE(o.onbuild, nullptr);
  ASSERT_EQ(o.onbuild->heredocs.size(), 1u);
  EXPECT_EQ(o.onbuild->heredocs[0].body.text, "echo hi\n");
  ASSERT_EQ(o.onbuild->shell.commands.size(), 1u);
  EXPECT_EQ(o.onbuild->shell.commands[0].name(), "echo");
}

TEST(DockerfileParser, OnbuildChainingIsAnError) {
  Diagnostics d;
  Dockerfile df = parse_ok("FROM a\nONBUILD ONBUILD RUN x\n", d);
  ASSERT_NE(df.instructions[1].onbuild, nullptr);
  EXPECT_EQ(df.instructions[1].onbuild->onbuild, nullptr);
  EXPECT_NE(find_diag(d, "dockerfile.bad-onbuild"), nullptr);
}

TEST(DockerfileParser, RefusesBinaryOversizedAndEmptyInput) {
  Diagnostics d;
  auto bin = parse_dockerfile(std::string_view("FROM a\0", 7), "x", d);
  ASSERT_FALSE(bin.ok());
  EXPECT_EQ(bin.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(bin.error().where.file, "x");
  DockerfileParseLimits small;
  small.max_bytes = 4;
  auto big = parse_dockerfile("FROM alpine\n", "x", d, small);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().kind, ErrorKind::kLimit);
  auto empty = parse_dockerfile("# just a comment\n\n", "x", d);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().kind, ErrorKind::kInvalidInput);
}

TEST(DockerfileParser, InstructionLimitStopsWithDiagnostic) {
  Diagnostics d;
  DockerfileParseLimits lim;
  lim.max_instructions = 2;
  auto r = parse_dockerfile("FROM a\nRUN 1\nRUN 2\nRUN 3\n", "x", d, lim);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->instructions.size(), 2u);
  EXPECT_NE(find_diag(d, "dockerfile.limit"), nullptr);
}

}  // namespace
}  // namespace customs
