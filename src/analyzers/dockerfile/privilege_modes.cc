// File permissions: DF023 (world-writable), DF024 (setuid/setgid). Modes come from chmod,
// mkdir -m, install -m and COPY/ADD --chmod.
#include <array>
#include <set>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/privilege_checks.h"
#include "analyzers/dockerfile/shell_match.h"
#include "analyzers/dockerfile/walk.h"
#include "core/strings.h"

namespace customs {

namespace {

// What a mode (octal "4755" or symbolic "u+s,o+w") grants.
struct ModeEffect {
  bool valid = false;
  bool world_writable = false;
  bool setuid = false;
  bool setgid = false;
  bool sticky = false;
};

ModeEffect octal_effect(std::string_view mode) {
  ModeEffect e;
  if (mode.empty() || mode.size() > 5 || mode.find_first_not_of("01234567") != std::string_view::npos)
    return e;
  unsigned bits = 0;
  for (char c : mode) bits = bits * 8 + static_cast<unsigned>(c - '0');
  e.valid = true;
  e.world_writable = bits & 02;
  e.sticky = bits & 01000;
  e.setgid = bits & 02000;
  e.setuid = bits & 04000;
  return e;
}

// One clause "[ugoa]*([-+=][rwxXstugo]*)+". An empty "who" honours the umask for r/w/x (so it is
// not world-writable) but sets both s bits, as chmod(1) does.
bool apply_clause(std::string_view clause, ModeEffect& e) {
  size_t i = clause.find_first_not_of("ugoa");
  if (i == std::string_view::npos || i == clause.size()) return false;
  std::string_view who = clause.substr(0, i);
  bool all = who.find('a') != std::string_view::npos;
  bool empty = who.empty();
  while (i < clause.size()) {
    char op = clause[i];
    if (op != '+' && op != '-' && op != '=') return false;
    size_t end = clause.find_first_of("+-=", i + 1);
    std::string_view perms =
        clause.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1);
    if (perms.find_first_not_of("rwxXstugo") != std::string_view::npos) return false;
    if (op != '-') {
      bool w = perms.find('w') != std::string_view::npos;
      bool s = perms.find('s') != std::string_view::npos;
      if (w && (all || who.find('o') != std::string_view::npos)) e.world_writable = true;
      if (s && (all || empty || who.find('u') != std::string_view::npos)) e.setuid = true;
      if (s && (all || empty || who.find('g') != std::string_view::npos)) e.setgid = true;
      if (perms.find('t') != std::string_view::npos) e.sticky = true;
    }
    i = end == std::string_view::npos ? clause.size() : end;
  }
  return true;
}

ModeEffect mode_effect(std::string_view mode) {
  ModeEffect e = octal_effect(mode);
  if (e.valid || mode.empty()) return e;
  for (const auto& clause : split(mode, ','))
    if (!apply_clause(clause, e)) return ModeEffect{};
  e.valid = true;
  return e;
}

// A mode found in the Dockerfile, with where it is and what it applies to.
struct ModeUse {
  std::string mode;
  Span span;
  std::string command;            // "chmod -R 777", "COPY --chmod"
  std::string targets;            // "/app /data"
  bool directories_only = false;  // every target is a directory made by mkdir earlier in the RUN
};

// Directories a RUN has created so far (mkdir operands), to tell a setgid directory from a program.
using MadeDirs = std::set<std::string>;

std::string without_trailing_slash(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

// chmod MODE FILE..., mkdir -m MODE DIR..., install -m MODE SRC DST.
void modes_of_command(const ShellCommand& cmd, MadeDirs& made, std::vector<ModeUse>& out) {
  std::string name = effective_command_name(cmd);
  std::vector<std::string> rest;
  if (name == "chmod") {
    size_t i = effective_command_index(cmd) + 1;
    while (i < cmd.argv.size() && !cmd.argv[i].value.empty() && cmd.argv[i].value[0] == '-' &&
           !mode_effect(cmd.argv[i].value).valid)
      ++i;
    if (i >= cmd.argv.size()) return;
    bool dirs = i + 1 < cmd.argv.size();
    for (size_t k = i + 1; k < cmd.argv.size(); ++k) {
      rest.push_back(cmd.argv[k].value);
      dirs = dirs && made.count(without_trailing_slash(cmd.argv[k].value)) > 0;
    }
    out.push_back({cmd.argv[i].value, cmd.argv[i].span, "chmod", join(rest, " "), dirs});
  } else if (name == "mkdir" || name == "install") {
    bool dirs = name == "mkdir" || cmd.has_flag({"-d", "--directory"});
    for (const auto& fv : flag_values(cmd, "--mode"))
      out.push_back({fv.value, fv.word->span, name + " --mode", "", dirs});
    for (size_t i = 1; i < cmd.argv.size(); ++i) {
      const std::string& w = cmd.argv[i].value;
      if (w == "-m" && i + 1 < cmd.argv.size()) {
        out.push_back({cmd.argv[i + 1].value, cmd.argv[i + 1].span, name + " -m", "", dirs});
      } else if (w.size() > 2 && w.compare(0, 2, "-m") == 0) {
        out.push_back({w.substr(2), cmd.argv[i].span, name + " -m", "", dirs});
      }
    }
    if (dirs)
      for (const ShellWord* w : plain_operands(cmd)) made.insert(without_trailing_slash(w->value));
  }
}

// Every mode set in a stage of the final image. Builder stages are left out even when the final
// stage copies from them: what is copied rarely is what was chmod-ed, and guessing would raise
// false alarms.
std::vector<ModeUse> mode_uses(const DockerfileContext& ctx) {
  std::vector<ModeUse> out;
  const Instruction* current = nullptr;
  MadeDirs made;
  for_each_command(ctx.df, [&](const Instruction& ins, const ShellCommand& cmd) {
    if (&ins != current) made.clear();
    current = &ins;
    if (ships_in_final_image(ctx.df, ins)) modes_of_command(cmd, made, out);
  });
  for (const auto& ins : ctx.df.instructions) {
    if (ins.kind != InstructionKind::kCopy && ins.kind != InstructionKind::kAdd) continue;
    const Flag* f = ins.flag("chmod");
    if (!f || !ships_in_final_image(ctx.df, ins)) continue;
    std::vector<std::string> srcs;
    for (const auto& w : copy_sources(ins)) srcs.push_back(w.value);
    out.push_back({f->value, f->span, ins.keyword + " --chmod", join(srcs, " ")});
  }
  return out;
}

std::string described(const ModeUse& u) {
  return u.command + " " + u.mode + (u.targets.empty() ? "" : " on " + u.targets);
}

}  // namespace

void check_world_writable(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const auto& u : mode_uses(ctx)) {
    ModeEffect e = mode_effect(u.mode);
    if (!e.valid || !e.world_writable || e.sticky)
      continue;  // sticky (1777, like /tmp) is the safe shared form
    out.report(rule, ctx.at(u.span), described(u) + " makes files writable by every user", described(u));
  }
}

void check_setuid(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const auto& u : mode_uses(ctx)) {
    ModeEffect e = mode_effect(u.mode);
    // On a directory setgid only makes new files inherit its group (and Linux ignores setuid):
    // no program gains rights, so `mkdir -p /run/app && chmod 2775 /run/app` is not reported.
    if (!e.valid || !(e.setuid || e.setgid) || u.directories_only) continue;
    std::string bits = e.setuid && e.setgid ? "setuid and setgid bits"
                       : e.setuid           ? "setuid bit"
                                            : "setgid bit";
    out.report(rule, ctx.at(u.span), described(u) + " sets the " + bits, described(u));
  }
}

}  // namespace customs
