#include "analyzers/dockerfile/facts.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/strings.h"

namespace customs {

namespace {

bool before(const Pos& a, const Pos& b) { return a.line != b.line ? a.line < b.line : a.column < b.column; }

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

const Instruction* run_of(const Instruction& ins) {
  if (ins.kind == InstructionKind::kRun) return &ins;
  if (ins.kind == InstructionKind::kOnbuild && ins.onbuild && ins.onbuild->kind == InstructionKind::kRun)
    return ins.onbuild.get();
  return nullptr;
}

void for_each_run(const Dockerfile& df,
                  const std::function<void(const Instruction&, const Instruction&)>& fn) {
  for (const auto& ins : df.instructions)
    if (const Instruction* run = run_of(ins)) fn(ins, *run);
}

size_t instruction_index(const Dockerfile& df, const Instruction& ins) {
  if (df.instructions.empty()) return std::string::npos;
  const Instruction* first = df.instructions.data();
  if (&ins < first || &ins >= first + df.instructions.size()) return std::string::npos;
  return static_cast<size_t>(&ins - first);
}

std::vector<const Instruction*> instructions_before(const Dockerfile& df, const Instruction& ins) {
  std::vector<const Instruction*> out;
  if (ins.stage < 0 || static_cast<size_t>(ins.stage) >= df.stages.size()) return out;
  std::vector<const Stage*> chain = stage_chain(df, df.stages[static_cast<size_t>(ins.stage)]);
  size_t self = instruction_index(df, ins);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (size_t idx : (*it)->instructions) {
      if (*it == chain.front() && idx >= self) break;
      if (idx < df.instructions.size()) out.push_back(&df.instructions[idx]);
    }
  }
  return out;
}

const ShellWord* subcommand_word(const ShellCommand& cmd) {
  std::string sub = package_subcommand(cmd);
  if (sub.empty()) return nullptr;
  size_t i = cmd.name().rfind("python", 0) == 0 ? 3 : 1;
  for (; i < cmd.argv.size(); ++i)
    if (cmd.argv[i].value == sub) return &cmd.argv[i];
  return nullptr;
}

std::vector<const ShellWord*> plain_operands(const ShellCommand& cmd) {
  std::vector<const ShellWord*> out;
  bool flags_done = false;
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    if (!flags_done && w == "--") {
      flags_done = true;
      continue;
    }
    if (w.empty() || (!flags_done && w[0] == '-' && w.size() > 1)) continue;
    out.push_back(&cmd.argv[i]);
  }
  return out;
}

std::vector<std::string> redirect_targets(const ShellCommand& cmd) {
  std::vector<std::string> out;
  for (size_t i = 0; i < cmd.redirects.size(); ++i) {
    std::string_view r = cmd.redirects[i].value;
    while (!r.empty() && std::isdigit(static_cast<unsigned char>(r[0]))) r.remove_prefix(1);
    if (r.empty() || r[0] != '>') continue;
    r.remove_prefix(r.size() > 1 && (r[1] == '>' || r[1] == '|') ? 2 : 1);
    if (!r.empty() && r[0] == '&') continue;  // >&2
    r = trim(r);
    if (r.empty() && i + 1 < cmd.redirects.size()) r = cmd.redirects[++i].value;
    if (!r.empty()) out.emplace_back(r);
  }
  return out;
}

std::vector<RunMount> run_mounts(const Instruction& run) {
  std::vector<RunMount> out;
  for (const Flag* f : run.flags_named("mount")) {
    RunMount m;
    m.flag = f;
    for (const std::string& opt : split(f->value, ',')) {
      size_t eq = opt.find('=');
      std::string key = to_lower(trim(opt.substr(0, eq)));
      std::string val(eq == std::string::npos ? "" : trim(std::string_view(opt).substr(eq + 1)));
      if (key == "type") m.type = to_lower(val);
      if (key == "target" || key == "dst" || key == "destination") m.target = val;
      if (key == "id") m.id = val;
      if (key == "from") m.from = val;
    }
    if (m.type == "secret") {
      if (m.id.empty()) m.id = last_path_component(m.target);
      if (m.target.empty()) m.target = "/run/secrets/" + m.id;
    }
    out.push_back(std::move(m));
  }
  return out;
}

bool has_cache_mount(const Instruction& run, std::initializer_list<std::string_view> target_prefixes) {
  for (const RunMount& m : run_mounts(run)) {
    if (m.type != "cache") continue;
    for (std::string_view p : target_prefixes)
      if (m.target.rfind(p, 0) == 0) return true;
  }
  return false;
}

bool script_removes(const ShellScript& script, std::initializer_list<std::string_view> prefixes) {
  for (const auto& cmd : script.commands) {
    if (cmd.name() != "rm") continue;
    for (const ShellWord* w : plain_operands(cmd))
      for (std::string_view p : prefixes)
        if (w->value.rfind(p, 0) == 0) return true;
  }
  return false;
}

std::string last_path_component(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path == "/") return "";
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

Span command_span(const ShellCommand& cmd) {
  Span s;
  bool first = true;
  auto take = [&](const std::vector<ShellWord>& words) {
    for (const auto& w : words) {
      if (first || before(w.span.begin, s.begin)) s.begin = w.span.begin;
      if (first || before(s.end, w.span.end)) s.end = w.span.end;
      first = false;
    }
  };
  take(cmd.env);
  take(cmd.argv);
  take(cmd.redirects);
  return s;
}

std::string command_text(const ShellCommand& cmd) {
  std::vector<std::string> parts;
  for (const auto* words : {&cmd.env, &cmd.argv, &cmd.redirects})
    for (const auto& w : *words) parts.push_back(w.raw);
  std::string out = join(parts, " ");
  if (out.size() > 200) out = out.substr(0, 197) + "...";
  return out;
}

TextEdit insert_after(const Span& span, std::string text) {
  return TextEdit{span.end.line, span.end.column, span.end.line, span.end.column, std::move(text)};
}

TextEdit replace_span(const Span& span, std::string text) {
  return TextEdit{span.begin.line, span.begin.column, span.end.line, span.end.column, std::move(text)};
}

bool is_variable_reference(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
    v = v.substr(1, v.size() - 2);
  if (v.size() < 2 || v[0] != '$') return false;
  if (v[1] == '{') {
    if (v.back() != '}' || v.size() < 4) return false;
    size_t i = 2;
    while (i < v.size() - 1 && is_name_char(v[i])) ++i;
    return i > 2 && v.find('}') == v.size() - 1;
  }
  for (size_t i = 1; i < v.size(); ++i)
    if (!is_name_char(v[i])) return false;
  return true;
}

}  // namespace customs
