#include "vulndb/versions/lang_util.h"

#include <array>
#include <cstddef>

namespace customs::langver {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

namespace {

std::string_view strip_zeros(std::string_view d) {
  while (!d.empty() && d.front() == '0') d.remove_prefix(1);
  return d;
}

// UTF-8 encodings of the non-ASCII code points both Python and .NET call whitespace: U+0085,
// U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
constexpr std::array<std::string_view, 19> kWideSpaces = {
    "\xC2\x85",     "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81",
    "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86",
    "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\xA8",
    "\xE2\x80\xA9", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80",
};

bool ascii_space(char c, SpaceFlavor flavor) {
  if (c == ' ' || (c >= '\t' && c <= '\r')) return true;
  return flavor == SpaceFlavor::kPython && c >= '\x1c' && c <= '\x1f';
}

// Length of the whitespace character at the front (or back) of s, 0 when there is none.
size_t space_at(std::string_view s, SpaceFlavor flavor, bool back) {
  if (s.empty()) return 0;
  if (ascii_space(back ? s.back() : s.front(), flavor)) return 1;
  for (std::string_view w : kWideSpaces) {
    if (back ? s.ends_with(w) : s.starts_with(w)) return w.size();
  }
  return 0;
}

}  // namespace

int compare_decimal(std::string_view a, std::string_view b) {
  a = strip_zeros(a);
  b = strip_zeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return sign(a.compare(b));
}

bool is_zero(std::string_view digits) { return strip_zeros(digits).empty(); }

bool iequals_ascii(std::string_view s, std::string_view word) {
  if (s.size() != word.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (to_lower_ascii(s[i]) != to_lower_ascii(word[i])) return false;
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view word) {
  return s.size() >= word.size() && iequals_ascii(s.substr(0, word.size()), word);
}

int compare_ignore_case(std::string_view a, std::string_view b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    char ca = to_lower_ascii(a[i]);
    char cb = to_lower_ascii(b[i]);
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return three_way(a.size(), b.size());
}

std::string_view strip_unicode_space(std::string_view s, SpaceFlavor flavor) {
  while (size_t n = space_at(s, flavor, false)) s.remove_prefix(n);
  while (size_t n = space_at(s, flavor, true)) s.remove_suffix(n);
  return s;
}

}  // namespace customs::langver
