// Structure checks about single instructions: how many of a kind a stage has, and their form.
#include <algorithm>
#include <cctype>
#include <string>

#include "analyzers/dockerfile/structure_checks.h"
#include "analyzers/dockerfile/walk.h"
#include "core/strings.h"

namespace customs::structure {

namespace {

// Reports every instruction of `kind` in a stage except the last one, which is the one in effect.
void report_overridden(const DockerfileContext& ctx, const Rule& rule, FindingSink& out,
                       InstructionKind kind) {
  for (const Stage& stage : ctx.df.stages) {
    std::vector<const Instruction*> found;
    for (const Instruction* ins : stage_instructions(ctx.df, stage))
      if (ins->kind == kind) found.push_back(ins);
    for (size_t i = 0; i + 1 < found.size(); ++i) {
      std::string kw = keyword_of(kind);
      out.report(rule, ctx.at(*found[i]),
                 kw + " on line " + std::to_string(found[i]->span.begin.line) + " has no effect: the " + kw +
                     " on line " + std::to_string(found.back()->span.begin.line) + " replaces it",
                 std::string(trim(found[i]->args.text)));
    }
  }
}

// The argument text with blanks trimmed, and its offsets within args.text.
struct Trimmed {
  std::string_view text;
  size_t begin = 0;
  size_t end = 0;
};

Trimmed trimmed_args(const Instruction& ins) {
  std::string_view all = ins.args.text;
  std::string_view t = trim(all);
  size_t begin = t.empty() ? 0 : static_cast<size_t>(t.data() - all.data());
  return {t, begin, begin + t.size()};
}

// Shell form that does not replace the shell with the process ("exec app" does).
bool runs_under_shell(const Instruction& ins) {
  if (ins.json_form) return false;
  std::string_view t = trimmed_args(ins).text;
  if (t.empty() || t.front() == '[') return false;  // empty, or a broken exec form (DF092)
  return !(t.substr(0, 5) == "exec " || t.substr(0, 5) == "exec\t");
}

// The last instruction of `kind` in force for the final image (final stage first, then its bases).
const Instruction* effective_in_final(const Dockerfile& df, InstructionKind kind) {
  for (const Stage* s : final_image_chain(df))
    for (auto it = s->instructions.rbegin(); it != s->instructions.rend(); ++it)
      if (df.instructions[*it].kind == kind) return &df.instructions[*it];
  return nullptr;
}

bool is_absolute_path(std::string_view raw, std::string_view value) {
  if (!raw.empty() && raw.front() == '$') return true;  // decided by a variable: assume absolute
  if (!value.empty() && (value.front() == '/' || value.front() == '\\')) return true;
  return value.size() >= 2 && std::isalpha(static_cast<unsigned char>(value[0])) && value[1] == ':';
}

std::string label_quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\' || c == '$') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

void several_cmd(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  report_overridden(ctx, rule, out, InstructionKind::kCmd);
}

void several_entrypoint(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  report_overridden(ctx, rule, out, InstructionKind::kEntrypoint);
}

void several_healthcheck(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  report_overridden(ctx, rule, out, InstructionKind::kHealthcheck);
}

void shell_form_process(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  const Instruction* entrypoint = effective_in_final(ctx.df, InstructionKind::kEntrypoint);
  const Instruction* cmd = effective_in_final(ctx.df, InstructionKind::kCmd);
  // With an ENTRYPOINT, CMD only supplies its arguments; the ENTRYPOINT's form decides PID 1.
  const Instruction* pid1 = entrypoint ? entrypoint : cmd;
  if (!pid1 || !runs_under_shell(*pid1)) return;
  std::string kw = keyword_of(pid1->kind);
  out.report(
      rule, ctx.at(*pid1),
      kw + " in shell form runs under /bin/sh -c as PID 1, which does not pass SIGTERM on to the process",
      std::string(trimmed_args(*pid1).text));
}

void relative_workdir(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  // absolute[i]: an absolute WORKDIR is in force at the end of stage i (through FROM <stage>).
  std::vector<bool> absolute(ctx.df.stages.size(), false);
  for (const Stage& stage : ctx.df.stages) {
    bool known = stage.base_stage >= 0 && stage.base_stage < stage.index &&
                 absolute[static_cast<size_t>(stage.base_stage)];
    for (const Instruction* ins : stage_instructions(ctx.df, stage)) {
      if (ins->kind != InstructionKind::kWorkdir) continue;
      std::string_view raw = trimmed_args(*ins).text;
      std::string_view value = ins->words.empty() ? raw : std::string_view(ins->words[0].value);
      if (is_absolute_path(raw, value)) {
        known = true;
      } else if (!known && !raw.empty()) {
        out.report(rule, ctx.at(*ins),
                   "WORKDIR " + std::string(raw) +
                       " is relative and no absolute WORKDIR precedes it, so it depends on the base image's "
                       "working directory",
                   std::string(raw));
      }
    }
    absolute[static_cast<size_t>(stage.index)] = known;
  }
}

void maintainer(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const Instruction& ins : ctx.df.instructions) {
    if (ins.kind != InstructionKind::kMaintainer) continue;
    std::string value(trimmed_args(ins).text);
    Finding* f = out.report(
        rule, ctx.at(ins), "MAINTAINER is deprecated; use the org.opencontainers.image.authors label", value);
    if (!f || ins.span.begin.line != ins.span.end.line || value.empty()) continue;
    f->fix_edits.push_back(TextEdit{ins.span.begin.line, ins.span.begin.column, ins.span.end.line,
                                    ins.span.end.column,
                                    "LABEL org.opencontainers.image.authors=" + label_quoted(value)});
  }
}

void broken_exec_form(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  static constexpr InstructionKind kExecKinds[] = {InstructionKind::kRun,        InstructionKind::kCmd,
                                                   InstructionKind::kEntrypoint, InstructionKind::kCopy,
                                                   InstructionKind::kAdd,        InstructionKind::kVolume};
  for (const Instruction& ins : ctx.df.instructions) {
    if (ins.json_form ||
        std::find(std::begin(kExecKinds), std::end(kExecKinds), ins.kind) == std::end(kExecKinds))
      continue;
    Trimmed t = trimmed_args(ins);
    if (t.text.size() < 2 || t.text.front() != '[' || t.text.back() != ']') continue;
    // "[ -f x ]" is the shell's test command; a JSON attempt has a quote right after '[' or commas.
    char second = t.text[1];
    bool json_attempt = second == '"' || second == '\'' || contains(t.text, ",");
    if (!json_attempt) continue;
    out.report(
        rule, ctx.at(ins.args.span(t.begin, t.end)),
        std::string(keyword_of(ins.kind)) +
            " arguments look like an exec form but are not valid JSON (strings need double quotes), so "
            "they run as a shell command string",
        std::string(t.text));
  }
}

void onbuild_forbidden(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const Instruction& ins : ctx.df.instructions) {
    if (ins.kind != InstructionKind::kOnbuild) continue;
    InstructionKind inner = InstructionKind::kUnknown;
    Span where = ins.span;
    if (ins.onbuild) {
      inner = ins.onbuild->kind;
      where = ins.onbuild->keyword_span;
    } else {
      auto words = split_whitespace(ins.args.text);
      if (!words.empty()) inner = instruction_kind_from(words[0]);
    }
    if (inner != InstructionKind::kOnbuild && inner != InstructionKind::kFrom &&
        inner != InstructionKind::kMaintainer)
      continue;
    out.report(rule, ctx.at(where), std::string("ONBUILD cannot trigger ") + keyword_of(inner),
               std::string(trimmed_args(ins).text));
  }
}

void shell_not_json(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const Instruction& ins : ctx.df.instructions) {
    if (ins.kind != InstructionKind::kShell || ins.json_form) continue;
    Trimmed t = trimmed_args(ins);
    out.report(rule, ctx.at(t.text.empty() ? ins.span : ins.args.span(t.begin, t.end)),
               "SHELL must be a JSON array of strings", std::string(t.text));
  }
}

}  // namespace customs::structure
