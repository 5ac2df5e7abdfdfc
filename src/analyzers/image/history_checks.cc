// Image checks of the history (IM008-IM013): what the commands that built the image reveal.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/hygiene_rules.h"
#include "analyzers/dockerfile/secret_rules.h"
#include "analyzers/dockerfile/shell_match.h"
#include "analyzers/dockerfile/supply_chain_checks.h"
#include "analyzers/image/image_rules.h"
#include "core/mask.h"
#include "core/strings.h"

namespace customs {

namespace {

constexpr Severity H = Severity::kHigh;
constexpr Severity M = Severity::kMedium;
constexpr Severity L = Severity::kLow;
constexpr Severity I = Severity::kInfo;

const ImageCheck kChecks[] = {
    {Rule{"IM008", H, Practice::kSecrets, "Secret recorded in the image history",
          "Build arguments, ARG defaults and ENV values are written into the image history, which anyone "
          "who can pull the image reads with `docker history --no-trunc`, even when a later instruction "
          "clears the variable.",
          "Pass build secrets with `RUN --mount=type=secret,id=token` (`docker build --secret id=token,"
          "env=TOKEN`) instead of `--build-arg`, and rotate the exposed secret.",
          "CIS Docker 4.10; NIST SP 800-190 4.1.4; Dockle CIS-DI-0010"},
     &check_history_secrets},
    {Rule{"IM009", M, Practice::kSupplyChain, "ADD downloaded remote content without a checksum",
          "ADD fetched the URL at build time and trusted whatever the server returned, so nobody can tell "
          "whether the image holds what its author intended.",
          "Pin the download: `ADD --checksum=sha256:<hash> https://example.com/tool.tar.gz /opt/`, or "
          "download with curl and verify with `sha256sum -c`.",
          "CIS Docker 4.9; NIST SP 800-190 4.1.5; Dockle CIS-DI-0009"},
     &check_add_url},
    {Rule{"IM010", L, Practice::kRebuild, "Package index updated without an install in the same layer",
          "An index update alone is cached as its own layer; later builds reuse the stale index and "
          "install outdated packages (or fail when the mirror has moved on).",
          "Update and install in one RUN: `RUN apt-get update && apt-get install -y --no-install-recommends "
          "curl && rm -rf /var/lib/apt/lists/*`.",
          "CIS Docker 4.7; Dockle CIS-DI-0007"},
     &check_update_alone},
    {Rule{"IM011", M, Practice::kLeastPrivilege, "sudo used while building the image",
          "sudo in a build means the image was built for a user who needs root, and usually that sudo "
          "ships in the image with a policy that lets the container user become root.",
          "Run privileged steps as root before `USER app`, and remove sudo: `RUN apt-get purge -y sudo`.",
          "CIS Docker 4.1; Dockle DKL-DI-0001"},
     &check_sudo},
    {Rule{"IM012", I, Practice::kRebuild, "Full package upgrade in the image history",
          "Upgrading every package inside the build makes the result depend on the day it was built and "
          "hides how old the base image is; a newer base image is the better fix.",
          "Rebuild on a current base image (`docker build --pull`) and install only what you need; upgrade "
          "named packages when a fix is not in the base yet: `apt-get install -y --only-upgrade openssl`.",
          "Dockle DKL-DI-0003"},
     &check_history_upgrade},
    {Rule{
         "IM013", H, Practice::kSupplyChain, "Remote script piped into a shell during the build",
         "The script ran with the build's privileges straight from the network, with no checksum or "
         "signature; whoever controlled the server or the connection controlled the image.",
         "Download to a file, verify it, then run it: `curl -fsSLo install.sh https://example.com/install.sh "
         "&& echo '<sha256>  install.sh' | sha256sum -c - && sh install.sh`.",
         "NIST SP 800-190 4.1.5"},
     &check_piped_script},
};

constexpr size_t kMaxHistory = 10000;

// Calls fn for every RUN entry of the history with its parsed script.
void for_each_run_entry(const ImageContext& ctx,
                        const std::function<void(size_t, const HistoryCommand&, const ShellScript&)>& fn) {
  const auto& history = ctx.meta.config.history;
  for (size_t i = 0; i < history.size() && i < kMaxHistory; ++i) {
    HistoryCommand c = parse_created_by(history[i].created_by);
    if (c.instruction != "RUN") continue;
    ShellScript script = parse_history_script(c.args);
    fn(i, c, script);
  }
}

std::string truncated(const std::string& s) { return s.size() > 200 ? s.substr(0, 197) + "..." : s; }

struct Hit {
  size_t entry;
  std::string message;
  std::string evidence;
  std::string key;
  int more = 0;  // later entries that repeat it (every RUN after an ARG repeats its value)
};

class Hits {
 public:
  void add(size_t entry, std::string message, std::string evidence, std::string key) {
    auto [it, fresh] = index_.emplace(key, hits_.size());
    if (!fresh) {
      ++hits_[it->second].more;
      return;
    }
    hits_.push_back({entry, std::move(message), std::move(evidence), std::move(key)});
  }
  const std::vector<Hit>& all() const { return hits_; }

 private:
  std::vector<Hit> hits_;
  std::map<std::string, size_t> index_;
};

}  // namespace

std::span<const ImageCheck> image_history_checks() { return kChecks; }

// ENV values still in the config are IM003's: this check reports the ones only history keeps.
void check_history_secrets(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  const auto& env = ctx.meta.config.config.env;
  std::set<std::string> config_env(env.begin(), env.end());
  const auto& history = ctx.meta.config.history;
  Hits hits;
  for (size_t i = 0; i < history.size() && i < kMaxHistory; ++i) {
    HistoryCommand c = parse_created_by(history[i].created_by);
    bool run = c.instruction == "RUN";
    if (!run && c.instruction != "ARG" && c.instruction != "ENV") continue;
    auto pairs = run ? c.build_args : parse_assignments(c.args);
    std::string what = run ? "Build argument" : c.instruction;
    for (const auto& [key, value] : pairs) {
      if (c.instruction == "ENV" && config_env.count(key + "=" + value)) continue;
      std::string why = secret_reason(key, value);
      if (why.empty()) continue;
      hits.add(i, what + " " + key + " has " + why + ", and its value is recorded in the image history",
               key + "=" + mask_secret(value), secret_key(key, value));
    }
    if (!run) continue;
    for (const SecretMatch& m : find_secret_values(c.args)) {
      std::string value = c.args.substr(m.begin, m.end - m.begin);
      hits.add(i, "A RUN command in the image history contains a " + m.kind,
               m.kind + ": " + mask_secret(value), secret_key(m.kind, value));
    }
  }
  for (const Hit& h : hits.all()) {
    std::string more = h.more ? " (and in " + std::to_string(h.more) + " later history entries)" : "";
    out.report(rule, at_history(ctx, h.entry), h.message + more, h.evidence, h.key);
  }
}

namespace {

bool is_remote(std::string_view word) {
  std::string w = to_lower(word);
  return w.rfind("http://", 0) == 0 || w.rfind("https://", 0) == 0 || w.rfind("git@", 0) == 0;
}

// A git source pinned to a full commit ("...repo.git#<40 hex>") names exact content.
bool pinned_commit(std::string_view url) {
  size_t hash = url.rfind('#');
  if (hash == std::string_view::npos || url.size() - hash - 1 != 40) return false;
  return url.substr(hash + 1).find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

void check_add_url(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  const auto& history = ctx.meta.config.history;
  for (size_t i = 0; i < history.size() && i < kMaxHistory; ++i) {
    HistoryCommand c = parse_created_by(history[i].created_by);
    if (c.instruction != "ADD") continue;
    std::vector<std::string> words = split_whitespace(c.args);
    if (std::any_of(words.begin(), words.end(),
                    [](const std::string& w) { return w.rfind("--checksum", 0) == 0; }))
      continue;
    for (size_t k = 0; k + 1 < words.size(); ++k) {  // the last word is the destination
      if (!is_remote(words[k]) || pinned_commit(words[k])) continue;
      out.report(rule, at_history(ctx, i), "ADD downloaded " + words[k] + " at build time without a checksum",
                 truncated("ADD " + c.args), "add:" + words[k]);
    }
  }
}

void check_update_alone(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run_entry(ctx, [&](size_t entry, const HistoryCommand&, const ShellScript& script) {
    std::vector<PackageCommand> cmds = package_commands(script);
    for (const PackageCommand& c : cmds) {
      PackageFamily f = family_of(c.pm);
      if (!is_index_update(f, c.sub->value)) continue;
      bool installs = std::any_of(cmds.begin(), cmds.end(), [&](const PackageCommand& o) {
        return family_of(o.pm) == f && uses_index(f, o.sub->value);
      });
      if (installs) continue;
      std::string tool = c.cmd->name() + " " + c.sub->value;
      out.report(
          rule, at_history(ctx, entry),
          "`" + tool + "` ran without an install in the same command, so its index was cached on its own",
          command_text(*c.cmd), "update:" + tool);
      return;
    }
  });
}

void check_sudo(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run_entry(ctx, [&](size_t entry, const HistoryCommand&, const ShellScript& script) {
    for (const ShellCommand& cmd : script.commands) {
      if (cmd.name() != "sudo") continue;
      out.report(rule, at_history(ctx, entry), "A RUN command of the image history uses sudo",
                 command_text(cmd), "sudo:" + command_text(cmd));
      return;
    }
  });
}

void check_history_upgrade(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run_entry(ctx, [&](size_t entry, const HistoryCommand&, const ShellScript& script) {
    for (const PackageCommand& c : package_commands(script)) {
      if (!is_full_upgrade(c)) continue;
      std::string tool = c.cmd->name() + " " + c.sub->value;
      out.report(rule, at_history(ctx, entry),
                 "`" + tool + "` upgraded every package while building the image", command_text(*c.cmd),
                 "upgrade:" + tool);
      return;
    }
  });
}

void check_piped_script(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_run_entry(ctx, [&](size_t entry, const HistoryCommand&, const ShellScript& script) {
    std::vector<PipedDownload> piped = piped_downloads(script);
    if (piped.empty()) return;
    const PipedDownload& p = piped.front();
    out.report(rule, at_history(ctx, entry),
               effective_command_name(*p.download) + " output was piped into " +
                   effective_command_name(*p.interpreter) +
                   " during the build: the downloaded script ran unverified",
               command_text(*p.download) + " | " + command_text(*p.interpreter),
               "pipe:" + command_text(*p.download));
  });
}

}  // namespace customs
