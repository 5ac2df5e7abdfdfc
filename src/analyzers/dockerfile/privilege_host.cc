// Access to the build host and sensitive paths: DF025 (--security=insecure), DF026
// (--network=host), DF027 (runtime socket), DF028 (sensitive VOLUME), DF031 (WORKDIR in a system
// directory).
#include <array>

#include "analyzers/dockerfile/privilege_checks.h"
#include "analyzers/dockerfile/shell_match.h"
#include "analyzers/dockerfile/walk.h"
#include "core/strings.h"

namespace customs {

namespace {

constexpr std::array<std::string_view, 6> kSockets{"docker.sock", "containerd.sock", "crio.sock",
                                                   "podman.sock", "dockershim.sock", "buildkitd.sock"};

bool names_socket(std::string_view s) {
  for (std::string_view sock : kSockets)
    if (s.find(sock) != std::string_view::npos) return true;
  return false;
}

// "/a//b/./c/" -> "/a/b/c"; relative paths are resolved against `cwd`; ".." is followed.
std::string normalize_path(std::string_view path, std::string_view cwd = "/") {
  std::vector<std::string> parts;
  std::string full =
      path.empty() || path[0] != '/' ? std::string(cwd) + "/" + std::string(path) : std::string(path);
  for (const auto& p : split(full, '/')) {
    if (p.empty() || p == ".") continue;
    if (p == "..") {
      if (!parts.empty()) parts.pop_back();
      continue;
    }
    parts.push_back(p);
  }
  return "/" + join(parts, "/");
}

bool is_under(std::string_view path, std::string_view dir) {
  return path == dir ||
         (path.size() > dir.size() && path.substr(0, dir.size()) == dir && path[dir.size()] == '/');
}

void report_run_flag(const DockerfileContext& ctx, const Rule& rule, std::string_view flag,
                     std::string_view value, std::string_view what, FindingSink& out) {
  for_each_instruction(ctx.df, InstructionKind::kRun, [&](const Instruction&, const Instruction& ins) {
    const Flag* f = ins.flag(flag);
    if (!f || !iequals(f->value, value)) return;
    out.report(rule, ctx.at(f->span), "RUN --" + std::string(flag) + "=" + f->value + " " + std::string(what),
               "--" + std::string(flag) + "=" + f->value);
  });
}

void socket_mounts(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for_each_instruction(ctx.df, InstructionKind::kRun, [&](const Instruction&, const Instruction& ins) {
    for (const Flag* f : ins.flags_named("mount"))
      for (const auto& [key, value] : mount_options(f->value))
        if ((key == "source" || key == "src" || key == "target" || key == "dst" || key == "destination") &&
            names_socket(value)) {
          out.report(rule, ctx.at(f->span), "RUN --mount gives the build step the runtime socket " + value,
                     f->value);
          break;
        }
  });
  for_each_command(ctx.df, [&](const Instruction&, const ShellCommand& cmd) {
    for (std::string_view opt : {"-v", "--volume", "--mount"})
      for (const auto& fv : flag_values(cmd, opt))
        if (names_socket(fv.value))
          out.report(rule, ctx.at(fv.word->span),
                     cmd.name() + " " + std::string(opt) + " mounts the runtime socket (" + fv.value + ")",
                     fv.value);
  });
}

std::vector<std::string> sensitive_dirs() {
  return {"/",
          "/proc",
          "/sys",
          "/dev",
          "/etc",
          "/boot",
          "/root",
          "/var/lib/docker",
          "/run",
          "/var/run",
          "/lib/modules",
          "/var/lib/containerd",
          "/var/lib/kubelet"};
}

bool is_sensitive_volume(std::string_view path) {
  for (const auto& d : sensitive_dirs())
    if (path == d) return true;
  for (std::string_view d : {"/proc", "/sys", "/dev", "/boot", "/var/lib/docker", "/var/lib/containerd"})
    if (is_under(path, d)) return true;
  return false;
}

}  // namespace

void check_insecure_security(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  report_run_flag(ctx, rule, "security", "insecure", "runs the step without the build sandbox", out);
}

void check_host_network(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  report_run_flag(ctx, rule, "network", "host", "runs the step in the build host's network namespace", out);
}

void check_runtime_socket(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  socket_mounts(ctx, rule, out);
  for (const auto& ins : ctx.df.instructions) {
    bool copy = ins.kind == InstructionKind::kCopy || ins.kind == InstructionKind::kAdd;
    if (!copy && !(ins.kind == InstructionKind::kVolume && ships_in_final_image(ctx.df, ins))) continue;
    for (const auto& w : instruction_words(ins)) {
      if (!w.resolved || !names_socket(w.value)) continue;
      out.report(rule, ctx.at(w.span), ins.keyword + " names the container runtime socket " + w.value,
                 ins.keyword + " " + w.value);
    }
  }
}

// Runtime sockets are DF027's; this check leaves them out.
void check_sensitive_volume(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const auto& ins : ctx.df.instructions) {
    if (ins.kind != InstructionKind::kVolume || !ships_in_final_image(ctx.df, ins)) continue;
    for (const auto& w : instruction_words(ins)) {
      if (!w.resolved || w.value.empty() || names_socket(w.value)) continue;
      std::string path = normalize_path(w.value);
      if (!is_sensitive_volume(path)) continue;
      out.report(rule, ctx.at(w.span),
                 "VOLUME " + w.value + " declares a volume over the system path " + path,
                 "VOLUME " + w.value);
    }
  }
}

// Walks the final image's stages base first, so a relative WORKDIR continues from its base stage's.
void check_system_workdir(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  std::vector<const Stage*> chain = final_image_chain(ctx.df);
  std::string cwd = "/";
  bool known = true;  // false after a WORKDIR with an unknown variable: only absolute paths are judged
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    for (const Instruction* ins : stage_instructions(ctx.df, **it)) {
      if (ins->kind != InstructionKind::kWorkdir) continue;
      std::vector<Word> words = instruction_words(*ins);
      if (words.empty()) continue;
      const Word& w = words.front();
      bool absolute = !w.value.empty() && w.value[0] == '/';
      if (!w.resolved || (!known && !absolute)) {
        known = false;
        continue;
      }
      known = true;
      cwd = normalize_path(w.value, cwd);
      for (std::string_view dir : {"/proc", "/sys", "/dev", "/boot"}) {
        if (!is_under(cwd, dir)) continue;
        out.report(rule, ctx.at(w.span),
                   "WORKDIR " + w.value + " is inside " + std::string(dir) + " (" + cwd + ")",
                   "WORKDIR " + w.value);
        break;
      }
    }
  }
}

}  // namespace customs
