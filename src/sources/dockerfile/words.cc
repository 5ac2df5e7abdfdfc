#include "sources/dockerfile/words.h"

namespace customs::df {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

size_t skip_blanks(std::string_view text, size_t from) {
  while (from < text.size() && is_blank(text[from])) ++from;
  return from;
}

size_t rtrim_blanks(std::string_view text, size_t to) {
  if (to > text.size()) to = text.size();
  while (to > 0 && is_blank(text[to - 1])) --to;
  return to;
}

std::vector<RawToken> split_raw_words(std::string_view text, char escape) {
  std::vector<RawToken> out;
  size_t i = skip_blanks(text, 0);
  while (i < text.size()) {
    RawToken tok{i, i};
    char quote = 0;
    for (; i < text.size(); ++i) {
      char c = text[i];
      if (c == escape && quote != '\'') {
        if (i + 1 < text.size()) ++i;
        continue;
      }
      if (quote) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        continue;
      }
      if (is_blank(c)) break;
    }
    tok.end = i;
    out.push_back(tok);
    i = skip_blanks(text, i);
  }
  return out;
}

}  // namespace customs::df
