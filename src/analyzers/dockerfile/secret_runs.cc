// Secret handling inside RUN: DF045 (tracing a RUN that reads a secret), DF046 (password set at
// build time), DF048 (a build secret copied out of its mount into the image).
#include <algorithm>
#include <array>
#include <cctype>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/secret_rules.h"
#include "analyzers/dockerfile/shell_match.h"
#include "core/strings.h"

namespace customs {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

bool is_shell_name(std::string_view n) {
  return n == "sh" || n == "bash" || n == "dash" || n == "ash" || n == "zsh" || n == "ksh";
}

bool short_flags_with(std::string_view w, char c) {
  return w.size() > 1 && w[0] == '-' && w[1] != '-' && w.find(c) != std::string_view::npos;
}

// The word that turns on command tracing: set -x / set -o xtrace / bash -x / sh -ex; nullptr when none.
const ShellWord* trace_word(const ShellCommand& cmd) {
  std::string n = cmd.name();
  bool is_set = n == "set";
  if (!is_set && !is_shell_name(n)) return nullptr;
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    if (w == "--" || w.empty() || w[0] != '-') break;  // options end at the first operand
    if (w == "-o" && i + 1 < cmd.argv.size() && cmd.argv[i + 1].value == "xtrace") return &cmd.argv[i + 1];
    if (w != "-o" && short_flags_with(w, 'x')) return &cmd.argv[i];
    if (w == "-o" || w == "-c") ++i;  // -c's script and -o's option name are not flags
  }
  return nullptr;
}

// The last SHELL before `outer` in its stage chain, when it turns tracing on.
const Instruction* tracing_shell(const DockerfileContext& ctx, const Instruction& outer) {
  const Instruction* shell = nullptr;
  for (const Instruction* p : instructions_before(ctx.df, outer))
    if (p->kind == InstructionKind::kShell) shell = p;
  if (!shell) return nullptr;
  for (size_t i = 1; i < shell->exec.size(); ++i)
    if (short_flags_with(shell->exec[i], 'x')) return shell;
  return nullptr;
}

// The value of option `key` of a --mount flag ("" when absent).
std::string mount_option(const RunMount& m, std::string_view key) {
  if (!m.flag) return "";
  for (const auto& [k, v] : mount_options(m.flag->value))
    if (k == key) return v;
  return "";
}

// What secret the RUN reads: "secret mount id=X" or "variable NAME"; "" when none.
std::string secret_read(const Instruction& run) {
  std::vector<std::string_view> texts{run.args.text};
  for (const auto& h : run.heredocs) texts.push_back(h.body.text);
  // A secret mount only leaks through tracing when the script itself reads it (cat, $(<file),
  // an env= variable); a file that a tool like pip or npm reads on its own is never echoed.
  for (const RunMount& m : run_mounts(run)) {
    if (m.type != "secret") continue;
    std::string env = mount_option(m, "env");
    for (std::string_view t : texts)
      if ((!m.target.empty() && t.find(m.target) != std::string_view::npos) ||
          (!env.empty() && t.find(env) != std::string_view::npos))
        return "secret mount id=" + m.id;
  }
  for (std::string_view t : texts) {
    for (size_t p = t.find('$'); p != std::string_view::npos; p = t.find('$', p + 1)) {
      size_t b = p + 1 + (p + 1 < t.size() && t[p + 1] == '{' ? 1 : 0), e = b;
      while (e < t.size() && (std::isalnum(static_cast<unsigned char>(t[e])) || t[e] == '_')) ++e;
      std::string_view name = t.substr(b, e - b);
      if (!name.empty() && is_secret_like_name(name)) return "variable " + std::string(name);
    }
  }
  return "";
}

}  // namespace

void check_trace_with_secret(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    std::string secret = secret_read(run);
    if (secret.empty()) return;
    std::string tail =
        " prints every command with its expanded arguments into the build log, and this RUN "
        "reads a secret (" +
        secret + ")";
    for (const auto& cmd : run.shell.commands) {
      if (const ShellWord* w = trace_word(cmd)) {
        out.report(rule, ctx.at(w->span), "`" + cmd.name() + " " + w->value + "`" + tail, command_text(cmd),
                   secret);
        return;
      }
    }
    if (const Instruction* shell = tracing_shell(ctx, outer))
      out.report(
          rule, ctx.at(outer),
          "SHELL at line " + std::to_string(shell->span.begin.line) + " turns on tracing (-x), which" + tail,
          secret, secret);
  });
}

namespace {

constexpr std::array<std::string_view, 6> kNoPassword{"*", "!", "!!", "!*", "x", ""};

// The word of a command that sets a password, or nullptr. `prev` is the command before it.
const ShellWord* password_word(const ShellCommand& cmd, const ShellCommand* prev) {
  std::string n = cmd.name();
  if (n == "chpasswd" && !cmd.argv.empty()) return &cmd.argv[0];
  if (n == "openssl" && cmd.argv.size() > 1 && cmd.argv[1].value == "passwd") return &cmd.argv[1];
  if (n == "passwd") {
    bool piped = prev && prev->join == ShellJoin::kPipe && prev->pipeline == cmd.pipeline;
    if (cmd.has_flag({"--stdin"}) || piped) return &cmd.argv[0];
    return nullptr;
  }
  if (n != "useradd" && n != "usermod") return nullptr;
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    std::string value;
    if (w == "-p" || w == "--password")
      value = i + 1 < cmd.argv.size() ? cmd.argv[i + 1].value : "";
    else if (starts_with(w, "--password="))
      value = w.substr(11);
    else
      continue;
    if (std::find(kNoPassword.begin(), kNoPassword.end(), value) != kNoPassword.end()) return nullptr;
    return &cmd.argv[i];
  }
  return nullptr;
}

}  // namespace

void check_build_password(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    if (!ships_in_final_image(ctx.df, outer)) return;
    const auto& cmds = run.shell.commands;
    for (size_t i = 0; i < cmds.size(); ++i) {
      const ShellWord* w = password_word(cmds[i], i > 0 ? &cmds[i - 1] : nullptr);
      if (!w) continue;
      out.report(rule, ctx.at(w->span),
                 "`" + cmds[i].name() +
                     "` sets a password while building: the password (or its hash) is "
                     "baked into every container of this image and visible in the image history",
                 w == &cmds[i].argv[0] ? cmds[i].name() : cmds[i].name() + " " + w->value, cmds[i].name());
    }
  });
}

namespace {

bool under(std::string_view path, std::string_view dir) {
  return path == dir || (starts_with(path, dir) && path.size() > dir.size() && path[dir.size()] == '/');
}

bool is_secret_path(std::string_view p, const std::vector<std::string>& targets) {
  if (starts_with(p, "/run/secrets/")) return true;
  return std::any_of(targets.begin(), targets.end(), [&](const std::string& t) { return under(p, t); });
}

// Where a command copies a mounted secret to: {source, destination}; empty when it does not.
std::pair<std::string, std::string> secret_copy(const std::vector<ShellCommand>& cmds, size_t i,
                                                const std::vector<std::string>& targets) {
  const ShellCommand& cmd = cmds[i];
  std::string n = cmd.name();
  std::vector<const ShellWord*> ops = plain_operands(cmd);
  if ((n == "cp" || n == "mv" || n == "install" || n == "rsync") && ops.size() >= 2) {
    for (size_t k = 0; k + 1 < ops.size(); ++k)
      if (is_secret_path(ops[k]->value, targets)) return {ops[k]->value, ops.back()->value};
  }
  if (n != "cat") return {};
  auto src = std::find_if(ops.begin(), ops.end(),
                          [&](const ShellWord* w) { return is_secret_path(w->value, targets); });
  if (src == ops.end()) return {};
  std::vector<std::string> to = redirect_targets(cmd);
  if (!to.empty()) return {(*src)->value, to.back()};
  if (cmd.join == ShellJoin::kPipe && i + 1 < cmds.size() && cmds[i + 1].name() == "tee") {
    std::vector<const ShellWord*> tee_ops = plain_operands(cmds[i + 1]);
    if (!tee_ops.empty()) return {(*src)->value, tee_ops[0]->value};
  }
  return {};
}

bool removed_in(const ShellScript& script, std::string_view path) {
  for (const auto& cmd : script.commands) {
    if (cmd.name() != "rm" && cmd.name() != "shred") continue;
    for (const ShellWord* w : plain_operands(cmd))
      if (under(path, w->value) || glob_match(w->value, path)) return true;
  }
  return false;
}

}  // namespace

void check_secret_mount_copied(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    std::vector<std::string> targets, scratch;  // secret mount points; tmpfs/cache mounts that leave no layer
    for (const RunMount& m : run_mounts(run)) {
      if (m.type == "secret") targets.push_back(m.target);
      if ((m.type == "tmpfs" || m.type == "cache") && !m.target.empty()) scratch.push_back(m.target);
    }
    if (targets.empty()) return;
    const auto& cmds = run.shell.commands;
    for (size_t i = 0; i < cmds.size(); ++i) {
      const auto copy = secret_copy(cmds, i, targets);
      const std::string& src = copy.first;
      const std::string& dest = copy.second;
      if (src.empty() || dest.empty() || starts_with(dest, "/dev/") || is_secret_path(dest, targets))
        continue;
      if (removed_in(run.shell, dest) ||
          std::any_of(scratch.begin(), scratch.end(), [&](const std::string& s) { return under(dest, s); }))
        continue;
      out.report(
          rule, ctx.at(command_span(cmds[i])),
          "`" + cmds[i].name() + "` copies the build secret " + src + " to " + dest +
              ": the secret mount disappears after this RUN but the copy stays in " +
              (ships_in_final_image(ctx.df, outer) ? "the image layer" : "the builder layer and build cache"),
          command_text(cmds[i]), src + "->" + dest);
    }
  });
}

}  // namespace customs
