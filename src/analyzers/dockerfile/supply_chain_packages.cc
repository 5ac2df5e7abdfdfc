// Version pins of installed packages: DF013 (language packages), DF014 (OS packages).
#include <array>
#include <cctype>

#include "analyzers/dockerfile/shell_match.h"
#include "analyzers/dockerfile/supply_chain_checks.h"
#include "analyzers/dockerfile/walk.h"
#include "core/strings.h"

namespace customs {

namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

// A local path, URL, file or variable: not a registry package name we can judge.
bool not_a_package_name(std::string_view w) {
  if (w.empty() || w.find('$') != std::string_view::npos || w.find("://") != std::string_view::npos)
    return true;
  if (w[0] == '.' || w[0] == '/' || w[0] == '~' || w[0] == '-') return true;
  static constexpr std::array<std::string_view, 8> kFiles{".whl", ".tar.gz", ".zip", ".tgz",
                                                          ".deb", ".rpm",    ".apk", ".gem"};
  for (std::string_view e : kFiles)
    if (ends_with_ci(w, e)) return true;
  return false;
}

// Non-flag words after `sub_index`, skipping the values of `valued` flags.
std::vector<const ShellWord*> arguments_after(const ShellCommand& cmd, size_t sub_index,
                                              std::initializer_list<std::string_view> valued) {
  std::vector<const ShellWord*> out;
  for (size_t i = sub_index + 1; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    if (!w.empty() && w[0] == '-') {
      for (std::string_view v : valued)
        if (w == v) ++i;
      continue;
    }
    out.push_back(&cmd.argv[i]);
  }
  return out;
}

size_t index_of(const ShellCommand& cmd, std::string_view word, size_t from = 1) {
  for (size_t i = from; i < cmd.argv.size(); ++i)
    if (cmd.argv[i].value == word) return i;
  return cmd.argv.size();
}

bool pip_pinned(std::string_view w) {
  return w.find("==") != std::string_view::npos || w.find("~=") != std::string_view::npos ||
         w.find('@') != std::string_view::npos;
}

// "pkg@1.2.3" and "@scope/pkg@1.2.3" are pinned; "pkg@latest" / "pkg@next" are not.
bool npm_pinned(std::string_view w) {
  size_t at = w.find('@', 1);
  if (at == std::string_view::npos) return false;
  std::string_view version = w.substr(at + 1);
  return !version.empty() && version != "latest" && version != "next";
}

bool npm_not_a_name(std::string_view w) {
  return not_a_package_name(w) || w.find(':') != std::string_view::npos ||
         (w[0] != '@' && w.find('/') != std::string_view::npos);
}

struct Unpinned {
  std::string tool;
  std::vector<const ShellWord*> words;
};

Unpinned unpinned_pip(const ShellCommand& cmd) {
  Unpinned u{"pip", {}};
  if (package_subcommand(cmd) != "install" || find_flag_word(cmd, {"-c", "--constraint"})) return u;
  size_t sub = index_of(cmd, "install");
  for (const ShellWord* w :
       arguments_after(cmd, sub,
                       {"-r", "--requirement", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
                        "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--platform",
                        "--python-version", "--trusted-host", "--src"}))
    if (!not_a_package_name(w->value) && !pip_pinned(w->value)) u.words.push_back(w);
  return u;
}

Unpinned unpinned_npm(const ShellCommand& cmd) {
  std::string name = cmd.name();
  Unpinned u{name, {}};
  size_t sub = cmd.argv.size();
  if (name == "yarn" && cmd.argv.size() > 2 && cmd.argv[1].value == "global" && cmd.argv[2].value == "add") {
    sub = 2;
  } else if ((name == "npm" || name == "pnpm") && find_flag_word(cmd, {"-g", "--global"})) {
    std::string s = cmd.subcommand();
    if (s == "install" || s == "i" || s == "add") sub = index_of(cmd, s);
  }
  if (sub >= cmd.argv.size()) return u;
  for (const ShellWord* w : arguments_after(cmd, sub, {"--prefix", "--registry", "--tag"}))
    if (!npm_not_a_name(w->value) && !npm_pinned(w->value)) u.words.push_back(w);
  return u;
}

Unpinned unpinned_gem(const ShellCommand& cmd) {
  Unpinned u{"gem", {}};
  if (cmd.subcommand() != "install" || find_flag_word(cmd, {"-v", "--version"})) return u;
  for (const ShellWord* w :
       arguments_after(cmd, index_of(cmd, "install"),
                       {"-i", "--install-dir", "-n", "--bindir", "-s", "--source", "--platform"}))
    if (!not_a_package_name(w->value) && w->value.find(':') == std::string::npos) u.words.push_back(w);
  return u;
}

// go install mod@latest (or a branch): a moving target. Plain "go install ./..." uses go.mod.
Unpinned unpinned_go(const ShellCommand& cmd) {
  Unpinned u{"go", {}};
  if (cmd.subcommand() != "install") return u;
  for (const ShellWord* w :
       arguments_after(cmd, index_of(cmd, "install"), {"-o", "-tags", "-ldflags", "-gcflags"})) {
    std::string_view v = w->value;
    size_t at = v.rfind('@');
    if (at == std::string_view::npos || v.find('$') != std::string_view::npos) continue;
    std::string_view ref = v.substr(at + 1);
    if (ref == "latest" || ref == "master" || ref == "main" || ref == "HEAD") u.words.push_back(w);
  }
  return u;
}

Unpinned unpinned_language(const ShellCommand& cmd) {
  if (package_manager_of(cmd) == PackageManager::kPip) return unpinned_pip(cmd);
  std::string name = cmd.name();
  if (name == "npm" || name == "pnpm" || name == "yarn") return unpinned_npm(cmd);
  if (name == "gem") return unpinned_gem(cmd);
  if (name == "go") return unpinned_go(cmd);
  return {};
}

bool os_pinned(PackageManager pm, std::string_view w) {
  switch (pm) {
    case PackageManager::kApk: return w.find_first_of("=~<>") != std::string_view::npos;
    case PackageManager::kYum:
    case PackageManager::kDnf:
    case PackageManager::kMicrodnf:
      for (size_t i = 0; i + 1 < w.size(); ++i)
        if (w[i] == '-' && std::isdigit(static_cast<unsigned char>(w[i + 1]))) return true;
      return w.find_first_of("<>=") != std::string_view::npos;
    default: return w.find_first_of("=<>") != std::string_view::npos;
  }
}

void report_unpinned(const DockerfileContext& ctx, const Rule& rule, const Unpinned& u, std::string_view what,
                     FindingSink& out) {
  if (u.words.empty()) return;
  std::vector<std::string> names;
  for (const ShellWord* w : u.words) names.push_back(w->value);
  out.report(rule, ctx.at(u.words.front()->span),
             u.tool + " installs " + join(names, ", ") + " without " + std::string(what), join(names, " "));
}

}  // namespace

void check_unpinned_lang_packages(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_command(ctx.df, [&](const Instruction&, const ShellCommand& cmd) {
    report_unpinned(ctx, rule, unpinned_language(cmd), "a version pin", out);
  });
}

void check_unpinned_os_packages(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_command(ctx.df, [&](const Instruction&, const ShellCommand& cmd) {
    PackageManager pm = package_manager_of(cmd);
    if (pm == PackageManager::kNone || pm == PackageManager::kPip || pm == PackageManager::kNpm ||
        pm == PackageManager::kYarn || pm == PackageManager::kGem)
      return;
    Unpinned u{cmd.name(), {}};
    for (const ShellWord* w : installed_packages(cmd))
      if (!not_a_package_name(w->value) && !os_pinned(pm, w->value)) u.words.push_back(w);
    report_unpinned(ctx, rule, u, "a version", out);
  });
}

}  // namespace customs
