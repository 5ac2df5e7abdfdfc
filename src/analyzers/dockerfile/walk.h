#pragma once
// Ways of walking a parsed Dockerfile that many checks share.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/dockerfile/check.h"

namespace customs {

// Every shell command of every RUN instruction (ONBUILD RUN included, reported with the ONBUILD
// instruction), in file order.
void for_each_command(const Dockerfile& df,
                      const std::function<void(const Instruction& ins, const ShellCommand& cmd)>& fn);

// Same, limited to one stage.
void for_each_command_in_stage(
    const Dockerfile& df, const Stage& stage,
    const std::function<void(const Instruction& ins, const ShellCommand& cmd)>& fn);

// Instructions of a stage in order (FROM first).
std::vector<const Instruction*> stage_instructions(const Dockerfile& df, const Stage& stage);

// True when the instruction is in the final stage or in a stage the final stage builds FROM
// (what ends up in the shipped image). Builder stages that are only copied from are false.
bool ships_in_final_image(const Dockerfile& df, const Instruction& ins);

// A stage and its chain of base stages (FROM <stage>), the given stage first.
std::vector<const Stage*> stage_chain(const Dockerfile& df, const Stage& stage);

// The stages whose instructions make up the final image's file system and config: the final
// stage and its chain of base stages (FROM <stage>), final stage first.
std::vector<const Stage*> final_image_chain(const Dockerfile& df);

// The last USER value in force for the final image (following FROM <stage> chains), with the
// instruction that set it; nullptr when no USER is set anywhere in the chain.
const Instruction* effective_final_user(const Dockerfile& df);

// Package managers recognised in RUN commands.
enum class PackageManager {
  kNone,
  kAptGet,
  kApt,
  kApk,
  kYum,
  kDnf,
  kMicrodnf,
  kZypper,
  kPip,
  kNpm,
  kYarn,
  kGem
};

// The package manager a command runs ("apt-get", "pip3", "python -m pip", "yum"...), kNone otherwise.
PackageManager package_manager_of(const ShellCommand& cmd);

// The arguments after the package manager's sub-command that are not flags (nor values of the
// common value-taking flags), whatever the sub-command; empty when there is none.
std::vector<const ShellWord*> package_operands(const ShellCommand& cmd);

// package_operands() of install sub-commands (install, add, in, i); empty for the others.
std::vector<const ShellWord*> installed_packages(const ShellCommand& cmd);

// The sub-command of a package manager invocation ("install", "update", "add" ...), skipping
// global flags and their values; "" when none.
std::string package_subcommand(const ShellCommand& cmd);

}  // namespace customs
