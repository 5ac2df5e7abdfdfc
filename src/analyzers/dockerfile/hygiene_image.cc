// What the shipped image contains: DF069 (build tools), DF070 (HEALTHCHECK), DF071 (OCI labels),
// DF074 (both curl and wget).
#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <set>

#include "analyzers/dockerfile/facts.h"
#include "analyzers/dockerfile/hygiene_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "gcc=4:12.2.0-3" -> "gcc", "libc6-dev:amd64" -> "libc6-dev", "make>4" -> "make".
std::string package_name(std::string_view word) {
  size_t cut = word.find_first_of("=<>~:");
  return to_lower(word.substr(0, cut));
}

bool is_build_tool(const std::string& name) {
  static constexpr std::array<std::string_view, 27> kTools{
      "gcc",     "g++",           "gcc-c++", "cc",          "clang",           "clang++",
      "llvm",    "make",          "cmake",   "ninja-build", "build-essential", "build-base",
      "golang",  "golang-go",     "go",      "rustc",       "cargo",           "rust",
      "rustup",  "maven",         "gradle",  "git",         "autoconf",        "automake",
      "libtool", "linux-headers", "gfortran"};
  if (std::find(kTools.begin(), kTools.end(), name) != kTools.end()) return true;
  for (std::string_view versioned : {"gcc-", "g++-", "clang-", "cpp-", "llvm-"})  // gcc-12, clang-15
    if (name.rfind(versioned, 0) == 0 && name.size() > versioned.size() &&
        std::isdigit(static_cast<unsigned char>(name[versioned.size()])))
      return true;
  return ends_with(name, "-dev") || ends_with(name, "-devel");
}

bool is_removal(const PackageCommand& c) {
  const std::string& s = c.sub->value;
  return s == "remove" || s == "purge" || s == "autoremove" || s == "del" || s == "erase" || s == "rm";
}

// apk add --virtual NAME / -t NAME: the group name the packages can be deleted by.
std::string apk_virtual(const ShellCommand& cmd) {  // "-" when none (never a package name)
  for (size_t i = 1; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    if ((w == "--virtual" || w == "-t") && i + 1 < cmd.argv.size()) return cmd.argv[i + 1].value;
    if (w.rfind("--virtual=", 0) == 0) return w.substr(10);
  }
  return "-";
}

// The official-image idiom: `apt-mark auto '.*'` then `apt-get purge --auto-remove` drops every
// package installed in the same RUN that nothing else needs.
bool purges_own_installs(const ShellScript& script) {
  bool marked = false, purged = false;
  for (const auto& cmd : script.commands) {
    if (cmd.name() == "apt-mark" && cmd.subcommand() == "auto") marked = true;
    std::string sub =
        family_of(package_manager_of(cmd)) == PackageFamily::kApt ? package_subcommand(cmd) : "";
    if (sub == "autoremove" || (sub == "purge" && cmd.has_flag({"--auto-remove", "--autoremove"})))
      purged = true;
  }
  return marked && purged;
}

std::set<std::string> removed_packages(const Dockerfile& df) {
  std::set<std::string> out;
  for_each_run(df, [&](const Instruction& outer, const Instruction& run) {
    if (!ships_in_final_image(df, outer)) return;
    for (const PackageCommand& c : package_commands(run.shell))
      if (is_removal(c))
        for (const ShellWord* w : package_operands(*c.cmd)) out.insert(package_name(w->value));
  });
  return out;
}

void report_toolchain_base(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  std::vector<const Stage*> chain = final_image_chain(ctx.df);
  if (chain.empty() || !chain.back()->base_resolved) return;
  const Stage& root = *chain.back();
  std::string ref = root.base.substr(0, root.base.find('@'));
  std::string repo = last_path_component(ref);
  repo = repo.substr(0, repo.find(':'));
  static constexpr std::array<std::string_view, 6> kToolchains{"golang", "rust",   "gcc",
                                                               "maven",  "gradle", "buildpack-deps"};
  if (std::find(kToolchains.begin(), kToolchains.end(), repo) == kToolchains.end()) return;
  const Instruction& from = ctx.df.instructions[root.from_instruction];
  Span span = from.words.empty() ? from.span : from.words[0].span;
  out.report(rule, ctx.at(span),
             "the final image is built FROM " + root.base + ", a full " + repo +
                 " toolchain image: compilers and build tools ship with the application",
             "FROM " + root.base, "FROM " + repo);
}

}  // namespace

void check_build_tools_shipped(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  report_toolchain_base(ctx, rule, out);
  std::set<std::string> removed = removed_packages(ctx.df);
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    if (!ships_in_final_image(ctx.df, outer)) return;
    bool purged = purges_own_installs(run.shell);
    for (const PackageCommand& c : package_commands(run.shell)) {
      PackageFamily f = family_of(c.pm);
      if (f == PackageFamily::kNone || f == PackageFamily::kPip) continue;
      if ((f == PackageFamily::kApt && purged) || removed.count(apk_virtual(*c.cmd)) > 0) continue;
      std::vector<std::string> tools;
      const ShellWord* first = nullptr;
      for (const ShellWord* w : installed_packages(*c.cmd)) {
        std::string name = package_name(w->value);
        if (!is_build_tool(name) || removed.count(name)) continue;
        if (!first) first = w;
        tools.push_back(name);
      }
      if (!first) continue;
      std::string list = join(tools, ", ");
      out.report(rule, ctx.at(first->span),
                 "build tools installed in the shipped image (" + list +
                     "): they enlarge it and give an attacker tools to build or fetch code; build in a "
                     "separate stage and copy only the result",
                 list, list);
    }
  });
}

void check_healthcheck_missing(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  std::vector<const Stage*> chain = final_image_chain(ctx.df);
  if (chain.empty()) return;
  for (const Stage* s : chain)
    for (size_t idx : s->instructions)
      if (ctx.df.instructions[idx].kind == InstructionKind::kHealthcheck) return;  // NONE is a choice too
  const Instruction& from = ctx.df.instructions[chain.front()->from_instruction];
  out.report(rule, ctx.at(from),
             "the final image has no HEALTHCHECK: Docker cannot tell a hung container from a healthy one",
             "FROM " + chain.front()->base, "healthcheck");
}

void check_oci_labels(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  std::vector<const Stage*> chain = final_image_chain(ctx.df);
  if (chain.empty()) return;
  std::vector<std::string> required = ctx.policy.required_labels;
  if (required.empty())
    required = {"org.opencontainers.image.source", "org.opencontainers.image.revision",
                "org.opencontainers.image.created"};
  std::set<std::string> present;
  for (const Stage* s : chain)
    for (size_t idx : s->instructions)
      if (ctx.df.instructions[idx].kind == InstructionKind::kLabel)
        for (const auto& kv : ctx.df.instructions[idx].pairs) {
          std::string_view k = kv.key;
          if (k.size() >= 2 && (k.front() == '"' || k.front() == '\'') && k.back() == k.front())
            k = k.substr(1, k.size() - 2);
          present.insert(std::string(k));
        }
  std::vector<std::string> missing;
  for (const auto& r : required)
    if (!present.count(r)) missing.push_back(r);
  if (missing.empty()) return;
  const Instruction& from = ctx.df.instructions[chain.front()->from_instruction];
  std::string list = join(missing, ", ");
  out.report(rule, ctx.at(from), "the final image lacks the labels " + list, list, list);
}

namespace {

// One sighting of curl or wget in what ships: a command run, a package installed, or a
// HEALTHCHECK/CMD/ENTRYPOINT that needs the tool at run time.
struct ToolSeen {
  Span span;
  int line = 0;
  const char* how = nullptr;  // "used", "installed"
};

// The curl/wget a HEALTHCHECK, CMD or ENTRYPOINT runs ("" when none): exec form's program, or
// the shell form's commands.
void note_runtime_tools(const Instruction& ins, const std::function<void(const std::string&, Span)>& note) {
  if (ins.kind != InstructionKind::kHealthcheck && ins.kind != InstructionKind::kCmd &&
      ins.kind != InstructionKind::kEntrypoint)
    return;
  if (ins.json_form) {
    size_t first = !ins.exec.empty() && ins.kind == InstructionKind::kHealthcheck && ins.exec[0] == "CMD";
    if (first < ins.exec.size()) note(last_path_component(ins.exec[first]), ins.span);
    return;
  }
  for (const auto& cmd : ins.shell.commands)
    if (!cmd.argv.empty()) note(last_path_component(cmd.name()), cmd.argv[0].span);
}

}  // namespace

// Packages purged in the same RUN (the apt-mark auto idiom) or removed in a later shipped RUN are
// not in the image; a tool that is only installed there is not counted.
void check_curl_and_wget(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  ToolSeen curl, wget;
  auto note_as = [&](const char* how) {
    return [&curl, &wget, how](const std::string& name, Span span) {
      ToolSeen* s = name == "curl" ? &curl : name == "wget" ? &wget : nullptr;
      if (s && !s->how) *s = ToolSeen{span, span.begin.line, how};
    };
  };
  std::set<std::string> removed = removed_packages(ctx.df);
  for_each_run(ctx.df, [&](const Instruction& outer, const Instruction& run) {
    if (!ships_in_final_image(ctx.df, outer)) return;
    bool purged = purges_own_installs(run.shell);
    for (const auto& cmd : run.shell.commands) {
      if (!cmd.argv.empty()) note_as("used")(cmd.name(), cmd.argv[0].span);
      PackageManager pm = package_manager_of(cmd);
      if (pm == PackageManager::kPip || (purged && family_of(pm) == PackageFamily::kApt)) continue;
      for (const ShellWord* w : installed_packages(cmd))
        if (!removed.count(package_name(w->value))) note_as("installed")(package_name(w->value), w->span);
    }
  });
  for (const Stage* s : final_image_chain(ctx.df))
    for (size_t idx : s->instructions) note_runtime_tools(ctx.df.instructions[idx], note_as("used"));
  if (!curl.how || !wget.how) return;
  bool curl_later = curl.line > wget.line;
  const ToolSeen& later = curl_later ? curl : wget;
  const ToolSeen& earlier = curl_later ? wget : curl;
  out.report(rule, ctx.at(later.span),
             std::string(curl_later ? "curl" : "wget") + " is " + later.how + " here and " +
                 (curl_later ? "wget" : "curl") + " is " + earlier.how + " at line " +
                 std::to_string(earlier.line) + ": two download tools where one does",
             "curl, wget", "curl+wget");
}

}  // namespace customs
