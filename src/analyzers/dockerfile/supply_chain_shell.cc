// What RUN downloads and runs: DF007 (remote script into a shell) and DF010 (pip extra index).
#include <array>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/shell_match.h"
#include "analyzers/dockerfile/supply_chain_checks.h"
#include "analyzers/dockerfile/walk.h"
#include "core/strings.h"

namespace customs {

namespace {

constexpr std::string_view kCurlValued = "AbcCdDeEFHKmoPQrtTuUwxXyYz";
constexpr std::string_view kWgetValued = "OoaeiBtTwQPUDARIXl";

// True when a curl/wget invocation writes the download to stdout.
bool downloads_to_stdout(const ShellCommand& cmd) {
  std::string name = effective_command_name(cmd);
  std::string value;
  if (name == "curl") {
    if (find_short_option(cmd, 'O', kCurlValued) ||
        find_flag_word(cmd, {"--remote-name", "--remote-name-all"}))
      return false;
    if (find_short_option(cmd, 'o', kCurlValued, &value) && value != "-") return false;
    for (const auto& fv : flag_values(cmd, "--output"))
      if (fv.value != "-") return false;
    return true;
  }
  if (name == "wget") {
    bool to_stdout = false;
    if (find_short_option(cmd, 'O', kWgetValued, &value)) to_stdout = value == "-" || value == "/dev/stdout";
    for (const auto& fv : flag_values(cmd, "--output-document"))
      to_stdout = fv.value == "-" || fv.value == "/dev/stdout";
    return to_stdout;
  }
  return false;
}

// Options that make an interpreter run code given on the command line instead of stdin.
struct InlineCode {
  std::string_view prefix;  // interpreter name prefix
  std::initializer_list<std::string_view> flags;
};
const std::array<InlineCode, 6> kInlineCode{{
    {"python", {"-c", "-m"}},
    {"perl", {"-e", "-E"}},
    {"ruby", {"-e"}},
    {"node", {"-e", "-p", "--eval", "--print"}},
    {"php", {"-r"}},
    {"", {"-c"}},  // sh, bash, dash, ash, zsh, ksh
}};

// True when the command is an interpreter that reads its program from stdin.
bool runs_stdin_program(const ShellCommand& cmd) {
  size_t i = effective_command_index(cmd);
  if (i >= cmd.argv.size()) return false;
  std::string name = effective_command_name(cmd);
  if (!is_interpreter(name)) return false;
  const InlineCode* inline_code = &kInlineCode.back();
  for (const auto& ic : kInlineCode)
    if (!ic.prefix.empty() && name.rfind(ic.prefix, 0) == 0) inline_code = &ic;
  for (++i; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    if (w == "-" || w == "-s" || w == "--") return true;
    for (std::string_view f : inline_code->flags)
      if (w == f || (f.size() == 2 && w.size() > 2 && w[0] == '-' && w[1] != '-' && w.back() == f[1]))
        return false;
    if (w == "-o" || w == "+o") ++i;                              // sh -o pipefail
    if (w.empty() || (w[0] != '-' && w[0] != '+')) return false;  // a script file
  }
  return true;
}

// "$(curl ...)" or "`wget ...`" inside a word.
bool substitutes_download(std::string_view v) {
  for (size_t i = 0; i < v.size(); ++i) {
    size_t start = std::string_view::npos;
    if (v[i] == '`') start = i + 1;
    if (v[i] == '$' && i + 1 < v.size() && v[i + 1] == '(') start = i + 2;
    if (start == std::string_view::npos) continue;
    while (start < v.size() && (v[start] == ' ' || v[start] == '\t')) ++start;
    std::string_view rest = v.substr(start);
    std::string_view word = rest.substr(0, rest.find_first_of(" \t)`"));
    word = word.substr(word.rfind('/') == std::string_view::npos ? 0 : word.rfind('/') + 1);
    if (word == "curl" || word == "wget") return true;
  }
  return false;
}

void check_pipelines(const DockerfileContext& ctx, const Rule& rule, const Instruction& ins,
                     FindingSink& out) {
  for (const PipedDownload& p : piped_downloads(ins.shell)) {
    size_t k = effective_command_index(*p.interpreter);
    Span span{p.download->argv.front().span.begin, p.interpreter->argv[k].span.end};
    out.report(rule, ctx.at(span),
               effective_command_name(*p.download) + " output is piped into " +
                   effective_command_name(*p.interpreter) + ": the downloaded script runs unverified",
               command_text(*p.download) + " | " + command_text(*p.interpreter));
  }
}

// sh -c "$(curl ...)", eval "$(wget -O- ...)".
void check_substitutions(const DockerfileContext& ctx, const Rule& rule, const Instruction& ins,
                         FindingSink& out) {
  for (const auto& cmd : ins.shell.commands) {
    std::string name = effective_command_name(cmd);
    if (!is_interpreter(name) && name != "eval") continue;
    for (size_t i = effective_command_index(cmd) + 1; i < cmd.argv.size(); ++i) {
      if (!substitutes_download(cmd.argv[i].value)) continue;
      out.report(
          rule, ctx.at(cmd.argv[i].span),
          name + " runs a script fetched by " + cmd.argv[i].raw + ": the downloaded script runs unverified",
          command_text(cmd));
      break;
    }
  }
}

// The command word that ends just before `at` in `text` ("bash" in "bash <(curl ...)").
std::string_view command_before(std::string_view text, size_t at, size_t* start) {
  size_t b = text.find_last_of(";&|\n(", at == 0 ? 0 : at - 1);
  b = b == std::string_view::npos ? 0 : b + 1;
  while (b < at && (text[b] == ' ' || text[b] == '\t' || text[b] == '\\')) ++b;
  *start = b;
  std::string_view cmd = text.substr(b, at - b);
  cmd = cmd.substr(0, cmd.find_first_of(" \t"));
  size_t slash = cmd.rfind('/');
  return slash == std::string_view::npos ? cmd : cmd.substr(slash + 1);
}

// bash <(curl ...), source <(wget -O- ...): found in the text, since process substitution is not
// a simple command.
void check_process_substitution(const DockerfileContext& ctx, const Rule& rule, const Instruction& ins,
                                FindingSink& out) {
  for (const SourceText* st : run_script_texts(ins)) {
    std::string_view text = st->text;
    for (size_t at = text.find("<("); at != std::string_view::npos; at = text.find("<(", at + 2)) {
      size_t start = 0;
      std::string_view cmd = command_before(text, at, &start);
      if (!is_interpreter(cmd) && cmd != "source" && cmd != ".") continue;
      std::string inner = "$(" + std::string(text.substr(at + 2, 64));
      if (!substitutes_download(inner)) continue;
      size_t end = text.find(')', at);
      end = end == std::string_view::npos ? text.size() : end + 1;
      out.report(rule, ctx.at(st->span(start, end)),
                 std::string(cmd) + " runs a script read from a process substitution that downloads it",
                 std::string(text.substr(start, end - start)));
    }
  }
}

bool is_extra_index_word(std::string_view w) {
  std::string lower = to_lower(w);
  return lower == "--extra-index-url" || lower.rfind("--extra-index-url=", 0) == 0 ||
         (lower.size() > 16 && lower.compare(lower.size() - 16, 16, ".extra-index-url") == 0);
}

}  // namespace

std::vector<PipedDownload> piped_downloads(const ShellScript& script) {
  std::vector<PipedDownload> out;
  const auto& cmds = script.commands;
  for (size_t i = 0; i < cmds.size(); ++i) {
    if (cmds[i].join != ShellJoin::kPipe || !downloads_to_stdout(cmds[i])) continue;
    for (size_t j = i + 1; j < cmds.size(); ++j) {
      if (cmds[j].depth > cmds[i].depth) continue;  // inside a $( ) of a pipeline member
      if (cmds[j].pipeline != cmds[i].pipeline || cmds[j].depth != cmds[i].depth) break;
      if (!runs_stdin_program(cmds[j])) continue;
      out.push_back({&cmds[i], &cmds[j]});
      break;
    }
  }
  return out;
}

void check_pipe_to_shell(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_instruction(ctx.df, InstructionKind::kRun, [&](const Instruction&, const Instruction& ins) {
    check_pipelines(ctx, rule, ins, out);
    check_substitutions(ctx, rule, ins, out);
    check_process_substitution(ctx, rule, ins, out);
  });
}

void check_extra_index_url(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_command(ctx.df, [&](const Instruction&, const ShellCommand& cmd) {
    if (package_manager_of(cmd) != PackageManager::kPip) return;
    for (const auto& w : cmd.argv) {
      if (!is_extra_index_word(w.value)) continue;
      out.report(rule, ctx.at(w.span), "pip uses an extra index (" + w.value + ") next to PyPI",
                 command_text(cmd));
    }
  });
  for_each_assignment(ctx.df, [&](const Assignment& a) {
    if (!iequals(a.name, "PIP_EXTRA_INDEX_URL") || !a.resolved || a.value.empty()) return;
    out.report(rule, ctx.at(a.span), a.name + " adds the extra index " + a.value + " next to PyPI",
               a.name + "=" + a.value);
  });
}

}  // namespace customs
