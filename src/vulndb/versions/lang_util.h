#pragma once
// Small helpers shared by the language-ecosystem comparators (PEP 440, Maven, RubyGems, Composer,
// NuGet). Every helper works on bytes: ASCII classes only, numbers of any length.
#include <string_view>

namespace customs::langver {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
inline char to_lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
inline int sign(int v) { return (v > 0) - (v < 0); }
// -1, 0 or 1 as a is below, equal to or above b.
template <typename T>
int three_way(const T& a, const T& b) {
  return static_cast<int>(b < a) - static_cast<int>(a < b);
}

// True when s is one or more ASCII digits.
bool all_digits(std::string_view s);
// Compares two runs of ASCII digits by value, as big integers (leading zeros ignored): -1, 0, 1.
int compare_decimal(std::string_view a, std::string_view b);
// True when the digit run is 0 (or empty).
bool is_zero(std::string_view digits);
// Byte-wise comparison of s with word, ASCII case folded.
bool iequals_ascii(std::string_view s, std::string_view word);
bool istarts_with(std::string_view s, std::string_view word);
// Byte-wise order of a and b with ASCII letters lower-cased (a shorter prefix first): -1, 0, 1.
int compare_ignore_case(std::string_view a, std::string_view b);

// Whose idea of whitespace to strip: Python's str.isspace() (which is what \s means in a str
// regex) or .NET's Char.IsWhiteSpace() (String.Trim). They differ in U+001C..U+001F.
enum class SpaceFlavor { kPython, kDotnet };
// s without its leading and trailing whitespace, read as UTF-8.
std::string_view strip_unicode_space(std::string_view s, SpaceFlavor flavor);

}  // namespace customs::langver
