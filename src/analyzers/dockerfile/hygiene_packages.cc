// Package index and upgrade hygiene: DF060 (index update alone / stale index), DF061 (full
// upgrade), DF067 (non-interactive flag missing), DF068 (apt in scripts).
#include <algorithm>
#include <array>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/hygiene_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

template <size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view s) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

}  // namespace

bool is_index_update(PackageFamily f, std::string_view sub) {
  switch (f) {
    case PackageFamily::kApt: return sub == "update";
    case PackageFamily::kApk: return sub == "update";
    case PackageFamily::kRpm: return sub == "makecache";
    case PackageFamily::kZypper: return sub == "refresh" || sub == "ref";
    default: return false;
  }
}

// Sub-commands that download packages (and so use the index).
bool uses_index(PackageFamily f, std::string_view sub) {
  static constexpr std::array<std::string_view, 19> kSubs{
      "install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep",    "reinstall",   "source",
      "add",     "fix",     "update",       "groupinstall", "localinstall", "distro-sync", "in",
      "up",      "dup",     "patch",        "download",     "satisfy"};
  return f != PackageFamily::kNone && !is_index_update(f, sub) && in(kSubs, sub);
}

PackageFamily family_of(PackageManager pm) {
  switch (pm) {
    case PackageManager::kAptGet:
    case PackageManager::kApt: return PackageFamily::kApt;
    case PackageManager::kApk: return PackageFamily::kApk;
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf: return PackageFamily::kRpm;
    case PackageManager::kZypper: return PackageFamily::kZypper;
    case PackageManager::kPip: return PackageFamily::kPip;
    default: return PackageFamily::kNone;
  }
}

std::vector<PackageCommand> package_commands(const ShellScript& script) {
  std::vector<PackageCommand> out;
  for (const auto& cmd : script.commands) {
    PackageManager pm = package_manager_of(cmd);
    if (pm == PackageManager::kNone) continue;
    if (const ShellWord* sub = subcommand_word(cmd)) out.push_back({&cmd, pm, sub});
  }
  return out;
}

void check_index_update_alone(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    std::vector<PackageCommand> cmds = package_commands(run.shell);
    auto has = [&](PackageFamily f, bool (*pred)(PackageFamily, std::string_view)) {
      return std::any_of(cmds.begin(), cmds.end(), [&](const PackageCommand& c) {
        return family_of(c.pm) == f && pred(f, c.sub->value);
      });
    };
    for (const PackageCommand& c : cmds) {
      PackageFamily f = family_of(c.pm);
      std::string tool = c.cmd->name() + " " + c.sub->value;
      if (is_index_update(f, c.sub->value) && !has(f, uses_index)) {
        out.report(rule, ctx.at(c.sub->span),
                   "`" + tool +
                       "` runs without an install in the same RUN: its index is cached in this layer "
                       "and goes stale, so later installs get old packages",
                   command_text(*c.cmd), tool);
      }
      if (f != PackageFamily::kApt || c.sub->value != "install" || has(f, is_index_update)) continue;
      for (const Instruction* prior : instructions_before(ctx.df, outer)) {
        const Instruction* prior_run = run_of(*prior);
        if (!prior_run) continue;
        auto pc = package_commands(prior_run->shell);
        auto upd = std::find_if(pc.begin(), pc.end(), [](const PackageCommand& p) {
          return family_of(p.pm) == PackageFamily::kApt && p.sub->value == "update";
        });
        if (upd == pc.end()) continue;
        out.report(rule, ctx.at(c.sub->span),
                   "`" + tool + "` relies on the package index fetched by `apt-get update` at line " +
                       std::to_string(prior->span.begin.line) +
                       ", which a cached layer can keep stale; update in the same RUN",
                   command_text(*c.cmd), tool + " (stale index)");
        break;
      }
    }
  });
}

bool is_full_upgrade(const PackageCommand& c) {
  static constexpr std::array<std::string_view, 9> kUpgrades{"upgrade", "dist-upgrade", "full-upgrade",
                                                             "update",  "distro-sync",  "up",
                                                             "dup",     "patch",        "upgrade-minimal"};
  PackageFamily f = family_of(c.pm);
  const std::string& sub = c.sub->value;
  if (f == PackageFamily::kNone || f == PackageFamily::kPip || !in(kUpgrades, sub)) return false;
  if ((f == PackageFamily::kApt || f == PackageFamily::kApk) && sub == "update") return false;  // index only
  return package_operands(*c.cmd).empty();  // targeted: upgrades named packages only
}

void check_full_upgrade(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction&, const Instruction& run) {
    for (const PackageCommand& c : package_commands(run.shell)) {
      if (!is_full_upgrade(c)) continue;
      const std::string& sub = c.sub->value;
      out.report(
          rule, ctx.at(c.sub->span),
          "`" + c.cmd->name() + " " + sub +
              "` upgrades every package of the base image inside this layer; the result depends on the "
              "day of the build and hides how old the base image is",
          command_text(*c.cmd), c.cmd->name() + " " + sub);
    }
  });
}

namespace {

// apt-get: -y, --yes, --assume-yes, or quiet level 2 (-qq, -q -q, -q=2), which implies -y.
bool apt_assumes_yes(const ShellCommand& cmd) {
  if (cmd.has_flag({"-y", "--yes", "--assume-yes", "--quiet=2", "-q=2"})) return true;
  int q = 0;
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    if (icontains(w, "Assume-Yes=true")) return true;
    if (w.size() > 1 && w[0] == '-' && w[1] != '-' && w.find('=') == std::string::npos)
      q += static_cast<int>(std::count(w.begin(), w.end(), 'q'));
  }
  return q >= 2;
}

bool piped_from_yes(const ShellScript& script, const ShellCommand& cmd) {
  return std::any_of(script.commands.begin(), script.commands.end(), [&](const ShellCommand& c) {
    return &c != &cmd && c.pipeline == cmd.pipeline && c.join == ShellJoin::kPipe && c.name() == "yes";
  });
}

// Whether a sub-command asks for confirmation, and whether the command answers it up front.
bool needs_answer(const PackageCommand& c) {
  static constexpr std::array<std::string_view, 8> kApt{"install", "upgrade", "dist-upgrade", "full-upgrade",
                                                        "remove",  "purge",   "autoremove",   "reinstall"};
  static constexpr std::array<std::string_view, 9> kRpm{"install",   "remove",     "erase",
                                                        "upgrade",   "update",     "groupinstall",
                                                        "reinstall", "autoremove", "localinstall"};
  static constexpr std::array<std::string_view, 9> kZypper{"install", "in",  "remove",       "rm",   "update",
                                                           "up",      "dup", "dist-upgrade", "patch"};
  const std::string& sub = c.sub->value;
  switch (c.pm) {
    case PackageManager::kAptGet:
    case PackageManager::kApt: return in(kApt, sub) && !apt_assumes_yes(*c.cmd);
    case PackageManager::kYum:
    case PackageManager::kDnf: return in(kRpm, sub) && !c.cmd->has_flag({"-y", "--assumeyes"});
    case PackageManager::kZypper:
      return in(kZypper, sub) && !c.cmd->has_flag({"-n", "--non-interactive", "-y", "--no-confirm"});
    default: return false;
  }
}

}  // namespace

void check_noninteractive(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction&, const Instruction& run) {
    for (const PackageCommand& c : package_commands(run.shell)) {
      if (!needs_answer(c) || piped_from_yes(run.shell, *c.cmd)) continue;
      std::string tool = c.cmd->name() + " " + c.sub->value;
      Finding* f = out.report(rule, ctx.at(c.sub->span),
                              "`" + tool + "` asks for confirmation, and a build cannot answer: add -y",
                              command_text(*c.cmd), tool);
      if (f) f->fix_edits.push_back(insert_after(c.sub->span, " -y"));
    }
  });
}

void check_apt_in_scripts(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  // Sub-commands apt-get has too, so the word can be swapped mechanically.
  static constexpr std::array<std::string_view, 14> kShared{
      "update",    "upgrade",      "install", "remove",    "purge",    "autoremove", "clean",
      "autoclean", "dist-upgrade", "source",  "build-dep", "download", "satisfy",    "check"};
  for_each_run(ctx.df, [&](const Instruction&, const Instruction& run) {
    for (const auto& cmd : run.shell.commands) {
      if (package_manager_of(cmd) != PackageManager::kApt) continue;
      const ShellWord& word = cmd.argv[0];
      Finding* f = out.report(rule, ctx.at(word.span),
                              "`apt` is meant for people at a terminal: its output and options may change "
                              "between releases; scripts should use apt-get (or apt-cache)",
                              command_text(cmd), "apt " + cmd.subcommand());
      if (f && in(kShared, package_subcommand(cmd)) && word.raw == word.value)
        f->fix_edits.push_back(replace_span(word.span, word.raw + "-get"));
    }
  });
}

}  // namespace customs
