// RubyGems versions as Gem::Version (RubyGems 3.3) checks and orders them: valid when
// ANCHORED_VERSION_PATTERN matches (a blank string is "0"), "-" reads as ".pre.", segments are
// runs of digits or of letters, and canonical_segments drops the trailing zeros of the release
// part and of the prerelease part before comparing segment by segment.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vulndb/versions/lang_util.h"
#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

using langver::is_alnum;
using langver::is_digit;

// Ruby's \s: space, \t, \n, \v, \f, \r.
bool ruby_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view strip_ruby_space(std::string_view s) {
  while (!s.empty() && ruby_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && ruby_space(s.back())) s.remove_suffix(1);
  return s;
}

bool label_char(char c) { return is_alnum(c) || c == '-'; }

// VERSION_PATTERN: [0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?
bool matches_version_pattern(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == 0) return false;
  while (i + 1 < s.size() && s[i] == '.' && is_alnum(s[i + 1])) {
    ++i;
    while (i < s.size() && is_alnum(s[i])) ++i;
  }
  if (i == s.size()) return true;
  if (s[i] != '-') return false;
  for (;;) {
    size_t start = ++i;  // past "-" or "."
    while (i < s.size() && label_char(s[i])) ++i;
    if (i == start) return false;
    if (i == s.size()) return true;
    if (s[i] != '.') return false;
  }
}

struct GemSegment {
  bool is_number = false;
  std::string_view text;
};

// _segments: scan(/[0-9]+|[a-z]+/i) of the version with every "-" read as ".pre.".
std::vector<GemSegment> segments(std::string_view v) {
  std::vector<GemSegment> out;
  size_t i = 0;
  while (i < v.size()) {
    if (v[i] == '-') out.push_back({false, "pre"});
    if (!is_alnum(v[i])) {
      ++i;
      continue;
    }
    bool digit = is_digit(v[i]);
    size_t start = i;
    while (i < v.size() && is_alnum(v[i]) && is_digit(v[i]) == digit) ++i;
    out.push_back({digit, v.substr(start, i - start)});
  }
  return out;
}

bool is_zero_segment(const GemSegment& s) { return s.is_number && langver::is_zero(s.text); }

// canonical_segments: the numeric prefix and the rest (from the first string segment on), each
// without its trailing zeros, joined.
std::vector<GemSegment> canonical_segments(std::string_view v) {
  std::vector<GemSegment> all = segments(v);
  size_t string_start = 0;
  while (string_start < all.size() && all[string_start].is_number) ++string_start;
  std::vector<GemSegment> out;
  size_t numeric_end = string_start;
  while (numeric_end > 0 && is_zero_segment(all[numeric_end - 1])) --numeric_end;
  out.insert(out.end(), all.begin(), all.begin() + static_cast<std::ptrdiff_t>(numeric_end));
  size_t rest_end = all.size();
  while (rest_end > string_start && is_zero_segment(all[rest_end - 1])) --rest_end;
  out.insert(out.end(), all.begin() + static_cast<std::ptrdiff_t>(string_start),
             all.begin() + static_cast<std::ptrdiff_t>(rest_end));
  return out;
}

// Gem::Version#<=>: a missing segment is 0, strings sort below numbers, numbers by value,
// strings byte-wise.
int compare_segments(const std::vector<GemSegment>& a, const std::vector<GemSegment>& b) {
  static const GemSegment kZero{true, "0"};
  for (size_t i = 0; i < a.size() || i < b.size(); ++i) {
    const GemSegment& l = i < a.size() ? a[i] : kZero;
    const GemSegment& r = i < b.size() ? b[i] : kZero;
    if (l.is_number != r.is_number) return l.is_number ? 1 : -1;
    int c = l.is_number ? langver::compare_decimal(l.text, r.text) : langver::sign(l.text.compare(r.text));
    if (c != 0) return c;
  }
  return 0;
}

// The stripped version text, or nullopt when Gem::Version.new would raise.
std::optional<std::string_view> gem_version(std::string_view s) {
  std::string_view body = strip_ruby_space(s);
  if (body.empty()) return std::string_view("0");
  if (!matches_version_pattern(body)) return std::nullopt;
  return body;
}

}  // namespace

std::optional<int> compare_rubygems(std::string_view a, std::string_view b) {
  auto va = gem_version(a);
  auto vb = gem_version(b);
  if (!va || !vb) return std::nullopt;
  return compare_segments(canonical_segments(*va), canonical_segments(*vb));
}

}  // namespace customs
