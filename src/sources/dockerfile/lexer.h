#pragma once
// Dockerfile lexer: bytes to parser directives, comments and logical instruction lines, as
// BuildKit's parser.Parse does it:
// - directives (# syntax= / # escape= / # check=) only before any other line, blank lines included;
// - a line ending in the escape character (then optional blanks) continues on the next line; the
//   escape and the blanks after it are removed and the next line is appended as is, without a
//   newline, so "RUN a \" + "  b" becomes "RUN a   b" (one-line shape, every byte keeps its
//   original line and column);
// - comment lines and blank lines inside a continued instruction are dropped;
// - RUN, COPY and ADD (also after ONBUILD) words of the form <<EOF, <<-EOF, <<"EOF", 2<<EOF open
//   heredocs whose bodies follow the instruction line, in order.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "model/dockerfile.h"

namespace customs::df {

struct LogicalLine {
  SourceText text;                // keyword to end of line, continuations joined
  Span span;                      // first byte to the end of the last line (heredocs included)
  std::vector<Heredoc> heredocs;  // bodies already read
  // Closing delimiter line of each heredoc; for an unterminated one, the delimiter placed at the
  // end of the body.
  std::vector<SourceText> terminators;
  bool empty_continuation = false;  // a blank line was skipped inside the continuation
};

struct LexedFile {
  std::vector<Directive> directives;
  char escape = '\\';
  std::map<int, std::string> comments;
  std::vector<LogicalLine> lines;
};

// `source` must not start with a byte-order mark (the caller strips it). Stops with an error
// diagnostic after `max_lines` logical lines.
LexedFile lex_dockerfile(std::string_view source, const std::string& path, Diagnostics& diags,
                         size_t max_lines);

// Heredoc openers on a joined instruction line, in order (delimiter, quoted, strip_tabs and the
// span of the "<<EOF" word are set; bodies are not). Empty unless the instruction takes heredocs.
std::vector<Heredoc> heredoc_openers(const SourceText& line);

}  // namespace customs::df
