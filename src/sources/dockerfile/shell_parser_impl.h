#pragma once
// The recursive-descent shell parser behind parse_shell(). Internal to sources/dockerfile:
//   shell_parser.cc  lists, simple commands, subshells, heredocs, sh -c
//   shell_compound.cc  reserved words (if/for/while/case/{ }/function) and command helpers
//   shell_words.cc  words: quotes, escapes, $( ), ${ }, `...`, <( )
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "model/shell.h"
#include "sources/dockerfile/shell_lexer.h"

namespace customs::shell {

enum class Stop { kEnd, kParen, kBrace };  // what closes a list

struct Ctx {
  int depth = 0;  // ShellCommand::depth of commands parsed here
  int level = 0;  // recursion level, bounded by kMaxNesting
  bool sh_c = false;
  Ctx child() const { return Ctx{depth + 1, level + 1, sh_c}; }
};

// Per-list state: open compound commands and the last command awaiting its join operator.
struct ListState {
  std::string blocks;   // 'i' if, 'l' loop, 'c' case body, 'C' case expecting a pattern
  size_t block_at = 0;  // offset of the outermost open block
  long pending = -1;    // command whose join operator comes next
  long last = -1;       // last command directly in this list, until a compound follows
  int pipe_id = -1;     // pipeline of the command before '|'
  bool in_pipe = false;
};

enum class KeywordKind : uint8_t { kSkip, kOpen, kClose, kFor, kCase, kGroup, kGroupEnd, kFunction };
struct Keyword {
  std::string_view word;
  KeywordKind kind;
  char block;  // pushed on ListState::blocks by kOpen/kFor/kCase
};
// The reserved word `w`, or nullptr.
const Keyword* find_keyword(std::string_view w);
// NAME=value or NAME+=value with an unquoted name.
bool is_assignment(std::string_view raw);
// "set -o pipefail", "set -euxo pipefail".
bool sets_pipefail(const ShellCommand& cmd);

// Finds the command string of sh/bash/dash/ash/zsh/ksh -c '...' and su -c '...', also behind
// sudo, env, exec, nohup, time, command, nice and xargs. Fed every argv word in order.
class ShcScan {
 public:
  void feed(std::string_view value, size_t begin, size_t end);
  bool found() const { return found_; }
  size_t begin() const { return begin_; }
  size_t end() const { return end_; }

 private:
  enum class State : uint8_t { kCommand, kWrapper, kWrapperArg, kFlags, kFlagArg, kString, kDone };
  void command(std::string_view value);
  void flag(std::string_view value);
  State state_ = State::kCommand;
  bool su_ = false;
  bool found_ = false;
  size_t begin_ = 0, end_ = 0;
};

// A word's value and, for sh -c strings, where each of its bytes came from.
struct Capture {
  std::vector<Pos> pos;
  std::vector<size_t> expanded;  // value offsets of $( ) and `...` literals
};

struct Sink {
  const SourceText& src;
  ShellWord& w;
  Capture* cap;
  void put(char c, size_t from) {
    w.value.push_back(c);
    if (cap) cap->pos.push_back(src.at(from));
  }
  void put_range(size_t begin, size_t end);
  void mark_substitution() {
    if (cap) cap->expanded.push_back(w.value.size());
  }
};

class Parser {
 public:
  Parser(const std::string& file, Diagnostics& diags) : file_(file), diags_(diags) {}
  ShellScript run(const SourceText& script);

 private:
  // shell_parser.cc
  bool parse_list(Lexer& lx, Ctx ctx, Stop stop);
  bool list_body(Lexer& lx, Ctx ctx, Stop stop);
  bool end_list(Lexer& lx, ListState& st, bool ok);
  const Keyword* parse_simple(Lexer& lx, Ctx ctx, ListState& st);
  bool test_operator(Lexer& lx, ShellCommand& cmd);
  bool commit(long slot, ShellCommand cmd, ListState& st);  // false when nothing was emitted
  void control(ListState& st, Control op);
  void subshell(Lexer& lx, Ctx ctx, ListState& st);
  void after_compound(Lexer& lx, Ctx ctx, ListState& st);
  void lex_redirect(Lexer& lx, Ctx ctx, size_t op_len, ShellWord& w);
  void skip_redirects(Lexer& lx, Ctx ctx);
  void read_heredocs(Lexer& lx);
  void parse_sh_c(const Lexer& lx, size_t begin, size_t end, Ctx ctx);
  long reserve();
  void release(long slot);
  void diag(const Lexer& lx, size_t at, const char* code, const char* message);
  void too_deep(const Lexer& lx, size_t at);

  // shell_compound.cc
  void keyword(Lexer& lx, Ctx ctx, ListState& st, const Keyword& kw, size_t at);
  void for_header(Lexer& lx, Ctx ctx);
  void case_header(Lexer& lx, Ctx ctx);
  void case_pattern(Lexer& lx, Ctx ctx, ListState& st);
  void group(Lexer& lx, Ctx ctx, ListState& st, size_t at);
  void skip_word(Lexer& lx, Ctx ctx);

  // shell_words.cc
  void lex_word(Lexer& lx, Ctx ctx, ShellWord& w, Capture* cap);
  void backslash(Lexer& lx, Sink& out);
  void single_quote(Lexer& lx, Sink& out);
  void double_quote(Lexer& lx, Ctx ctx, Sink& out);
  void ansi_c_quote(Lexer& lx, Sink& out);
  void dollar(Lexer& lx, Ctx ctx, Sink& out, bool in_dq);
  void backtick(Lexer& lx, Ctx ctx, Sink& out, bool in_dq);
  void substitution(Lexer& lx, Ctx ctx, Sink& out, const char* what);

  const std::string& file_;
  Diagnostics& diags_;
  ShellScript out_;
  std::vector<uint8_t> dead_;  // per out_.commands: slot released after nested commands followed it
  long list_last_ = -1;        // ListState::last of the list that ended most recently
  int next_pipeline_ = 0;
  int quiet_ = 0;  // > 0: re-scanning text already parsed; nothing is emitted or reported
  bool warned_deep_ = false;
};

}  // namespace customs::shell
