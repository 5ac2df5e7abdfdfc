// Shell hygiene in RUN: DF072 (pipe without pipefail), DF073 (cd instead of WORKDIR), DF075
// (useradd with a huge UID and no -l), DF076 (commands that make no sense in a build).
#include <algorithm>
#include <array>
#include <charconv>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/hygiene_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

bool is_sh_like(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kShells{"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"};
  return std::find(kShells.begin(), kShells.end(), name) != kShells.end();
}

// "-o pipefail" in a list of words ("-eo" "pipefail" counts).
bool words_set_pipefail(const std::vector<std::string>& words) {
  for (size_t i = 1; i < words.size(); ++i)
    if (words[i] == "pipefail" && words[i - 1].size() > 1 && words[i - 1][0] == '-' &&
        words[i - 1].back() == 'o')
      return true;
  return false;
}

// Whether RUNs of `outer` run under a POSIX-like shell, and whether that SHELL already sets pipefail.
void shell_in_force(const DockerfileContext& ctx, const Instruction& outer, bool* sh_like, bool* pipefail) {
  const Instruction* shell = nullptr;
  for (const Instruction* p : instructions_before(ctx.df, outer))
    if (p->kind == InstructionKind::kShell) shell = p;
  *sh_like = true;
  *pipefail = false;
  if (!shell || shell->exec.empty()) return;
  *sh_like = is_sh_like(last_path_component(shell->exec[0]));
  *pipefail = words_set_pipefail(shell->exec);
}

bool sets_pipefail(const ShellCommand& cmd) {
  if (cmd.name() != "set") return false;
  std::vector<std::string> words;
  for (const auto& w : cmd.argv) words.push_back(w.value);
  return words_set_pipefail(words);
}

// Pipelines whose left-hand commands cannot fail in a way that matters.
bool harmless_feeder(const ShellCommand& cmd) {
  std::string n = cmd.name();
  return n == "echo" || n == "printf" || n == "yes";
}

}  // namespace

void check_pipefail(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    if (run.json_form) return;
    const auto& cmds = run.shell.commands;
    // Looking back for SHELL costs a walk over the earlier instructions: only for RUNs with a pipe.
    if (std::none_of(cmds.begin(), cmds.end(),
                     [](const ShellCommand& c) { return c.join == ShellJoin::kPipe; }))
      return;
    bool sh_like = true, shell_pipefail = false;
    shell_in_force(ctx, outer, &sh_like, &shell_pipefail);
    if (!sh_like || shell_pipefail) return;
    bool protected_so_far = false;
    for (size_t i = 0; i < cmds.size(); ++i) {
      if (sets_pipefail(cmds[i])) protected_so_far = true;
      if (cmds[i].join != ShellJoin::kPipe || protected_so_far || cmds[i].argv.empty()) continue;
      size_t last = i;  // members share the pipeline number (nested commands in between do not)
      bool harmless = true;
      for (size_t j = i; j < cmds.size(); ++j) {
        if (cmds[j].pipeline != cmds[i].pipeline || cmds[j].depth != cmds[i].depth) continue;
        last = j;
        if (cmds[j].join == ShellJoin::kPipe) harmless = harmless && harmless_feeder(cmds[j]);
      }
      if (harmless) continue;
      if (run.shell.sets_pipefail && std::none_of(cmds.begin(), cmds.end(), sets_pipefail)) return;
      Span span{cmds[i].argv[0].span.begin, command_span(cmds[last]).end};
      out.report(rule, ctx.at(span),
                 "a pipe's exit status is its last command's: if `" + cmds[i].name() +
                     "` fails, this RUN still succeeds",
                 command_text(cmds[i]) + " | ...", cmds[i].name() + " |");
      return;
    }
  });
}

void check_cd_in_run(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction&, const Instruction& run) {
    const auto& cmds = run.shell.commands;
    if (cmds.empty() || cmds[0].depth != 0 || cmds[0].name() != "cd" || cmds[0].join == ShellJoin::kEnd)
      return;
    std::vector<const ShellWord*> dir = plain_operands(cmds[0]);
    std::string target = dir.empty() ? "~" : dir[0]->value;
    out.report(rule, ctx.at(cmds[0].argv[0].span),
               "`cd " + target + "` sets the directory for the rest of this RUN only; WORKDIR " + target +
                   " states it once for every later instruction",
               command_text(cmds[0]), "cd " + target);
  });
}

namespace {

// The UID given to useradd (-u N, -uN, --uid N, --uid=N); -1 when absent or not a literal number.
long long useradd_uid(const ShellCommand& cmd) {
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    std::string_view w = cmd.argv[i].value, v;
    if ((w == "-u" || w == "--uid") && i + 1 < cmd.argv.size())
      v = cmd.argv[i + 1].value;
    else if (w.rfind("--uid=", 0) == 0)
      v = w.substr(6);
    else if (w.size() > 2 && w.rfind("-u", 0) == 0)
      v = w.substr(2);
    else
      continue;
    long long uid = -1;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), uid);
    return ec == std::errc() && p == v.data() + v.size() ? uid : -1;
  }
  return -1;
}

}  // namespace

void check_useradd_lastlog(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction&, const Instruction& run) {
    for (const auto& cmd : run.shell.commands) {
      if (cmd.name() != "useradd" || cmd.has_flag({"-l", "--no-log-init"})) continue;
      long long uid = useradd_uid(cmd);
      if (uid <= 65535) continue;
      Finding* f =
          out.report(rule, ctx.at(cmd.argv[0].span),
                     "useradd with UID " + std::to_string(uid) +
                         " writes a sparse /var/log/lastlog and faillog sized by the UID, which can add "
                         "gigabytes to the layer",
                     command_text(cmd), "useradd " + std::to_string(uid));
      if (f) f->fix_edits.push_back(insert_after(cmd.argv[0].span, " --no-log-init"));
    }
  });
}

namespace {

// Why a command is pointless in a build; "" when it is not.
std::string pointless_reason(const ShellCommand& cmd) {
  std::string n = cmd.name();
  if (n == "shutdown" || n == "reboot" || n == "halt" || n == "poweroff")
    return "there is no machine to " + n + " while building an image";
  if (n == "vim" || n == "vi" || n == "nano" || n == "emacs")
    return n + " is interactive: a build has no terminal to edit in; use sed or COPY a file";
  std::vector<const ShellWord*> ops = plain_operands(cmd);
  if ((n == "mount" || n == "umount") && !ops.empty())
    return n + " needs privileges a build does not have, and mounts do not persist into the image";
  static constexpr std::array<std::string_view, 4> kActions{"start", "restart", "stop", "reload"};
  auto is_action = [](std::string_view a) {
    return std::find(kActions.begin(), kActions.end(), a) != kActions.end();
  };
  if (n == "service" && ops.size() >= 2 && is_action(ops[1]->value))
    return "`service " + ops[0]->value + " " + ops[1]->value +
           "` affects only this RUN: no process survives into the image; start it from CMD or ENTRYPOINT";
  if (n == "systemctl" && !ops.empty() && is_action(ops[0]->value))
    return "`systemctl " + ops[0]->value + "` needs a running systemd, which a build does not have";
  if (n == "systemctl" && !ops.empty() && ops[0]->value == "enable")
    return "`systemctl enable` only matters when the container runs systemd as PID 1; start the service from "
           "CMD";
  return "";
}

}  // namespace

void check_pointless_commands(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction&, const Instruction& run) {
    for (const auto& cmd : run.shell.commands) {
      if (cmd.argv.empty()) continue;
      std::string why = pointless_reason(cmd);
      if (!why.empty()) out.report(rule, ctx.at(cmd.argv[0].span), why, command_text(cmd), cmd.name());
    }
  });
}

}  // namespace customs
