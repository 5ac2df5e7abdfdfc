// Reserved words (if/while/until/for/case/{ }/function) and command-level helpers.
#include "sources/dockerfile/shell_parser_impl.h"

namespace customs::shell {
namespace {

constexpr Keyword kKeywords[] = {
    {"if", KeywordKind::kOpen, 'i'},
    {"while", KeywordKind::kOpen, 'l'},
    {"until", KeywordKind::kOpen, 'l'},
    {"for", KeywordKind::kFor, 'l'},
    {"select", KeywordKind::kFor, 'l'},
    {"case", KeywordKind::kCase, 'C'},
    {"then", KeywordKind::kSkip, 0},
    {"else", KeywordKind::kSkip, 0},
    {"elif", KeywordKind::kSkip, 0},
    {"do", KeywordKind::kSkip, 0},
    {"!", KeywordKind::kSkip, 0},
    {"fi", KeywordKind::kClose, 0},
    {"done", KeywordKind::kClose, 0},
    {"esac", KeywordKind::kClose, 0},
    {"{", KeywordKind::kGroup, 0},
    {"}", KeywordKind::kGroupEnd, 0},
    {"function", KeywordKind::kFunction, 0},
};

constexpr std::string_view kShells[] = {"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"};
constexpr std::string_view kWrappers[] = {"sudo", "env", "exec", "nohup", "time", "command", "nice", "xargs"};
// Wrapper options that take a separate argument (sudo -u USER, xargs -I {}, xargs -n 1).
constexpr std::string_view kWrapperArgFlags[] = {"-u", "-g", "-I", "-n", "-P", "-L", "-d", "-E", "-a"};
// Shell options that take a separate argument (bash -o pipefail, su -s /bin/sh).
constexpr std::string_view kShellArgFlags[] = {"-o", "+o", "-O", "+O"};
constexpr std::string_view kSuArgFlags[] = {"-s", "-g", "-G", "-w"};

template <size_t N>
bool one_of(std::string_view v, const std::string_view (&set)[N]) {
  for (std::string_view s : set) {
    if (v == s) return true;
  }
  return false;
}

bool is_name_char(char c, bool first) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
}

std::string_view basename(std::string_view v) {
  size_t slash = v.rfind('/');
  return slash == std::string_view::npos ? v : v.substr(slash + 1);
}

}  // namespace

const Keyword* find_keyword(std::string_view w) {
  for (const Keyword& k : kKeywords) {
    if (k.word == w) return &k;
  }
  return nullptr;
}

bool is_assignment(std::string_view raw) {
  size_t k = 0;
  while (k < raw.size() && is_name_char(raw[k], k == 0)) ++k;
  if (k == 0 || k >= raw.size()) return false;
  return raw[k] == '=' || (raw[k] == '+' && k + 1 < raw.size() && raw[k + 1] == '=');
}

bool sets_pipefail(const ShellCommand& cmd) {
  if (cmd.name() != "set") return false;
  for (size_t k = 1; k + 1 < cmd.argv.size(); ++k) {
    const std::string& v = cmd.argv[k].value;
    bool short_flags = v.size() >= 2 && v[0] == '-' && v[1] != '-';
    if (short_flags && v.find('o') != std::string::npos && cmd.argv[k + 1].value == "pipefail") return true;
  }
  return false;
}

void ShcScan::feed(std::string_view value, size_t begin, size_t end) {
  switch (state_) {
    case State::kCommand:
    case State::kWrapper: command(value); return;
    case State::kWrapperArg: state_ = State::kWrapper; return;
    case State::kFlagArg: state_ = State::kFlags; return;
    case State::kFlags: flag(value); return;
    case State::kString:
      found_ = true;
      begin_ = begin;
      end_ = end;
      state_ = State::kDone;
      return;
    case State::kDone: return;
  }
}

void ShcScan::command(std::string_view value) {
  if (state_ == State::kWrapper) {
    if (!value.empty() && value[0] == '-') {
      if (one_of(value, kWrapperArgFlags)) state_ = State::kWrapperArg;
      return;
    }
    if (is_assignment(value)) return;
  }
  std::string_view name = basename(value);
  su_ = name == "su";
  if (su_ || one_of(name, kShells)) {
    state_ = State::kFlags;
  } else {
    state_ = one_of(name, kWrappers) ? State::kWrapper : State::kDone;
  }
}

void ShcScan::flag(std::string_view value) {
  if (su_ && value == "--command") {
    state_ = State::kString;
  } else if (value.size() >= 2 && (value[0] == '-' || value[0] == '+') && value[1] != '-') {
    if (one_of(value, kShellArgFlags) || (su_ && one_of(value, kSuArgFlags))) {
      state_ = State::kFlagArg;
    } else if (value[0] == '-' && value.find('c') != std::string_view::npos) {
      state_ = State::kString;
    }
  } else if (!(value.size() >= 2 && value[0] == '-') && !su_) {
    state_ = State::kDone;  // a script file: no -c string
  }
}

void Parser::keyword(Lexer& lx, Ctx ctx, ListState& st, const Keyword& kw, size_t at) {
  st.pending = -1;
  st.in_pipe = false;
  if (kw.block != 0) {
    if (st.blocks.empty()) st.block_at = at;
    st.blocks.push_back(kw.block);
  }
  switch (kw.kind) {
    case KeywordKind::kSkip:
    case KeywordKind::kOpen:
    case KeywordKind::kGroupEnd: return;  // a '}' closing no group here
    case KeywordKind::kClose:
      if (!st.blocks.empty()) st.blocks.pop_back();
      skip_redirects(lx, ctx);
      st.last = -1;
      return;
    case KeywordKind::kFor: for_header(lx, ctx); return;
    case KeywordKind::kCase: case_header(lx, ctx); return;
    case KeywordKind::kGroup: group(lx, ctx, st, at); return;
    case KeywordKind::kFunction:
      skip_blanks(lx);
      skip_word(lx, ctx);
      return;
  }
}

void Parser::skip_word(Lexer& lx, Ctx ctx) {
  if (lx.at_end() || (is_word_break(lx.peek()) && !starts_process_subst(lx))) return;
  ShellWord w;
  ++quiet_;
  lex_word(lx, ctx, w, nullptr);
  --quiet_;
}

// for NAME [in WORDS] ; | for ((...)) : the words are not a command, but substitutions in
// them are parsed.
void Parser::for_header(Lexer& lx, Ctx ctx) {
  skip_blanks(lx);
  if (lx.peek() == '(' && lx.peek(1) == '(') {
    size_t end = skip_balanced(lx.text, lx.i, '(', ')');
    if (end == std::string_view::npos)
      diag(lx, lx.i, "shell.unterminated-substitution", "unterminated ((...))");
    lx.i = std::min(end, lx.text.size());
    return;
  }
  skip_word(lx, ctx);
  for (skip_blanks(lx); lx.peek() == '\n'; skip_blanks(lx)) ++lx.i;
  if (!lx.word_is("in")) return;
  lx.i += 2;
  for (skip_blanks(lx); !lx.at_end() && !is_word_break(lx.peek()); skip_blanks(lx)) {
    ShellWord w;
    lex_word(lx, ctx, w, nullptr);
  }
}

// case WORD in: the subject's substitutions are parsed; patterns come next.
void Parser::case_header(Lexer& lx, Ctx ctx) {
  skip_blanks(lx);
  if (!lx.at_end() && !is_word_break(lx.peek())) {
    ShellWord w;
    lex_word(lx, ctx, w, nullptr);
  }
  for (skip_blanks(lx); lx.peek() == '\n'; skip_blanks(lx)) ++lx.i;
  if (lx.word_is("in")) lx.i += 2;
}

// Skips "[(] pattern [| pattern]... )" or consumes the closing "esac".
void Parser::case_pattern(Lexer& lx, Ctx ctx, ListState& st) {
  for (skip_blanks(lx); !lx.at_end(); skip_blanks(lx)) {
    if (lx.word_is("esac")) {
      lx.i += 4;
      st.blocks.pop_back();
      skip_redirects(lx, ctx);
      return;
    }
    char c = lx.peek();
    if (c == ')') {
      ++lx.i;
      st.blocks.back() = 'c';
      return;
    }
    if (is_word_break(c)) {
      ++lx.i;  // '(' '|' newlines, or stray operators
    } else {
      skip_word(lx, ctx);
    }
  }
}

void Parser::group(Lexer& lx, Ctx ctx, ListState& st, size_t at) {
  if (ctx.level + 1 > kMaxNesting) {
    too_deep(lx, at);
    return;
  }
  if (!parse_list(lx, ctx.child(), Stop::kBrace)) {
    diag(lx, at, "shell.unterminated-group", "'{' without a closing '}'");
  }
  after_compound(lx, ctx, st);
}

}  // namespace customs::shell
