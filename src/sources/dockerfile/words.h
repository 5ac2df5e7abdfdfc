#pragma once
// Raw word splitting shared by the Dockerfile parser: splits an instruction's text on unquoted,
// unescaped blanks, keeping quotes and escapes in the words (BuildKit's parseWords).
#include <string_view>
#include <vector>

namespace customs::df {

struct RawToken {
  size_t begin = 0;  // offset of the first byte
  size_t end = 0;    // one past the last byte
};

// Splits `text` on runs of spaces and tabs outside quotes. `escape` protects the next byte (also a
// quote or a blank). An unterminated quote runs to the end of the text.
std::vector<RawToken> split_raw_words(std::string_view text, char escape);

// Offset of the first non-blank byte at or after `from` (text.size() when none).
size_t skip_blanks(std::string_view text, size_t from);
// Offset one past the last non-blank byte before `to`.
size_t rtrim_blanks(std::string_view text, size_t to);
bool is_blank(char c);

}  // namespace customs::df
