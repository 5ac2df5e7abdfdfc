// JavaScript's notion of whitespace and string length over UTF-8 text, for node-semver's parsing
// (String.prototype.trim, the \s class, String.length).
#include <array>
#include <string_view>

#include "vulndb/versions/semver.h"

namespace customs {

namespace {

// WhiteSpace and LineTerminator code points outside ASCII (ECMA-262), as UTF-8.
constexpr std::array<std::string_view, 19> kWideSpaces = {
    "\xC2\xA0",      // U+00A0 no-break space
    "\xE1\x9A\x80",  // U+1680 ogham space mark
    "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84",
    "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
    "\xE2\x80\x8A",  // U+2000..U+200A
    "\xE2\x80\xA8",  // U+2028 line separator
    "\xE2\x80\xA9",  // U+2029 paragraph separator
    "\xE2\x80\xAF",  // U+202F narrow no-break space
    "\xE2\x81\x9F",  // U+205F medium mathematical space
    "\xE3\x80\x80",  // U+3000 ideographic space
    "\xEF\xBB\xBF",  // U+FEFF byte order mark
};

bool ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

}  // namespace

size_t js_space_at(std::string_view s) {
  if (s.empty()) return 0;
  if (ascii_space(s.front())) return 1;
  for (std::string_view sp : kWideSpaces) {
    if (s.starts_with(sp)) return sp.size();
  }
  return 0;
}

size_t js_space_before_end(std::string_view s) {
  if (s.empty()) return 0;
  if (ascii_space(s.back())) return 1;
  for (std::string_view sp : kWideSpaces) {
    if (s.ends_with(sp)) return sp.size();
  }
  return 0;
}

std::string_view js_trim(std::string_view s) {
  while (size_t n = js_space_at(s)) s.remove_prefix(n);
  while (size_t n = js_space_before_end(s)) s.remove_suffix(n);
  return s;
}

size_t js_length(std::string_view s) {
  size_t units = 0;
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) != 0x80) ++units;  // each code point starts with a non-continuation byte
    if ((b & 0xF8) == 0xF0) ++units;  // four-byte sequences are surrogate pairs in UTF-16
  }
  return units;
}

}  // namespace customs
