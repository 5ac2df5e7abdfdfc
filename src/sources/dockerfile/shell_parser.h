#pragma once
// A POSIX-sh tokenizer good enough to find every simple command with its arguments in a RUN body:
// through &&, ||, ;, |, &, newlines, ( ) subshells, { } groups, $( ) and `...` substitutions,
// if/then/else/fi, for/while/until/do/done, case/esac, quotes (single, double, $'...'),
// backslash escapes, NAME=value prefixes, redirections, heredocs inside the script, and the
// string argument of `sh -c '...'` / `bash -c "..."` (parsed again, depth + 1, from_sh_c = true).
#include "core/diagnostics.h"
#include "core/location.h"
#include "model/shell.h"
#include "model/source_text.h"

namespace customs {

// `script` carries file positions; `file` names the file for diagnostics. Malformed input (an
// unterminated quote, an unbalanced parenthesis) gives a warning diagnostic and the commands
// found so far, never a crash. Nesting deeper than 64 levels is not followed.
ShellScript parse_shell(const SourceText& script, const std::string& file, Diagnostics& diags);

}  // namespace customs
