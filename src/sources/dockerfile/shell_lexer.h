#pragma once
// Character-level pieces of the shell parser: a cursor over one script text, character classes,
// operator tables and bounded scanners. Internal to sources/dockerfile.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "model/source_text.h"

namespace customs::shell {

// Nested lists ( ), { }, $( ), `...`, <( ) and sh -c strings deeper than this are skipped.
inline constexpr int kMaxNesting = 64;

struct PendingHeredoc {
  std::string delimiter;
  bool strip_tabs = false;  // <<-
  size_t at = 0;            // offset of the operator, for diagnostics
};

// A cursor over one script text (the RUN body, a backtick body, an sh -c string).
struct Lexer {
  explicit Lexer(const SourceText& s) : src(s), text(s.text) {}

  const SourceText& src;
  std::string_view text;
  size_t i = 0;
  std::vector<PendingHeredoc> heredocs;  // bodies start after the next newline token
  int open_parens = 0;                   // enclosing ( ) and $( ) lists on this text
  // Sorted offsets of $( ) and `...` that an outer shell already expanded (double-quoted
  // sh -c strings): their commands were emitted once and are only skipped here.
  const std::vector<size_t>* expanded = nullptr;

  bool at_end() const { return i >= text.size(); }
  char peek(size_t k = 0) const { return i + k < text.size() ? text[i + k] : '\0'; }
  // True when the unquoted word `w` is at the cursor, followed by a word break or the end.
  bool word_is(std::string_view w) const;
  bool was_expanded(size_t offset) const;
};

// Space, tab, carriage return.
bool is_blank(char c);
// Ends an unquoted word: blanks, newline and ; & | ( ) < >.
bool is_word_break(char c);
// 2 or 3 when a line continuation ("\\\n" or "\\\r\n") starts at `i`, else 0.
size_t continuation_len(std::string_view t, size_t i);
// Skips blanks, line continuations and a comment; stops at a newline, a token or the end.
void skip_blanks(Lexer& lx);
// True at "<(" or ">(" (a process substitution word).
bool starts_process_subst(const Lexer& lx);

enum class Control { kNone, kAnd, kOr, kPipe, kSeq, kBackground, kCaseEnd };
struct ControlOp {
  Control op = Control::kNone;
  size_t len = 0;
};
// The control operator at the cursor (&& || | |& ; & ;; ;& ;;&), or len 0.
ControlOp match_control(const Lexer& lx);
// Length of the redirection operator at the cursor including a leading fd number ("2>&" is 3), or 0.
size_t match_redirect(const Lexer& lx);
// The operator without its fd number: "2>>" -> ">>".
std::string_view redirect_op(std::string_view op);
// Offset just past the `close` balancing the first `open` at or after `at`, skipping quotes and
// escapes; npos when unbalanced. Iterative, linear.
size_t skip_balanced(std::string_view t, size_t at, char open, char close);

}  // namespace customs::shell
