#pragma once
// A shell script (RUN body, heredoc body, sh -c argument) split into simple commands.
#include <string>
#include <vector>

#include "model/source_text.h"

namespace customs {

struct ShellWord {
  std::string value;  // after quote removal; $VAR and $(...) kept literally
  std::string raw;    // as written, with quotes
  Span span;          // where the raw word is in the file
  bool quoted = false;
};

// How a command is joined to the one after it.
enum class ShellJoin { kEnd, kAnd, kOr, kSeq, kPipe, kBackground };

struct ShellCommand {
  std::vector<ShellWord> env;   // leading NAME=value assignments
  std::vector<ShellWord> argv;  // argv[0] is the command name (may be empty for bare assignments)
  // Redirections like "> /dev/null", "2>&1", "<<EOF" as written (operator and target).
  std::vector<ShellWord> redirects;
  ShellJoin join = ShellJoin::kEnd;  // operator after this command
  int pipeline = 0;        // commands joined by '|' share a pipeline number, unique within the script
  int depth = 0;           // 0 top level; +1 inside ( ), { }, $( ), `...`, sh -c '...', if/for/while bodies
  bool from_sh_c = false;  // found inside the string of sh|bash|dash|ash|zsh -c '...'

  // argv[0] without a leading path ("/usr/bin/apt-get" -> "apt-get"); "" when argv is empty.
  std::string name() const;
  // True when any argv word (after argv[0]) equals one of the given flags, e.g. {"-y", "--yes"}.
  // Also matches bundled short flags: "-qy" contains "-y".
  bool has_flag(std::initializer_list<std::string_view> flags) const;
  // First non-flag argument after argv[0] ("install" in "apt-get -q install x"), or "".
  std::string subcommand() const;
};

struct ShellScript {
  std::vector<ShellCommand> commands;  // in source order, nested ones included
  bool sets_pipefail = false;          // "set -o pipefail" / "set -eo pipefail" seen at depth 0
};

}  // namespace customs
