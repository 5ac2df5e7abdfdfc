// NuGet versions as NuGet.Versioning's NuGetVersion.TryParse reads them and VersionComparer.Default
// orders them: 1 to 4 numeric parts (System.Version, each an int32, missing parts 0), SemVer 2
// release labels compared part by part (numeric labels by value and below alphanumeric ones,
// others ordinal ignoring case), a release above its pre-releases, build metadata ignored.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "vulndb/versions/lang_util.h"
#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

using langver::is_digit;

struct NugetVersion {
  std::array<int64_t, 4> parts{};
  std::vector<std::string_view> labels;  // empty: not a pre-release
};

// int.TryParse(s, NumberStyles.Integer): [ws][sign]digits[ws], then only NUL characters.
// Signs never reach here (they split the string before), so a part is digits with white space.
std::optional<int64_t> parse_int32_part(std::string_view s) {
  auto white = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  size_t i = 0;
  while (i < s.size() && white(s[i])) ++i;
  size_t start = i;
  int64_t v = 0;
  for (; i < s.size() && is_digit(s[i]); ++i) {
    v = v * 10 + (s[i] - '0');
    if (v > INT32_MAX) return std::nullopt;
  }
  if (i == start) return std::nullopt;
  while (i < s.size() && white(s[i])) ++i;
  while (i < s.size() && s[i] == '\0') ++i;
  if (i != s.size()) return std::nullopt;
  return v;
}

// System.Version.TryParse of the part before "-"/"+", with ".0" added when it has no ".".
bool parse_numbers(std::string_view s, NugetVersion& v) {
  size_t count = 0;
  for (;;) {
    size_t dot = s.find('.');
    if (count == 4) return false;
    auto n = parse_int32_part(s.substr(0, dot));
    if (!n) return false;
    v.parts[count++] = *n;
    if (dot == std::string_view::npos) break;
    s.remove_prefix(dot + 1);
  }
  return true;
}

// IsValidPart(): non-empty, [0-9A-Za-z-] only, no leading zero in an all-digit label.
bool valid_part(std::string_view s, bool allow_leading_zeros) {
  if (s.empty()) return false;
  if (!allow_leading_zeros && s.size() > 1 && s[0] == '0' && langver::all_digits(s.substr(1))) return false;
  for (char c : s) {
    if (!langver::is_alnum(c) && c != '-') return false;
  }
  return true;
}

std::vector<std::string_view> split_dots(std::string_view s) {
  std::vector<std::string_view> out;
  for (;;) {
    size_t dot = s.find('.');
    out.push_back(s.substr(0, dot));
    if (dot == std::string_view::npos) return out;
    s.remove_prefix(dot + 1);
  }
}

// ParseSections(): the version ends at the first "-" or "+", labels at the next "+". A "-" or "+"
// that is the last character stays in the part before it (and makes that part invalid).
std::optional<NugetVersion> parse_nuget(std::string_view input) {
  std::string_view s = langver::strip_unicode_space(input, langver::SpaceFlavor::kDotnet);
  if (s.empty()) return std::nullopt;
  size_t cut = s.find_first_of("-+");
  if (cut == s.size() - 1) cut = std::string_view::npos;
  std::string_view numbers = s.substr(0, cut);
  NugetVersion v;
  if (numbers.empty() || !parse_numbers(numbers, v)) return std::nullopt;
  if (cut == std::string_view::npos) return v;
  std::string_view rest = s.substr(cut + 1);
  std::string_view metadata;
  bool has_metadata = s[cut] == '+';
  if (!has_metadata) {
    size_t plus = rest.find('+');
    if (plus == rest.size() - 1) plus = std::string_view::npos;
    if (plus != std::string_view::npos) {
      metadata = rest.substr(plus + 1);
      has_metadata = true;
    }
    for (std::string_view label : split_dots(rest.substr(0, plus))) {
      if (!valid_part(label, false)) return std::nullopt;
      v.labels.push_back(label);
    }
  } else {
    metadata = rest;
  }
  if (has_metadata) {
    for (std::string_view part : split_dots(metadata)) {
      if (!valid_part(part, true)) return std::nullopt;
    }
  }
  return v;
}

// Int32.TryParse of a label: an optional "-" and digits within int32.
std::optional<int64_t> numeric_label(std::string_view s) {
  bool negative = !s.empty() && s[0] == '-';
  if (negative) s.remove_prefix(1);
  if (!langver::all_digits(s)) return std::nullopt;
  int64_t v = 0;
  for (char c : s) {
    v = v * 10 + (c - '0');
    if (v > int64_t{INT32_MAX} + 1) return std::nullopt;
  }
  if (!negative && v > INT32_MAX) return std::nullopt;
  return negative ? -v : v;
}

int compare_label(std::string_view a, std::string_view b) {
  auto na = numeric_label(a);
  auto nb = numeric_label(b);
  if (na && nb) return langver::three_way(*na, *nb);
  if (na || nb) return na ? -1 : 1;
  // StringComparer.OrdinalIgnoreCase; on [0-9A-Za-z-] folding to lower or upper case is the same.
  return langver::compare_ignore_case(a, b);
}

int compare_nuget_versions(const NugetVersion& a, const NugetVersion& b) {
  for (size_t i = 0; i < a.parts.size(); ++i) {
    if (int r = langver::three_way(a.parts[i], b.parts[i]); r != 0) return r;
  }
  bool pa = !a.labels.empty();
  bool pb = !b.labels.empty();
  if (pa != pb) return pa ? -1 : 1;
  for (size_t i = 0; i < a.labels.size() || i < b.labels.size(); ++i) {
    if (i >= a.labels.size()) return -1;
    if (i >= b.labels.size()) return 1;
    if (int r = compare_label(a.labels[i], b.labels[i]); r != 0) return r;
  }
  return 0;
}

}  // namespace

std::optional<int> compare_nuget(std::string_view a, std::string_view b) {
  auto va = parse_nuget(a);
  auto vb = parse_nuget(b);
  if (!va || !vb) return std::nullopt;
  return compare_nuget_versions(*va, *vb);
}

}  // namespace customs
