// Package caches and extras left in the shipped image: DF062 (recommended packages), DF063 (apt
// lists), DF064 (apk cache), DF065 (yum/dnf/zypper cache), DF066 (pip cache).
#include <algorithm>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/hygiene_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

// Calls fn for each package command of RUNs that build the shipped image.
void for_each_shipped_package_command(
    const DockerfileContext& ctx,
    const std::function<void(const Instruction& outer, const Instruction& run, const PackageCommand& c)>&
        fn) {
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    if (!ships_in_final_image(ctx.df, outer)) return;
    for (const PackageCommand& c : package_commands(run.shell)) fn(outer, run, c);
  });
}

bool is_apt_install(const PackageCommand& c) {
  return family_of(c.pm) == PackageFamily::kApt && c.sub->value == "install";
}

bool recommends_off(const DockerfileContext& ctx, const Instruction& outer, const ShellCommand& cmd) {
  if (cmd.has_flag({"--no-install-recommends"})) return true;
  for (const auto& w : cmd.argv)
    if (icontains(w.value, "Install-Recommends=false") || icontains(w.value, "Install-Recommends=0"))
      return true;
  for (const Instruction* prior : instructions_before(ctx.df, outer)) {  // apt.conf written earlier
    if (icontains(prior->args.text, "Install-Recommends")) return true;
    for (const auto& h : prior->heredocs)
      if (icontains(h.body.text, "Install-Recommends")) return true;
  }
  return false;
}

// A RUN whose script is one top-level `a && b && c` chain: safe to append `&& d`.
bool simple_chain(const Instruction& run) {
  const auto& cmds = run.shell.commands;
  if (run.json_form || !run.heredocs.empty() || cmds.empty()) return false;
  for (size_t i = 0; i < cmds.size(); ++i) {
    if (cmds[i].depth != 0 || cmds[i].from_sh_c || cmds[i].argv.empty()) return false;
    bool last = i + 1 == cmds.size();
    if (!last && cmds[i].join != ShellJoin::kAnd) return false;
    if (last && cmds[i].join != ShellJoin::kEnd && cmds[i].join != ShellJoin::kSeq) return false;
  }
  return true;
}

void report_with_insert(const DockerfileContext& ctx, const Rule& rule, FindingSink& out,
                        const PackageCommand& c, const std::string& message, const char* insertion) {
  std::string tool = c.cmd->name() + " " + c.sub->value;
  Finding* f = out.report(rule, ctx.at(c.sub->span), message, command_text(*c.cmd), tool);
  if (f && insertion) f->fix_edits.push_back(insert_after(c.sub->span, insertion));
}

}  // namespace

void check_install_recommends(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_shipped_package_command(ctx, [&](const Instruction& outer, const Instruction&,
                                            const PackageCommand& c) {
    if (!is_apt_install(c) || recommends_off(ctx, outer, *c.cmd)) return;
    report_with_insert(ctx, rule, out, c,
                       "`" + c.cmd->name() +
                           " install` also installs every recommended package, which the image rarely needs",
                       " --no-install-recommends");
  });
}

void check_apt_lists_kept(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    if (!ships_in_final_image(ctx.df, outer)) return;
    if (script_removes(run.shell, {"/var/lib/apt/lists"}) || has_cache_mount(run, {"/var/lib/apt"})) return;
    std::vector<PackageCommand> cmds = package_commands(run.shell);
    auto first = std::find_if(cmds.begin(), cmds.end(), is_apt_install);
    if (first == cmds.end()) return;
    Finding* f = out.report(rule, ctx.at(first->sub->span),
                            "the apt package lists fetched for this install stay in the layer (tens of MB); "
                            "remove /var/lib/apt/lists/* in the same RUN",
                            command_text(*first->cmd), "apt lists");
    if (f && simple_chain(run))
      f->fix_edits.push_back(
          insert_after(command_span(run.shell.commands.back()), " && rm -rf /var/lib/apt/lists/*"));
  });
}

void check_apk_cache(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_shipped_package_command(ctx, [&](const Instruction&, const Instruction& run,
                                            const PackageCommand& c) {
    // --no-network fetches nothing, so it has no index or package to leave behind.
    if (c.pm != PackageManager::kApk || c.sub->value != "add" ||
        c.cmd->has_flag({"--no-cache", "--no-network"}))
      return;
    if (script_removes(run.shell, {"/var/cache/apk"}) ||
        has_cache_mount(run, {"/var/cache/apk", "/etc/apk/cache"}))
      return;
    report_with_insert(ctx, rule, out, c, "`apk add` leaves the package index in /var/cache/apk in the layer",
                       " --no-cache");
  });
}

void check_rpm_cache(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    if (!ships_in_final_image(ctx.df, outer)) return;
    std::initializer_list<std::string_view> dirs{"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5",
                                                 "/var/cache/zypp"};
    if (script_removes(run.shell, dirs) || has_cache_mount(run, dirs)) return;
    std::vector<PackageCommand> cmds = package_commands(run.shell);
    auto rpm_like = [](const PackageCommand& c) {
      PackageFamily f = family_of(c.pm);
      return f == PackageFamily::kRpm || f == PackageFamily::kZypper;
    };
    bool cleaned = std::any_of(cmds.begin(), cmds.end(), [&](const PackageCommand& c) {
      return rpm_like(c) && (c.sub->value == "clean" || c.sub->value == "cc");
    });
    auto install = std::find_if(cmds.begin(), cmds.end(), [&](const PackageCommand& c) {
      const std::string& s = c.sub->value;
      return rpm_like(c) && (s == "install" || s == "in" || s == "groupinstall" || s == "localinstall");
    });
    if (cleaned || install == cmds.end()) return;
    std::string tool = install->cmd->name();
    // zypper's clean takes -a/--all; `zypper clean all` would name a repository called "all".
    std::string clean =
        family_of(install->pm) == PackageFamily::kZypper ? tool + " clean --all" : tool + " clean all";
    out.report(rule, ctx.at(install->sub->span),
               "`" + tool + " " + install->sub->value +
                   "` leaves its metadata and package cache in the layer; run `" + clean +
                   "` in the same RUN",
               command_text(*install->cmd), tool + " cache");
  });
}

namespace {

bool pip_cache_off(const DockerfileContext& ctx, const Instruction& outer, const Instruction& run,
                   const ShellCommand& cmd) {
  // pip's option parser takes any unambiguous prefix: `--no-cache` is `--no-cache-dir`.
  if (cmd.has_flag({"--no-cache-dir", "--no-cache"})) return true;
  for (const auto& e : cmd.env)
    if (e.value.rfind("PIP_NO_CACHE_DIR=", 0) == 0) return true;
  for (const RunMount& m : run_mounts(run))
    if (m.type == "cache" && (contains(m.target, ".cache/pip") || m.target == "/root/.cache")) return true;
  if (script_removes(run.shell, {"/root/.cache", "~/.cache", "$HOME/.cache"})) return true;
  for (const Instruction* prior : instructions_before(ctx.df, outer)) {
    if (prior->kind != InstructionKind::kEnv && prior->kind != InstructionKind::kArg) continue;
    for (const auto& kv : prior->pairs)
      if (kv.key == "PIP_NO_CACHE_DIR" && kv.has_value) return true;
  }
  return false;
}

}  // namespace

void check_pip_cache(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_shipped_package_command(ctx, [&](const Instruction& outer, const Instruction& run,
                                            const PackageCommand& c) {
    if (c.pm != PackageManager::kPip || c.sub->value != "install" || pip_cache_off(ctx, outer, run, *c.cmd))
      return;
    report_with_insert(ctx, rule, out, c,
                       "`" + c.cmd->name() + " install` keeps downloaded wheels in ~/.cache/pip in the layer",
                       " --no-cache-dir");
  });
}

}  // namespace customs
