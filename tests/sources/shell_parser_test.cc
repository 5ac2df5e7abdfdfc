#include "sources/dockerfile/shell_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace customs {
namespace {

// A script whose first byte is at (line, column) of the file, newlines advancing the line.
SourceText text_at(std::string_view s, int line = 1, int column = 1) {
  SourceText t;
  for (char c : s) {
    t.append(c, Pos{line, column});
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return t;
}

// "<depth>[c]: env argv {redirects} <join>", e.g. "0: A=1 apt-get install -y x {>/dev/null} &&".
std::string render(const ShellCommand& c) {
  static const char* const kJoins[] = {"", " &&", " ||", " ;", " |", " &"};
  std::string s = std::to_string(c.depth) + (c.from_sh_c ? "c:" : ":");
  for (const ShellWord& w : c.env) s += " " + w.value;
  for (const ShellWord& w : c.argv) s += " " + w.value;
  for (const ShellWord& w : c.redirects) s += " {" + w.value + "}";
  return s + kJoins[static_cast<int>(c.join)];
}

struct Parsed {
  ShellScript script;
  Diagnostics diags;
  std::vector<std::string> rendered;
};

Parsed parse(std::string_view s) {
  Parsed p;
  p.script = parse_shell(text_at(s), "Dockerfile", p.diags);
  for (const ShellCommand& c : p.script.commands) p.rendered.push_back(render(c));
  return p;
}

std::vector<std::string> codes(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const Diagnostic& x : d.items()) out.push_back(x.code);
  return out;
}

struct Case {
  const char* name;
  const char* script;
  std::vector<std::string> commands;
};

class ShellCases : public ::testing::TestWithParam<Case> {};

TEST_P(ShellCases, SplitsIntoExactCommands) {
  Parsed p = parse(GetParam().script);
  EXPECT_EQ(p.rendered, GetParam().commands);
  EXPECT_TRUE(p.diags.empty()) << p.diags.items()[0].code;
}

const Case kCases[] = {
    {"AptChainWithContinuations",
     "apt-get update && \\\n  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl "
     "\\\n"
     "  && rm -rf /var/lib/apt/lists/*",
     {"0: apt-get update &&",
      "0: DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl &&",
      "0: rm -rf /var/lib/apt/lists/*"}},
    {"EnvPrefixesUntilFirstWord", "A=1 B+=2 make C=3", {"0: A=1 B+=2 make C=3"}},
    {"BareAssignment", "A=1", {"0: A=1"}},
    {"QuotedNameIsNotAssignment", "'A'=1 x", {"0: A=1 x"}},
    {"SemicolonsAndNewlines", "a; b\nc;\n", {"0: a ;", "0: b ;", "0: c"}},
    {"OrAndBackground", "a || b & c", {"0: a ||", "0: b &", "0: c"}},
    {"PipeAmpersand", "a |& b", {"0: a |", "0: b"}},
    {"RedirectionsAreNotArgv",
     "echo hi > /tmp/o 2>&1 < in; cat <<<\"$x\" &>/dev/null; exec 3>&-",
     {"0: echo hi {>/tmp/o} {2>&1} {<in} ;", "0: cat {<<<$x} {&>/dev/null} ;", "0: exec {3>&-}"}},
    {"QuotesAndEscapes", "echo \"a b\" 'c d' e\\ f \"\" x\"y\"z $'t\\tu'", {"0: echo a b c d e f  xyz t\tu"}},
    {"DoubleQuoteEscapes", "echo \"\\$HOME \\\" \\n\"", {"0: echo $HOME \" \\n"}},
    {"SubshellAndGroup",
     "(cd /src && make) || { echo fail; exit 1; }",
     {"1: cd /src &&", "1: make ||", "1: echo fail ;", "1: exit 1"}},
    {"CommandSubstitutionKeptInWord",
     "echo \"$(id -u)\" `whoami`",
     {"0: echo $(id -u) `whoami`", "1: id -u", "1: whoami"}},
    {"SubstitutionInAssignment",
     "V=$(curl -s http://x | sha256sum) sh",
     {"0: V=$(curl -s http://x | sha256sum) sh", "1: curl -s http://x |", "1: sha256sum"}},
    {"NestedBackticks", "echo `echo \\`id\\``", {"0: echo `echo \\`id\\``", "1: echo `id`", "2: id"}},
    {"ParameterAndArithmeticExpansion", "echo ${X:-a b} $((1 + 2))", {"0: echo ${X:-a b} $((1 + 2))"}},
    {"ProcessSubstitution",
     "bash <(curl -fsSL https://x/install)",
     {"0: bash <(curl -fsSL https://x/install)", "1: curl -fsSL https://x/install"}},
    {"ShCSingleQuoted",
     "sh -c 'apt-get update && apt-get install -y git'",
     {"0: sh -c apt-get update && apt-get install -y git", "1c: apt-get update &&",
      "1c: apt-get install -y git"}},
    {"BashCDoubleQuotedWithEscapes",
     "/bin/bash -ec \"echo \\\"a b\\\" | tee f\"",
     {"0: /bin/bash -ec echo \"a b\" | tee f", "1c: echo a b |", "1c: tee f"}},
    {"SuC", "su -c 'id -u' app", {"0: su -c id -u app", "1c: id -u"}},
    {"SudoWrappedShell",
     "sudo -u root dash -c 'ls /root'",
     {"0: sudo -u root dash -c ls /root", "1c: ls /root"}},
    {"ShellScriptArgIsNotC", "ash -x script.sh -c foo", {"0: ash -x script.sh -c foo"}},
    {"ExpandedSubstitutionNotRepeated",
     "zsh -c \"echo $(id)\"",
     {"0: zsh -c echo $(id)", "1: id", "1c: echo $(id)"}},
    {"EscapedSubstitutionParsedInside",
     "dash -c \"echo \\$(id)\"",
     {"0: dash -c echo $(id)", "1c: echo $(id)", "2c: id"}},
    {"IfBodies",
     "if [ -f /x ]; then . /x; elif true; then echo no; else exit 1; fi",
     {"1: [ -f /x ] ;", "1: . /x ;", "1: true ;", "1: echo no ;", "1: exit 1 ;"}},
    {"ForHeaderIsNotACommand", "for x in a $(ls /) c; do echo \"$x\"; done", {"1: ls /", "1: echo $x ;"}},
    {"ArithmeticFor", "for ((i=0; i<3; i++)); do echo $i; done", {"1: echo $i ;"}},
    {"WhileWithRedirectedDone",
     "while read -r l; do echo $l; done < file && echo end",
     {"1: read -r l ;", "1: echo $l ;", "0: echo end"}},
    {"CasePatternsAreNotPipes",
     "case \"$A\" in\n  (amd64|x86_64) X=x64 ;;\n  arm*) echo arm ;&\n  *) exit 1 ;;\nesac; echo after",
     {"1: X=x64 ;", "1: echo arm ;", "1: exit 1 ;", "0: echo after"}},
    {"HeredocBodySkipped",
     "cat <<EOF > /etc/app.conf\nrm -rf /data\nEOF\necho done",
     {"0: cat {<<EOF} {>/etc/app.conf} ;", "0: echo done"}},
    {"HeredocStripTabsQuoted",
     "cat <<-'END' | sh\n\techo inside\n\tEND\nls",
     {"0: cat {<<-END} |", "0: sh ;", "0: ls"}},
    {"TwoHeredocsOnOneLine", "paste <<A <<B\na\nA\nb\nB\nls", {"0: paste {<<A} {<<B} ;", "0: ls"}},
    {"CommentRunsToEndOfLine", "echo a # && rm x\necho b", {"0: echo a ;", "0: echo b"}},
    {"HashInsideWordIsLiteral", "echo a#b", {"0: echo a#b"}},
    {"TestBracketsKeepOperators",
     "[[ -f a && ! -d b ]] && echo ok",
     {"0: [[ -f a && ! -d b ]] &&", "0: echo ok"}},
    {"FunctionDefinition", "f() { echo in; }; f", {"1: echo in ;", "0: f"}},
    {"FunctionKeyword", "function g { echo in; }", {"1: echo in"}},
    {"QuotedKeywordIsACommand", "'if' x", {"0: if x"}},
    {"NegationAndArithmeticCommand", "! grep -q x f && (( n++ ))", {"0: grep -q x f &&"}},
    {"CarriageReturnsAreBlanks", "apt-get update \\\r\n && ls\r\n", {"0: apt-get update &&", "0: ls"}},
};

INSTANTIATE_TEST_SUITE_P(Shell, ShellCases, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

TEST(ShellParser, PipeSharesOnePipelineId) {
  Parsed p = parse("curl -fsSL https://x | sh -s -- -y && echo ok | tee log; ls");
  ASSERT_EQ(p.script.commands.size(), 5u);
  const auto& c = p.script.commands;
  EXPECT_EQ(c[0].join, ShellJoin::kPipe);
  EXPECT_EQ(c[0].pipeline, c[1].pipeline);
  EXPECT_EQ(c[1].join, ShellJoin::kAnd);
  EXPECT_EQ(c[2].pipeline, c[3].pipeline);
  EXPECT_NE(c[1].pipeline, c[2].pipeline);
  EXPECT_NE(c[3].pipeline, c[4].pipeline);
  EXPECT_NE(c[0].pipeline, c[4].pipeline);
}

TEST(ShellParser, PipeContinuesOverNewline) {
  Parsed p = parse("curl x |\n  sh");
  ASSERT_EQ(p.script.commands.size(), 2u);
  EXPECT_EQ(p.script.commands[0].pipeline, p.script.commands[1].pipeline);
}

TEST(ShellParser, NestedCommandsHaveTheirOwnPipelines) {
  Parsed p = parse("echo $(a | b) | c");
  ASSERT_EQ(p.rendered, (std::vector<std::string>{"0: echo $(a | b) |", "1: a |", "1: b", "0: c"}));
  const auto& c = p.script.commands;
  EXPECT_EQ(c[0].pipeline, c[3].pipeline);
  EXPECT_EQ(c[1].pipeline, c[2].pipeline);
  EXPECT_NE(c[0].pipeline, c[1].pipeline);
}

TEST(ShellParser, SubshellJoinsItsLastCommandToWhatFollows) {
  Parsed p = parse("(a; b) | c");
  ASSERT_EQ(p.rendered, (std::vector<std::string>{"1: a ;", "1: b |", "0: c"}));
  EXPECT_EQ(p.script.commands[1].pipeline, p.script.commands[2].pipeline);
}

TEST(ShellParser, QuotedArgumentKeepsSpacesAndRaw) {
  Parsed p = parse("echo \"hello world\" plain");
  ASSERT_EQ(p.script.commands.size(), 1u);
  const auto& argv = p.script.commands[0].argv;
  ASSERT_EQ(argv.size(), 3u);
  EXPECT_EQ(argv[1].value, "hello world");
  EXPECT_EQ(argv[1].raw, "\"hello world\"");
  EXPECT_TRUE(argv[1].quoted);
  EXPECT_FALSE(argv[2].quoted);
  EXPECT_EQ(argv[1].span, (Span{{1, 6}, {1, 19}}));
}

TEST(ShellParser, RedirectRawAndSpanCoverOperatorAndTarget) {
  Parsed p = parse("echo x >  /dev/null");
  ASSERT_EQ(p.script.commands.size(), 1u);
  ASSERT_EQ(p.script.commands[0].redirects.size(), 1u);
  const ShellWord& r = p.script.commands[0].redirects[0];
  EXPECT_EQ(r.value, ">/dev/null");
  EXPECT_EQ(r.raw, ">  /dev/null");
  EXPECT_EQ(r.span, (Span{{1, 8}, {1, 20}}));
}

TEST(ShellParser, SpanOfWordOnContinuationLine) {
  // The RUN body starts at line 3, column 5 of the Dockerfile.
  SourceText t = text_at("apt-get install -y \\\n    curl \\\n    git", 3, 5);
  Diagnostics d;
  ShellScript s = parse_shell(t, "Dockerfile", d);
  ASSERT_EQ(s.commands.size(), 1u);
  const auto& argv = s.commands[0].argv;
  ASSERT_EQ(argv.size(), 5u);
  EXPECT_EQ(argv[3].value, "curl");
  EXPECT_EQ(argv[3].span, (Span{{4, 5}, {4, 9}}));
  EXPECT_EQ(argv[4].span, (Span{{5, 5}, {5, 8}}));
}

TEST(ShellParser, SpansFollowTheGivenPositions) {
  // Text joined from two lines by the Dockerfile parser: positions jump between "a" and "b".
  SourceText t;
  for (char c : std::string("ls a")) t.append(c, Pos{7, static_cast<int>(t.text.size()) + 5});
  t.append(' ', Pos{8, 1});
  t.append('b', Pos{8, 3});
  Diagnostics d;
  ShellScript s = parse_shell(t, "Dockerfile", d);
  ASSERT_EQ(s.commands.size(), 1u);
  ASSERT_EQ(s.commands[0].argv.size(), 3u);
  EXPECT_EQ(s.commands[0].argv[1].span, (Span{{7, 8}, {7, 9}}));
  EXPECT_EQ(s.commands[0].argv[2].span, (Span{{8, 3}, {8, 4}}));
}

TEST(ShellParser, ShCSingleQuotedMapsByteForByte) {
  Parsed p = parse("sh -c 'curl http://x | sh'");
  ASSERT_EQ(p.script.commands.size(), 3u);
  const ShellCommand& curl = p.script.commands[1];
  EXPECT_TRUE(curl.from_sh_c);
  EXPECT_EQ(curl.depth, 1);
  EXPECT_EQ(curl.argv[1].span, (Span{{1, 13}, {1, 21}}));
  EXPECT_EQ(p.script.commands[2].argv[0].span, (Span{{1, 24}, {1, 26}}));
  EXPECT_EQ(curl.pipeline, p.script.commands[2].pipeline);
}

TEST(ShellParser, ShCDoubleQuotedMapsEachUnescapedByte) {
  Parsed p = parse("bash -c \"echo \\\"a b\\\"\"");
  ASSERT_EQ(p.rendered, (std::vector<std::string>{"0: bash -c echo \"a b\"", "1c: echo a b"}));
  // Inner word "a b" comes from the bytes \"a b\" (columns 15-21); its first raw byte is the '"' at 16.
  EXPECT_EQ(p.script.commands[1].argv[1].span, (Span{{1, 16}, {1, 22}}));
}

TEST(ShellParser, PipefailAtTopLevelOnly) {
  EXPECT_TRUE(parse("set -o pipefail && curl x | sh").script.sets_pipefail);
  EXPECT_TRUE(parse("set -eo pipefail; ls").script.sets_pipefail);
  EXPECT_TRUE(parse("set -euxo pipefail").script.sets_pipefail);
  EXPECT_TRUE(parse("set -e -o errexit -o pipefail").script.sets_pipefail);
  EXPECT_FALSE(parse("set +o pipefail").script.sets_pipefail);
  EXPECT_FALSE(parse("set -e pipefail").script.sets_pipefail);
  EXPECT_FALSE(parse("echo set -o pipefail").script.sets_pipefail);
  EXPECT_FALSE(parse("bash -c 'set -o pipefail'").script.sets_pipefail);
  EXPECT_FALSE(parse("(set -o pipefail)").script.sets_pipefail);
}

TEST(ShellParser, UnterminatedQuoteGivesLocatedWarningAndCommands) {
  Parsed p = parse("apt-get update && echo 'oops");
  EXPECT_EQ(p.rendered, (std::vector<std::string>{"0: apt-get update &&", "0: echo oops"}));
  ASSERT_EQ(p.diags.items().size(), 1u);
  const Diagnostic& d = p.diags.items()[0];
  EXPECT_EQ(d.level, DiagLevel::kWarning);
  EXPECT_EQ(d.code, "shell.unterminated-quote");
  EXPECT_EQ(d.where.file, "Dockerfile");
  EXPECT_EQ(d.where.line, 1);
  EXPECT_EQ(d.where.column, 24);
}

TEST(ShellParser, MalformedInputDiagnostics) {
  EXPECT_EQ(codes(parse("echo \"abc").diags), std::vector<std::string>{"shell.unterminated-quote"});
  EXPECT_EQ(codes(parse("echo `id").diags), std::vector<std::string>{"shell.unterminated-backtick"});
  EXPECT_EQ(codes(parse("echo ${X").diags), std::vector<std::string>{"shell.unterminated-substitution"});
  EXPECT_EQ(codes(parse("echo $(id").diags), std::vector<std::string>{"shell.unterminated-substitution"});
  EXPECT_EQ(codes(parse("(a; b").diags), std::vector<std::string>{"shell.unbalanced-paren"});
  EXPECT_EQ(codes(parse("a; b)").diags), std::vector<std::string>{"shell.unbalanced-paren"});
  EXPECT_EQ(codes(parse("{ a; b").diags), std::vector<std::string>{"shell.unterminated-group"});
  EXPECT_EQ(codes(parse("if a; then b").diags), std::vector<std::string>{"shell.unterminated-block"});
  EXPECT_EQ(codes(parse("cat <<EOF\nbody").diags), std::vector<std::string>{"shell.unterminated-heredoc"});
  EXPECT_EQ(codes(parse("$( { a; )").diags), std::vector<std::string>{"shell.unterminated-group"});
}

TEST(ShellParser, UnterminatedSubstitutionKeepsCommandsFoundSoFar) {
  Parsed p = parse("ls; echo $(id -u");
  EXPECT_EQ(p.rendered, (std::vector<std::string>{"0: ls ;", "0: echo $(id -u", "1: id -u"}));
  ASSERT_EQ(p.diags.items().size(), 1u);
  EXPECT_EQ(p.diags.items()[0].where.column, 10);
}

TEST(ShellParser, DeepNestingIsBoundedAndDoesNotCrash) {
  // Each is left open 5001 times; the diagnostics say so.
  const std::string patterns[] = {"$(", "(", "{ ", "`", "\"$(", "<(", "if a; then ", "case x in "};
  for (const std::string& pat : patterns) {
    std::string s;
    for (int i = 0; i < 5001; ++i) s += pat;
    s += "ls";
    Parsed p = parse(s);
    for (const ShellCommand& c : p.script.commands)
      EXPECT_LE(c.depth, pat == "if a; then " ? 5001 : 65) << pat;
    EXPECT_FALSE(p.diags.empty()) << pat;
  }
  std::string sh_c;
  for (int i = 0; i < 5000; ++i) sh_c += "sh -c \"";
  EXPECT_LE(parse(sh_c + "ls").script.commands.size(), 5000u);
}

TEST(ShellParser, NestingBeyondTheBoundWarnsOnce) {
  std::string s = "echo ";
  for (int i = 0; i < 100; ++i) s += "$(";
  s += "ls";
  for (int i = 0; i < 100; ++i) s += ")";
  Parsed p = parse(s);
  EXPECT_EQ(codes(p.diags), std::vector<std::string>{"shell.too-deep"});
  ASSERT_EQ(p.script.commands.size(), 65u);  // echo and the 64 levels that are followed
  EXPECT_EQ(p.script.commands.back().depth, 64);
}

TEST(ShellParser, EmptyAndBlankScripts) {
  EXPECT_TRUE(parse("").script.commands.empty());
  EXPECT_TRUE(parse("  \n\t# only a comment\n").script.commands.empty());
}

// ShellCommand helpers (model/shell.cc).
ShellCommand command_of(std::string_view s) {
  Parsed p = parse(s);
  return p.script.commands.empty() ? ShellCommand{} : p.script.commands[0];
}

TEST(ShellParser, ScriptOverOneMebibyteIsNotSplitAndSaysSo) {
  std::string big = "echo " + std::string((size_t{1} << 20) + 1, 'a');
  Diagnostics diags;
  ShellScript s = parse_shell(text_at(big, 7, 5), "Dockerfile", diags);
  EXPECT_TRUE(s.commands.empty());
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].code, "shell.too-large");
  EXPECT_EQ(diags.items()[0].where.to_string(), "Dockerfile:7:5");
}

TEST(ShellCommandHelpers, NameDropsThePath) {
  EXPECT_EQ(command_of("/usr/bin/apt-get install x").name(), "apt-get");
  EXPECT_EQ(command_of("apk add x").name(), "apk");
  EXPECT_EQ(command_of("A=1").name(), "");
}

TEST(ShellCommandHelpers, HasFlagMatchesExactBundledAndValued) {
  ShellCommand c = command_of("apt-get -qy install --no-install-recommends --option=x curl");
  EXPECT_TRUE(c.has_flag({"-y", "--yes"}));
  EXPECT_TRUE(c.has_flag({"-q"}));
  EXPECT_TRUE(c.has_flag({"--no-install-recommends"}));
  EXPECT_TRUE(c.has_flag({"--option"}));
  EXPECT_FALSE(c.has_flag({"-x"}));
  EXPECT_FALSE(c.has_flag({"--yes"}));
  EXPECT_FALSE(c.has_flag({"--opt"}));
  EXPECT_FALSE(command_of("apt-get install -y").has_flag({"--yes"}));
  EXPECT_FALSE(command_of("-y").has_flag({"-y"}));  // argv[0] is not a flag
  EXPECT_FALSE(command_of("pip install --index-url=-y x").has_flag({"-y"}));
}

TEST(ShellCommandHelpers, SubcommandIsFirstNonFlag) {
  EXPECT_EQ(command_of("apt-get -q install x").subcommand(), "install");
  EXPECT_EQ(command_of("apt-get -q").subcommand(), "");
  EXPECT_EQ(command_of("ls").subcommand(), "");
}

}  // namespace
}  // namespace customs
