#pragma once
// Facts about RUN instructions and shell commands that the secret and hygiene checks share:
// package-manager operands, --mount options, file-system history of a stage chain, text edits.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/dockerfile/walk.h"
#include "findings/finding.h"

namespace customs {

// The RUN an instruction runs: itself for RUN, the inner RUN of ONBUILD RUN, else nullptr.
const Instruction* run_of(const Instruction& ins);

// Calls fn(outer, run) for every RUN (ONBUILD RUN included) in file order; `outer` is the
// instruction as written in the file, `run` the RUN whose script and flags apply.
void for_each_run(const Dockerfile& df,
                  const std::function<void(const Instruction& outer, const Instruction& run)>& fn);

// The index of `ins` in df.instructions (for "comes before" comparisons); npos for ONBUILD inners.
size_t instruction_index(const Dockerfile& df, const Instruction& ins);

// The instructions that built the file system `ins` runs on: every instruction of the base
// stages of its stage (FROM <stage> chains) and those of its own stage before it, in build order.
std::vector<const Instruction*> instructions_before(const Dockerfile& df, const Instruction& ins);

// The word holding a package manager's sub-command ("install"); nullptr when there is none.
const ShellWord* subcommand_word(const ShellCommand& cmd);

// Non-flag words after argv[0] (for cp, rm, cat ...). Flags stop at "--".
std::vector<const ShellWord*> plain_operands(const ShellCommand& cmd);

// Targets of output redirections ("> f", ">> f", "2> f"); "&1"-style duplications excluded.
std::vector<std::string> redirect_targets(const ShellCommand& cmd);

// One RUN --mount=... flag, split into its options. Defaults are applied: a secret mount without a
// target gets /run/secrets/<id>.
struct RunMount {
  std::string type = "bind";
  std::string target;
  std::string id;
  std::string from;
  const Flag* flag = nullptr;
};
std::vector<RunMount> run_mounts(const Instruction& run);
// True when the RUN has a cache mount whose target starts with one of the prefixes.
bool has_cache_mount(const Instruction& run, std::initializer_list<std::string_view> target_prefixes);

// True when some `rm` in the script removes a path starting with one of the prefixes.
bool script_removes(const ShellScript& script, std::initializer_list<std::string_view> prefixes);

// Last path component ("a/b/" -> "b"); "" for "/".
std::string last_path_component(std::string_view path);

// The span from the first to the last word of a command (argv and redirections).
Span command_span(const ShellCommand& cmd);
// The command as written, words joined by one space, cut at 200 bytes.
std::string command_text(const ShellCommand& cmd);

// Edits: insert `text` right after `span`, or replace `span` with `text`.
TextEdit insert_after(const Span& span, std::string text);
TextEdit replace_span(const Span& span, std::string text);

// True when the value is a whole-word variable reference: "$X", "${X}", "${X:-y}".
bool is_variable_reference(std::string_view value);

}  // namespace customs
