#include "analyzers/dockerfile/walk.h"

#include <algorithm>
#include <array>

namespace customs {

namespace {

void visit_instruction(const Instruction& outer, const Instruction& ins,
                       const std::function<void(const Instruction&, const ShellCommand&)>& fn) {
  if (ins.kind == InstructionKind::kRun)
    for (const auto& c : ins.shell.commands) fn(outer, c);
  if (ins.onbuild) visit_instruction(outer, *ins.onbuild, fn);
}

// Flags of common package managers that take a separate value word.
bool takes_value(PackageManager pm, std::string_view flag) {
  static constexpr std::array<std::string_view, 15> kValued{"-o",
                                                            "-t",
                                                            "--target-release",
                                                            "-c",
                                                            "--config",
                                                            "-r",
                                                            "--requirement",
                                                            "-i",
                                                            "--index-url",
                                                            "--extra-index-url",
                                                            "--trusted-host",
                                                            "-X",
                                                            "--repository",
                                                            "--root",
                                                            "--virtual"};
  if (pm == PackageManager::kPip && (flag == "-c" || flag == "-e")) return flag == "-c";
  return std::find(kValued.begin(), kValued.end(), flag) != kValued.end();
}

size_t subcommand_index(const ShellCommand& cmd, PackageManager pm) {
  size_t i = 1;
  if (cmd.name().rfind("python", 0) == 0) i = 3;  // python -m pip <sub>
  for (; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    if (w.empty()) continue;
    if (w[0] != '-') return i;
    if (takes_value(pm, w)) ++i;
  }
  return cmd.argv.size();
}

}  // namespace

void for_each_command(const Dockerfile& df,
                      const std::function<void(const Instruction& ins, const ShellCommand& cmd)>& fn) {
  for (const auto& ins : df.instructions) visit_instruction(ins, ins, fn);
}

void for_each_command_in_stage(
    const Dockerfile& df, const Stage& stage,
    const std::function<void(const Instruction& ins, const ShellCommand& cmd)>& fn) {
  for (size_t idx : stage.instructions) visit_instruction(df.instructions[idx], df.instructions[idx], fn);
}

std::vector<const Instruction*> stage_instructions(const Dockerfile& df, const Stage& stage) {
  std::vector<const Instruction*> out;
  for (size_t idx : stage.instructions) out.push_back(&df.instructions[idx]);
  return out;
}

std::vector<const Stage*> final_image_chain(const Dockerfile& df) {
  const Stage* final = df.final_stage();
  return final ? stage_chain(df, *final) : std::vector<const Stage*>{};
}

std::vector<const Stage*> stage_chain(const Dockerfile& df, const Stage& stage) {
  std::vector<const Stage*> chain;
  const Stage* s = &stage;
  while (s && chain.size() <= df.stages.size()) {
    chain.push_back(s);
    if (s->base_stage < 0 || s->base_stage >= s->index) break;
    s = &df.stages[static_cast<size_t>(s->base_stage)];
  }
  return chain;
}

// Walks the chain in place (indices strictly fall along it), without building it: called once per
// instruction, so a copy of a 10k-stage chain each time would be quadratic.
bool ships_in_final_image(const Dockerfile& df, const Instruction& ins) {
  if (ins.stage < 0) return false;
  const Stage* s = df.final_stage();
  while (s && s->index >= ins.stage) {
    if (s->index == ins.stage) return true;
    if (s->base_stage < 0 || s->base_stage >= s->index) return false;
    s = &df.stages[static_cast<size_t>(s->base_stage)];
  }
  return false;
}

const Instruction* effective_final_user(const Dockerfile& df) {
  for (const Stage* s : final_image_chain(df)) {
    for (auto it = s->instructions.rbegin(); it != s->instructions.rend(); ++it) {
      const Instruction& ins = df.instructions[*it];
      if (ins.kind == InstructionKind::kUser) return &ins;
    }
  }
  return nullptr;
}

PackageManager package_manager_of(const ShellCommand& cmd) {
  std::string n = cmd.name();
  if (n == "apt-get") return PackageManager::kAptGet;
  if (n == "apt") return PackageManager::kApt;
  if (n == "apk") return PackageManager::kApk;
  if (n == "yum") return PackageManager::kYum;
  if (n == "dnf" || n == "tdnf") return PackageManager::kDnf;
  if (n == "microdnf") return PackageManager::kMicrodnf;
  if (n == "zypper") return PackageManager::kZypper;
  if (n == "pip" || n == "pip3" || n.rfind("pip3.", 0) == 0) return PackageManager::kPip;
  if (n.rfind("python", 0) == 0 && cmd.argv.size() > 2 && cmd.argv[1].value == "-m" &&
      (cmd.argv[2].value == "pip" || cmd.argv[2].value == "pip3"))
    return PackageManager::kPip;
  if (n == "npm") return PackageManager::kNpm;
  if (n == "yarn") return PackageManager::kYarn;
  if (n == "gem") return PackageManager::kGem;
  return PackageManager::kNone;
}

std::string package_subcommand(const ShellCommand& cmd) {
  PackageManager pm = package_manager_of(cmd);
  if (pm == PackageManager::kNone) return "";
  size_t i = subcommand_index(cmd, pm);
  return i < cmd.argv.size() ? cmd.argv[i].value : "";
}

std::vector<const ShellWord*> installed_packages(const ShellCommand& cmd) {
  std::string sub = package_subcommand(cmd);
  if (sub != "install" && sub != "add" && sub != "in" && sub != "i") return {};
  return package_operands(cmd);
}

std::vector<const ShellWord*> package_operands(const ShellCommand& cmd) {
  std::vector<const ShellWord*> out;
  PackageManager pm = package_manager_of(cmd);
  size_t i = subcommand_index(cmd, pm);
  if (i >= cmd.argv.size()) return out;
  for (++i; i < cmd.argv.size(); ++i) {
    const std::string& w = cmd.argv[i].value;
    if (w.empty()) continue;
    if (w[0] == '-') {
      if (takes_value(pm, w)) ++i;
      continue;
    }
    out.push_back(&cmd.argv[i]);
  }
  return out;
}

}  // namespace customs
