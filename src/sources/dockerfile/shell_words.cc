// Words: quote removal and escapes; substitutions are kept literally in the value while the
// commands inside them are parsed (and emitted) as nested lists.
#include <algorithm>

#include "sources/dockerfile/shell_parser_impl.h"

namespace customs::shell {
namespace {

constexpr size_t npos = std::string_view::npos;

// $'...' escapes with a one-character meaning; others keep their backslash.
constexpr std::string_view kAnsiFrom = "ntrabeEfv\\'\"?";
constexpr std::string_view kAnsiTo = "\n\t\r\a\b\x1b\x1b\f\v\\'\"?";

}  // namespace

void Sink::put_range(size_t begin, size_t end) {
  end = std::min(end, src.text.size());
  if (begin >= end) return;
  w.value.append(src.text, begin, end - begin);
  if (cap) {
    for (size_t k = begin; k < end; ++k) cap->pos.push_back(src.at(k));
  }
}

void Parser::lex_word(Lexer& lx, Ctx ctx, ShellWord& w, Capture* cap) {
  size_t begin = lx.i;
  Sink out{lx.src, w, cap};
  if (starts_process_subst(lx)) {
    lx.i += 2;
    substitution(lx, ctx, out, "unterminated process substitution");
  }
  while (!lx.at_end()) {
    char c = lx.peek();
    if (is_word_break(c)) break;
    switch (c) {
      case '\\': backslash(lx, out); break;
      case '\'': single_quote(lx, out); break;
      case '"': double_quote(lx, ctx, out); break;
      case '$': dollar(lx, ctx, out, false); break;
      case '`': backtick(lx, ctx, out, false); break;
      default: out.put(c, lx.i++);
    }
  }
  w.raw.assign(lx.text.substr(begin, lx.i - begin));
  w.span = lx.src.span(begin, lx.i);
}

void Parser::backslash(Lexer& lx, Sink& out) {
  if (size_t k = continuation_len(lx.text, lx.i)) {
    lx.i += k;
  } else if (lx.i + 1 < lx.text.size()) {
    out.w.quoted = true;
    out.put(lx.text[lx.i + 1], lx.i + 1);
    lx.i += 2;
  } else {
    out.put('\\', lx.i++);
  }
}

void Parser::single_quote(Lexer& lx, Sink& out) {
  size_t open = lx.i++;
  out.w.quoted = true;
  size_t close = lx.text.find('\'', lx.i);
  if (close == npos) {
    diag(lx, open, "shell.unterminated-quote", "unterminated single quote");
    close = lx.text.size();
  }
  out.put_range(lx.i, close);
  lx.i = std::min(close + 1, lx.text.size());
}

void Parser::double_quote(Lexer& lx, Ctx ctx, Sink& out) {
  size_t open = lx.i++;
  out.w.quoted = true;
  while (!lx.at_end()) {
    char c = lx.peek();
    if (c == '"') {
      ++lx.i;
      return;
    }
    if (c == '\\') {
      char n = lx.peek(1);
      if (size_t k = continuation_len(lx.text, lx.i)) {
        lx.i += k;
      } else if (n == '$' || n == '`' || n == '"' || n == '\\') {
        out.put(n, lx.i + 1);
        lx.i += 2;
      } else {
        out.put('\\', lx.i++);
      }
    } else if (c == '$') {
      dollar(lx, ctx, out, true);
    } else if (c == '`') {
      backtick(lx, ctx, out, true);
    } else {
      out.put(c, lx.i++);
    }
  }
  diag(lx, open, "shell.unterminated-quote", "unterminated double quote");
}

void Parser::ansi_c_quote(Lexer& lx, Sink& out) {
  size_t open = lx.i;
  lx.i += 2;
  out.w.quoted = true;
  while (!lx.at_end()) {
    char c = lx.peek();
    if (c == '\'') {
      ++lx.i;
      return;
    }
    if (c == '\\' && lx.i + 1 < lx.text.size()) {
      size_t k = kAnsiFrom.find(lx.text[lx.i + 1]);
      if (k != npos) {
        out.put(kAnsiTo[k], lx.i);
      } else {
        out.put('\\', lx.i);
        out.put(lx.text[lx.i + 1], lx.i + 1);
      }
      lx.i += 2;
    } else {
      out.put(c, lx.i++);
    }
  }
  diag(lx, open, "shell.unterminated-quote", "unterminated $'...' quote");
}

void Parser::dollar(Lexer& lx, Ctx ctx, Sink& out, bool in_dq) {
  size_t start = lx.i;
  char n = lx.peek(1);
  if (n == '(' && lx.peek(2) == '(') {
    size_t end = skip_balanced(lx.text, start + 1, '(', ')');
    if (end == npos) diag(lx, start, "shell.unterminated-substitution", "unterminated $((...)) arithmetic");
    lx.i = std::min(end, lx.text.size());
    out.put_range(start, lx.i);
  } else if (n == '(') {
    lx.i += 2;
    substitution(lx, ctx, out, "unterminated $(...) command substitution");
  } else if (n == '{') {
    size_t end = skip_balanced(lx.text, start + 1, '{', '}');
    if (end == npos) diag(lx, start, "shell.unterminated-substitution", "unterminated ${...} expansion");
    lx.i = std::min(end, lx.text.size());
    out.put_range(start, lx.i);
  } else if (!in_dq && n == '\'') {
    ansi_c_quote(lx, out);
  } else if (!in_dq && n == '"') {
    ++lx.i;  // $"..." (locale translation) is a double-quoted string
    double_quote(lx, ctx, out);
  } else {
    out.put('$', lx.i++);
  }
}

// $( ) or <( ) / >( ): the cursor is just past the '('. The commands inside are parsed as a
// nested list; the value keeps the whole substitution as written.
void Parser::substitution(Lexer& lx, Ctx ctx, Sink& out, const char* what) {
  size_t start = lx.i - 2;
  if (ctx.level + 1 > kMaxNesting) {
    too_deep(lx, start);
    size_t end = skip_balanced(lx.text, start + 1, '(', ')');
    if (end == npos) diag(lx, start, "shell.unterminated-substitution", what);
    lx.i = std::min(end, lx.text.size());
  } else {
    bool seen = lx.was_expanded(start);
    quiet_ += seen;
    bool closed = parse_list(lx, ctx.child(), Stop::kParen);
    quiet_ -= seen;
    if (!closed) diag(lx, start, "shell.unterminated-substitution", what);
  }
  out.mark_substitution();
  out.put_range(start, lx.i);
}

// `...`: the body, with \` \\ \$ (and \" inside double quotes) unescaped, is parsed as its own
// text whose bytes keep their file positions.
void Parser::backtick(Lexer& lx, Ctx ctx, Sink& out, bool in_dq) {
  size_t start = lx.i;
  bool parse = quiet_ == 0 && !lx.was_expanded(start);
  SourceText body;
  size_t j = start + 1;
  for (; j < lx.text.size() && lx.text[j] != '`'; ++j) {
    char c = lx.text[j];
    if (c == '\\' && j + 1 < lx.text.size()) {
      char n = lx.text[j + 1];
      if (n == '`' || n == '\\' || n == '$' || (in_dq && n == '"')) c = lx.text[++j];
    }
    if (parse) body.append(c, lx.src.at(j));
  }
  if (j >= lx.text.size()) diag(lx, start, "shell.unterminated-backtick", "unterminated `...` substitution");
  lx.i = std::min(j + 1, lx.text.size());
  out.mark_substitution();
  out.put_range(start, lx.i);
  if (!parse) return;
  if (ctx.level + 1 > kMaxNesting) {
    too_deep(lx, start);
    return;
  }
  Lexer inner(body);
  parse_list(inner, ctx.child(), Stop::kEnd);
}

}  // namespace customs::shell
