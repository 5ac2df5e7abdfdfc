#pragma once
// The Dockerfile syntax tree, as BuildKit's frontend (dockerfile:1) understands it.
// Built by sources/dockerfile/parser; read by the Dockerfile checks and the fixer.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/shell.h"
#include "model/source_text.h"

namespace customs {

enum class InstructionKind {
  kFrom,
  kRun,
  kCmd,
  kLabel,
  kMaintainer,
  kExpose,
  kEnv,
  kAdd,
  kCopy,
  kEntrypoint,
  kVolume,
  kUser,
  kWorkdir,
  kArg,
  kOnbuild,
  kStopsignal,
  kHealthcheck,
  kShell,
  kUnknown,
};

// Upper-case keyword ("RUN") for a kind; "" for kUnknown.
const char* keyword_of(InstructionKind kind);
// Case-insensitive lookup; kUnknown when the word is not an instruction.
InstructionKind instruction_kind_from(std::string_view word);

// "# syntax=docker/dockerfile:1", "# escape=`", "# check=skip=...;error=true".
struct Directive {
  std::string name;  // lower-case
  std::string value;
  Span span;
};

// A "--name=value" or "--name" flag before an instruction's arguments.
struct Flag {
  std::string name;   // without the dashes, lower-case: "from", "mount", "chown"
  std::string value;  // raw value as written (after variable expansion where BuildKit expands it)
  bool has_value = false;
  Span span;        // the whole "--name=value" word
  std::string raw;  // the whole word exactly as written ("--platform=$BUILDPLATFORM")
};

// A word of a shell-form argument list (COPY src dst, EXPOSE 80 443, USER app, VOLUME /a /b).
struct ArgWord {
  std::string raw;           // as written, quotes kept
  std::string value;         // quotes removed and variables expanded with the scope at this instruction
  bool expanded_all = true;  // false when a variable in it had no known value
  Span span;
};

// KEY=value pairs of ENV, LABEL and ARG (also the legacy "ENV KEY value" form).
struct KeyValue {
  std::string key;
  std::string raw_value;   // as written
  std::string value;       // quotes removed, variables expanded
  bool has_value = false;  // ARG NAME without "=" has none
  bool expanded_all = true;
  Span key_span;
  Span value_span;
};

// A here-document attached to RUN, COPY or ADD.
struct Heredoc {
  std::string delimiter;    // "EOF"
  bool quoted = false;      // <<"EOF" or <<'EOF': no expansion inside
  bool strip_tabs = false;  // <<-EOF
  SourceText body;          // lines between the opening line and the delimiter, with '\n's
  Span span;                // from "<<EOF" to the end of the closing delimiter line
};

struct Instruction {
  InstructionKind kind = InstructionKind::kUnknown;
  std::string keyword;  // as written ("run", "RUN")
  Span span;            // whole instruction, first line to last line (heredocs included)
  Span keyword_span;
  std::vector<Flag> flags;  // in order; see flag()
  SourceText args;          // everything after the flags, continuations joined, comment lines dropped

  // Exec (JSON) form: CMD ["a","b"]. json_form is true only when the argument text is a valid JSON
  // array of strings; then exec holds its elements.
  bool json_form = false;
  std::vector<std::string> exec;

  std::vector<ArgWord> words;     // shell-form words (non-RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD)
  std::vector<KeyValue> pairs;    // ENV, LABEL, ARG
  std::vector<Heredoc> heredocs;  // RUN/COPY/ADD <<EOF ...

  // RUN (and shell-form CMD/ENTRYPOINT/HEALTHCHECK CMD): the script split into commands. For a
  // RUN with heredocs whose first word is a heredoc (RUN <<EOF), the heredoc bodies are the script.
  ShellScript shell;

  std::unique_ptr<Instruction> onbuild;  // ONBUILD's inner instruction
  int stage = -1;                        // index into Dockerfile::stages; -1 before the first FROM

  // Case-insensitive flag lookup ("from" for --from); nullptr when absent. Last one wins.
  const Flag* flag(std::string_view name) const;
  // All values of a repeatable flag (--mount, --exclude).
  std::vector<const Flag*> flags_named(std::string_view name) const;
};

struct Stage {
  int index = 0;
  Span from_span;                    // the FROM instruction
  size_t from_instruction = 0;       // index into Dockerfile::instructions
  std::string base_raw;              // "python:${PY}-slim" as written
  std::string base;                  // after ARG expansion ("python:3.12-slim")
  bool base_resolved = true;         // false when a variable in base had no known value
  std::string name;                  // "AS builder" alias, lower-case; "" when none
  std::string platform;              // --platform value as written
  int base_stage = -1;               // index of the stage this FROM builds on ("FROM builder"), else -1
  std::vector<size_t> instructions;  // indices into Dockerfile::instructions, FROM included
  // Stages this one reads from: its base stage, COPY --from=<stage>, RUN --mount=from=<stage>.
  std::vector<int> depends_on;
  bool is_final = false;
  bool reaches_final = false;  // the final stage depends on this one, directly or not (final itself: true)
};

struct Dockerfile {
  std::string path;  // as given by the caller, for locations
  std::vector<Directive> directives;
  char escape = '\\';
  std::vector<Instruction> instructions;  // in file order, including global ARGs before FROM
  std::vector<Stage> stages;
  // Comments as written, by line: pragmas ("# customs ignore=...") are read from here.
  std::map<int, std::string> comments;
  std::string source;  // the bytes the tree was parsed from

  const Stage* final_stage() const { return stages.empty() ? nullptr : &stages.back(); }
  // A stage by alias (case-insensitive) or by decimal index; nullptr when none.
  const Stage* find_stage(std::string_view name_or_index) const;
};

}  // namespace customs
