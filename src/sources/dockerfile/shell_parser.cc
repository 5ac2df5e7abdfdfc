// Lists and simple commands. Commands are emitted in source order: a command's slot is reserved
// before its words are read, so commands nested in its words ($( ), `...`, <( )) follow it.
#include "sources/dockerfile/shell_parser.h"

#include <algorithm>

#include "sources/dockerfile/shell_parser_impl.h"

namespace customs {
namespace shell {
namespace {

ShellJoin join_of(Control op) {
  switch (op) {
    case Control::kAnd: return ShellJoin::kAnd;
    case Control::kOr: return ShellJoin::kOr;
    case Control::kPipe: return ShellJoin::kPipe;
    case Control::kBackground: return ShellJoin::kBackground;
    default: return ShellJoin::kSeq;
  }
}

bool is_heredoc_op(std::string_view op) { return op == "<<" || op == "<<-"; }

}  // namespace

ShellScript Parser::run(const SourceText& script) {
  Lexer lx(script);
  parse_list(lx, Ctx{}, Stop::kEnd);
  size_t kept = 0;
  for (size_t k = 0; k < out_.commands.size(); ++k) {
    if (dead_[k]) continue;
    if (kept != k) out_.commands[kept] = std::move(out_.commands[k]);
    ++kept;
  }
  out_.commands.resize(kept);
  return std::move(out_);
}

// Parses commands until `stop` closes the list (consumed) or the text ends. Returns false when
// the closing ')' or '}' was not found.
bool Parser::parse_list(Lexer& lx, Ctx ctx, Stop stop) {
  lx.open_parens += stop == Stop::kParen;
  bool closed = list_body(lx, ctx, stop);
  lx.open_parens -= stop == Stop::kParen;
  return closed;
}

bool Parser::list_body(Lexer& lx, Ctx ctx, Stop stop) {
  ListState st;
  for (;;) {
    skip_blanks(lx);
    if (lx.at_end()) return end_list(lx, st, stop == Stop::kEnd);
    Ctx here{ctx.depth + static_cast<int>(st.blocks.size()), ctx.level, ctx.sh_c};
    if (!st.blocks.empty() && st.blocks.back() == 'C') {
      case_pattern(lx, here, st);
      continue;
    }
    char c = lx.peek();
    if (c == '\n') {
      ++lx.i;
      read_heredocs(lx);
      control(st, Control::kSeq);
      continue;
    }
    if (c == ')') {
      if (stop == Stop::kParen) {
        ++lx.i;
        return end_list(lx, st, true);
      }
      if (lx.open_parens > 0) return end_list(lx, st, false);  // closes an enclosing ( ) or $( )
      diag(lx, lx.i++, "shell.unbalanced-paren", "unmatched ')'");
      continue;
    }
    if (ControlOp op = match_control(lx); op.len > 0) {
      lx.i += op.len;
      control(st, op.op);
      continue;
    }
    if (c == '(') {
      subshell(lx, here, st);
      continue;
    }
    size_t at = lx.i;
    const Keyword* kw = parse_simple(lx, here, st);
    if (kw == nullptr) continue;
    if (kw->kind == KeywordKind::kGroupEnd && stop == Stop::kBrace) return end_list(lx, st, true);
    keyword(lx, here, st, *kw, at);
  }
}

bool Parser::end_list(Lexer& lx, ListState& st, bool ok) {
  if (st.last >= 0 && out_.commands[st.last].join == ShellJoin::kSeq)
    out_.commands[st.last].join = ShellJoin::kEnd;
  list_last_ = st.last;
  if (!st.blocks.empty()) {
    diag(lx, st.block_at, "shell.unterminated-block",
         "'if', 'for', 'while' or 'case' without its closing word");
  }
  return ok;
}

// Reads words and redirections up to an operator, newline, ')' or the end. Returns the reserved
// word when the first word is one (nothing is emitted then).
const Keyword* Parser::parse_simple(Lexer& lx, Ctx ctx, ListState& st) {
  long slot = reserve();
  ShellCommand cmd;
  cmd.depth = ctx.depth;
  cmd.from_sh_c = ctx.sh_c;
  ShcScan shc;
  bool test = false;  // inside [[ ... ]], where && || < > ( ) are words
  for (skip_blanks(lx); !lx.at_end(); skip_blanks(lx)) {
    char c = lx.peek();
    if (test && test_operator(lx, cmd)) continue;
    if (size_t n = match_redirect(lx)) {
      lex_redirect(lx, ctx, n, cmd.redirects.emplace_back());
      continue;
    }
    if (is_word_break(c) && !starts_process_subst(lx)) {
      bool function_def = c == '(' && cmd.argv.size() == 1 && cmd.env.empty() && cmd.redirects.empty();
      size_t close = lx.i + 1;
      while (close < lx.text.size() && is_blank(lx.text[close])) ++close;
      if (!function_def || close >= lx.text.size() || lx.text[close] != ')') break;
      lx.i = close + 1;  // name() { ...; }: a definition, not a command
      release(slot);
      return nullptr;
    }
    size_t begin = lx.i;
    ShellWord w;
    lex_word(lx, ctx, w, nullptr);
    bool first = cmd.argv.empty() && cmd.env.empty() && cmd.redirects.empty();
    if (first && !w.quoted) {
      if (const Keyword* kw = find_keyword(w.value)) {
        release(slot);
        return kw;
      }
    }
    if (cmd.argv.empty() && is_assignment(w.raw)) {
      cmd.env.push_back(std::move(w));
      continue;
    }
    test = cmd.argv.empty() ? (w.value == "[[" && !w.quoted) : test && w.value != "]]";
    shc.feed(w.value, begin, lx.i);
    cmd.argv.push_back(std::move(w));
  }
  if (commit(slot, std::move(cmd), st) && shc.found()) parse_sh_c(lx, shc.begin(), shc.end(), ctx);
  return nullptr;
}

// Inside [[ ... ]]: newlines are blanks and && || < > ( ) are words of the test.
bool Parser::test_operator(Lexer& lx, ShellCommand& cmd) {
  char c = lx.peek();
  if (c == '\n') {
    ++lx.i;
    return true;
  }
  if (c != '&' && c != '|' && c != '<' && c != '>' && c != '(' && c != ')') return false;
  size_t len = (c == '&' || c == '|') && lx.peek(1) == c ? 2 : 1;
  std::string op(lx.text.substr(lx.i, len));
  cmd.argv.push_back(ShellWord{op, op, lx.src.span(lx.i, lx.i + len), false});
  lx.i += len;
  return true;
}

bool Parser::commit(long slot, ShellCommand cmd, ListState& st) {
  if (slot < 0) return false;
  if (cmd.argv.empty() && cmd.env.empty() && cmd.redirects.empty()) {
    release(slot);
    return false;
  }
  cmd.pipeline = st.in_pipe && st.pipe_id >= 0 ? st.pipe_id : next_pipeline_++;
  if (cmd.depth == 0 && sets_pipefail(cmd)) out_.sets_pipefail = true;
  st.in_pipe = false;
  st.pending = st.last = slot;
  out_.commands[slot] = std::move(cmd);
  return true;
}

void Parser::control(ListState& st, Control op) {
  ShellJoin join = join_of(op);
  if (st.pending >= 0) {
    out_.commands[st.pending].join = join;
    st.pipe_id = out_.commands[st.pending].pipeline;
  } else if (op != Control::kSeq) {
    st.pipe_id = -1;
  }
  if (op != Control::kSeq || st.pending >= 0) st.in_pipe = op == Control::kPipe;
  st.pending = -1;
  if (op == Control::kCaseEnd && !st.blocks.empty() && st.blocks.back() == 'c') st.blocks.back() = 'C';
}

// ( list ) or (( arithmetic )).
void Parser::subshell(Lexer& lx, Ctx ctx, ListState& st) {
  size_t open = lx.i;
  bool arithmetic = lx.peek(1) == '(';
  if (arithmetic || ctx.level + 1 > kMaxNesting) {
    if (!arithmetic) too_deep(lx, open);
    size_t end = skip_balanced(lx.text, open, '(', ')');
    if (end == std::string_view::npos) diag(lx, open, "shell.unbalanced-paren", "'(' without a closing ')'");
    lx.i = std::min(end, lx.text.size());
    skip_redirects(lx, ctx);
    st.pending = st.last = -1;
  } else {
    ++lx.i;
    if (!parse_list(lx, ctx.child(), Stop::kParen)) {
      diag(lx, open, "shell.unbalanced-paren", "'(' without a closing ')'");
    }
    after_compound(lx, ctx, st);
  }
  st.in_pipe = false;
}

// The operator after "( ... )" or "{ ...; }" joins the last command inside it.
void Parser::after_compound(Lexer& lx, Ctx ctx, ListState& st) {
  long inner = list_last_;
  if (inner >= 0 && out_.commands[inner].join != ShellJoin::kEnd) inner = -1;
  skip_redirects(lx, ctx);
  st.pending = st.last = inner;
}

// One redirection as a word: value is the operator and the target's value ("2>&1", ">/dev/null"),
// raw and span cover both as written.
void Parser::lex_redirect(Lexer& lx, Ctx ctx, size_t op_len, ShellWord& w) {
  size_t begin = lx.i;
  std::string_view op = lx.text.substr(begin, op_len);
  w.value.assign(op);
  lx.i += op_len;
  size_t end = lx.i;
  skip_blanks(lx);
  if (!lx.at_end() && (!is_word_break(lx.peek()) || starts_process_subst(lx))) {
    ShellWord target;
    lex_word(lx, ctx, target, nullptr);
    w.value += target.value;
    w.quoted = target.quoted;
    end = lx.i;
    if (is_heredoc_op(redirect_op(op)) && !target.value.empty()) {
      lx.heredocs.push_back(PendingHeredoc{target.value, redirect_op(op) == "<<-", begin});
    }
  }
  w.raw.assign(lx.text.substr(begin, end - begin));
  w.span = lx.src.span(begin, end);
}

// Redirections after a compound command ("done < file", "} > log") belong to no simple command.
void Parser::skip_redirects(Lexer& lx, Ctx ctx) {
  skip_blanks(lx);
  while (size_t n = match_redirect(lx)) {
    ShellWord w;
    lex_redirect(lx, ctx, n, w);
    skip_blanks(lx);
  }
}

// Called just after a newline: skips the bodies of the heredocs opened on the line before.
void Parser::read_heredocs(Lexer& lx) {
  for (const PendingHeredoc& h : lx.heredocs) {
    bool found = false;
    while (!found && !lx.at_end()) {
      size_t eol = std::min(lx.text.find('\n', lx.i), lx.text.size());
      std::string_view line = lx.text.substr(lx.i, eol - lx.i);
      lx.i = std::min(eol + 1, lx.text.size());
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      while (h.strip_tabs && !line.empty() && line[0] == '\t') line.remove_prefix(1);
      found = line == h.delimiter;
    }
    if (!found) {
      diag(lx, h.at, "shell.unterminated-heredoc", "here-document without its closing delimiter line");
      break;  // the text has ended: the others are unterminated too
    }
  }
  lx.heredocs.clear();
}

// The string of sh -c is re-read with its file positions and parsed as its own script.
void Parser::parse_sh_c(const Lexer& lx, size_t begin, size_t end, Ctx ctx) {
  if (ctx.level + 1 > kMaxNesting) {
    too_deep(lx, begin);
    return;
  }
  Lexer again(lx.src);
  again.i = begin;
  Capture cap;
  ShellWord w;
  ++quiet_;
  lex_word(again, ctx, w, &cap);
  --quiet_;
  SourceText text{std::move(w.value), std::move(cap.pos)};
  Lexer inner(text);
  inner.expanded = &cap.expanded;
  parse_list(inner, Ctx{ctx.depth + 1, ctx.level + 1, true}, Stop::kEnd);
}

long Parser::reserve() {
  if (quiet_ > 0) return -1;
  out_.commands.emplace_back();
  dead_.push_back(0);
  return static_cast<long>(out_.commands.size()) - 1;
}

void Parser::release(long slot) {
  if (slot < 0) return;
  if (static_cast<size_t>(slot) + 1 == out_.commands.size()) {
    out_.commands.pop_back();
    dead_.pop_back();
  } else {
    dead_[slot] = 1;
  }
}

void Parser::diag(const Lexer& lx, size_t at, const char* code, const char* message) {
  if (quiet_ > 0) return;
  Pos p = lx.src.at(at);
  Location where;
  where.file = file_;
  where.line = p.line;
  where.column = p.column;
  diags_.warning(code, message, std::move(where));
}

void Parser::too_deep(const Lexer& lx, size_t at) {
  if (warned_deep_ || quiet_ > 0) return;
  warned_deep_ = true;
  diag(lx, at, "shell.too-deep", "shell nesting deeper than 64 levels is not followed");
}

}  // namespace shell

ShellScript parse_shell(const SourceText& script, const std::string& file, Diagnostics& diags) {
  // Nested substitutions keep the rest of the text in each level's word, so memory grows with
  // size x depth; bounding the size keeps the worst case (64 levels) near 64 MiB.
  constexpr size_t kMaxScriptBytes = size_t{1} << 20;
  if (script.text.size() > kMaxScriptBytes) {
    Location at{file, script.at(0).line, script.at(0).column};
    diags.warning("shell.too-large",
                  "shell script of " + std::to_string(script.text.size()) +
                      " bytes is over the 1 MiB limit and was not split into commands",
                  at);
    return {};
  }
  shell::Parser parser(file, diags);
  return parser.run(script);
}

}  // namespace customs
