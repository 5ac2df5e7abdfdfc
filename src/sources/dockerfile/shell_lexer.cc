#include "sources/dockerfile/shell_lexer.h"

#include <algorithm>
#include <array>

namespace customs::shell {
namespace {

constexpr std::array<bool, 256> make_breaks() {
  std::array<bool, 256> t{};
  for (char c : std::string_view(" \t\r\n;&|()<>")) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr std::array<bool, 256> kBreaks = make_breaks();

struct ControlEntry {
  std::string_view text;
  Control op;
};
// Longest first.
constexpr ControlEntry kControls[] = {
    {";;&", Control::kCaseEnd}, {";;", Control::kCaseEnd}, {";&", Control::kCaseEnd},
    {"&&", Control::kAnd},      {"||", Control::kOr},      {"|&", Control::kPipe},
    {"|", Control::kPipe},      {";", Control::kSeq},      {"&", Control::kBackground},
};

// Longest first; "&>" forms take no fd number.
constexpr std::string_view kRedirects[] = {"&>>", "&>", "<<<", "<<-", "<<", "<>",
                                           "<&",  "<",  ">>",  ">&",  ">|", ">"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Offset just past the '"' closing the one at `at`, or npos.
size_t skip_double_quoted(std::string_view t, size_t at) {
  for (size_t j = at + 1; j < t.size(); ++j) {
    if (t[j] == '\\') {
      ++j;
    } else if (t[j] == '"') {
      return j + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

bool Lexer::word_is(std::string_view w) const {
  if (text.substr(std::min(i, text.size()), w.size()) != w) return false;
  size_t after = i + w.size();
  return after >= text.size() || is_word_break(text[after]);
}

bool Lexer::was_expanded(size_t offset) const {
  return expanded != nullptr && std::binary_search(expanded->begin(), expanded->end(), offset);
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool is_word_break(char c) { return kBreaks[static_cast<unsigned char>(c)]; }

size_t continuation_len(std::string_view t, size_t i) {
  if (i >= t.size() || t[i] != '\\') return 0;
  if (i + 1 < t.size() && t[i + 1] == '\n') return 2;
  if (i + 2 < t.size() && t[i + 1] == '\r' && t[i + 2] == '\n') return 3;
  return 0;
}

void skip_blanks(Lexer& lx) {
  while (!lx.at_end()) {
    char c = lx.peek();
    if (is_blank(c)) {
      ++lx.i;
    } else if (size_t k = continuation_len(lx.text, lx.i)) {
      lx.i += k;
    } else if (c == '#') {
      size_t eol = lx.text.find('\n', lx.i);
      lx.i = eol == std::string_view::npos ? lx.text.size() : eol;
    } else {
      return;
    }
  }
}

bool starts_process_subst(const Lexer& lx) {
  char c = lx.peek();
  return (c == '<' || c == '>') && lx.peek(1) == '(';
}

ControlOp match_control(const Lexer& lx) {
  char c = lx.peek();
  if ((c != ';' && c != '&' && c != '|') || (c == '&' && lx.peek(1) == '>')) return {};
  std::string_view rest = lx.text.substr(std::min(lx.i, lx.text.size()));
  for (const ControlEntry& e : kControls) {
    if (rest.substr(0, e.text.size()) == e.text) return {e.op, e.text.size()};
  }
  return {};
}

size_t match_redirect(const Lexer& lx) {
  if (starts_process_subst(lx)) return 0;
  size_t j = lx.i;
  while (j < lx.text.size() && is_digit(lx.text[j])) ++j;
  bool has_fd = j > lx.i;
  char c = j < lx.text.size() ? lx.text[j] : '\0';
  if (c != '<' && c != '>' && (c != '&' || has_fd)) return 0;
  std::string_view rest = lx.text.substr(std::min(j, lx.text.size()));
  for (std::string_view op : kRedirects) {
    if (has_fd && op[0] == '&') continue;
    if (rest.substr(0, op.size()) == op) return j - lx.i + op.size();
  }
  return 0;
}

std::string_view redirect_op(std::string_view op) {
  size_t k = 0;
  while (k < op.size() && is_digit(op[k])) ++k;
  return op.substr(k);
}

size_t skip_balanced(std::string_view t, size_t at, char open, char close) {
  int depth = 0;
  for (size_t j = at; j < t.size(); ++j) {
    char c = t[j];
    if (c == '\\') {
      ++j;
    } else if (c == '\'') {
      j = t.find('\'', j + 1);
      if (j == std::string_view::npos) return j;
    } else if (c == '"') {
      j = skip_double_quoted(t, j);
      if (j == std::string_view::npos) return j;
      --j;
    } else if (c == open) {
      ++depth;
    } else if (c == close && --depth <= 0) {
      return j + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace customs::shell
