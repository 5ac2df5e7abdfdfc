// Instruction::shell for RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD (see instruction.h).
#include <string_view>

#include "core/strings.h"
#include "sources/dockerfile/instruction.h"
#include "sources/dockerfile/json_args.h"
#include "sources/dockerfile/shell_parser.h"
#include "sources/dockerfile/words.h"

namespace customs::df {

namespace {

bool is_shell_name(std::string_view name) {
  for (std::string_view s : {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"})
    if (name == s) return true;
  return false;
}

std::string_view basename(std::string_view p) {
  size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

// True when `body` starts with a "#!" line naming something other than a POSIX-like shell.
bool foreign_shebang(std::string_view body) {
  if (body.substr(0, 2) != "#!") return false;
  std::vector<std::string> words = split_whitespace(body.substr(2, body.find('\n') - 2));
  size_t i = 0;
  if (i < words.size() && basename(words[i]) == "env") {
    ++i;
    while (i < words.size() && !words[i].empty() && words[i][0] == '-') ++i;
  }
  return i < words.size() && !is_shell_name(basename(words[i]));
}

// Exec form: the elements are one command; the string after sh -c is parsed as a script too.
ShellScript exec_script(const SourceText& args, const BuildContext& ctx) {
  ShellScript out;
  std::vector<JsonElement> elems;
  if (!parse_json_array(args.text, &elems) || elems.empty()) return out;
  ShellCommand cmd;
  for (const auto& el : elems)
    cmd.argv.push_back(ShellWord{el.value, args.text.substr(el.begin, el.end - el.begin),
                                 args.span(el.begin, el.end), true});
  std::string name = cmd.name();
  out.commands.push_back(cmd);
  if (!is_shell_name(name)) return out;
  for (size_t i = 1; i + 1 < elems.size(); ++i) {
    if (elems[i].value != "-c") continue;
    const JsonElement& el = elems[i + 1];
    SourceText inner;
    bool verbatim = el.end - el.begin == el.value.size() + 2 &&
                    args.text.compare(el.begin + 1, el.value.size(), el.value) == 0;
    for (size_t k = 0; k < el.value.size(); ++k)
      inner.append(el.value[k], args.at(verbatim ? el.begin + 1 + k : el.begin));
    ShellScript nested = parse_shell(inner, ctx.path, ctx.diags);
    for (auto& c : nested.commands) {
      c.depth += 1;
      c.from_sh_c = true;
      out.commands.push_back(std::move(c));
    }
    break;
  }
  return out;
}

// RUN with heredocs, as BuildKit's dispatchRun: "RUN <<EOF" runs the body; otherwise the command
// line and the bodies (with their delimiters) make one script for the shell.
void heredoc_script(Instruction& ins, const SourceText& script, const std::vector<SourceText>& terminators,
                    const BuildContext& ctx) {
  if (split_raw_words(script.text, '\\').size() == 1) {
    const SourceText& body = ins.heredocs[0].body;
    if (!foreign_shebang(body.text)) ins.shell = parse_shell(body, ctx.path, ctx.diags);
    return;
  }
  SourceText full = script;
  for (size_t i = 0; i < ins.heredocs.size(); ++i) {
    full.append('\n', full.at(full.text.size()));
    full.append(ins.heredocs[i].body);
    if (i < terminators.size()) full.append(terminators[i]);
  }
  ins.shell = parse_shell(full, ctx.path, ctx.diags);
}

}  // namespace

void attach_shell(Instruction& ins, const SourceText& script, const std::vector<SourceText>& terminators,
                  const BuildContext& ctx) {
  if (ins.json_form) {
    ins.shell = exec_script(script, ctx);
  } else if (ins.kind == InstructionKind::kRun && !ins.heredocs.empty()) {
    heredoc_script(ins, script, terminators, ctx);
  } else {
    ins.shell = parse_shell(script, ctx.path, ctx.diags);
  }
}

}  // namespace customs::df
