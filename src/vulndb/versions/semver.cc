// Semantic versions as node-semver 7 parses (classes/semver.js, strict mode) and orders them.
#include "vulndb/versions/semver.h"

#include <array>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

constexpr size_t kMaxLength = 256;  // node-semver's MAX_LENGTH

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// Splits `s` at every "." (keeping empty fields, so "a." has two) and calls `f` on each field
// until it returns false.
template <typename F>
bool all_fields(std::string_view s, F f) {
  while (true) {
    size_t dot = s.find('.');
    if (!f(s.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    s.remove_prefix(dot + 1);
  }
}

bool ident_chars(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!is_ident_char(c)) return false;
  }
  return true;
}

// The value of a numeric identifier as a JavaScript number (+"123").
double js_number(std::string_view digits) {
  std::string text(digits);
  return std::strtod(text.c_str(), nullptr);
}

// compareIdentifiers() for two identifiers that are not the same string.
int compare_identifiers(std::string_view a, std::string_view b) {
  bool anum = all_digits(a);
  bool bnum = all_digits(b);
  if (anum && bnum) {
    double x = js_number(a);
    double y = js_number(b);
    return (x > y) - (x < y);
  }
  if (anum) return -1;
  if (bnum) return 1;
  return a < b ? -1 : 1;
}

int compare_main(const NodeSemver& a, const NodeSemver& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  return 0;
}

// comparePre(): note that it returns compareIdentifiers' answer even when that is 0.
int compare_pre(const NodeSemver& a, const NodeSemver& b) {
  if (a.prerelease.empty() || b.prerelease.empty()) {
    return static_cast<int>(a.prerelease.empty()) - static_cast<int>(b.prerelease.empty());
  }
  for (size_t i = 0;; ++i) {
    bool a_end = i >= a.prerelease.size();
    bool b_end = i >= b.prerelease.size();
    if (a_end || b_end) return static_cast<int>(b_end) - static_cast<int>(a_end);
    if (a.prerelease[i] == b.prerelease[i]) continue;
    return compare_identifiers(a.prerelease[i], b.prerelease[i]);
  }
}

}  // namespace

std::optional<uint64_t> parse_semver_number(std::string_view s) {
  if (!all_digits(s) || (s.size() > 1 && s.front() == '0') || s.size() > 16) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) v = v * 10 + static_cast<uint64_t>(c - '0');
  if (v > kSemverMaxSafe) return std::nullopt;
  return v;
}

bool parse_semver_prerelease(std::string_view s, std::vector<std::string_view>& out) {
  out.clear();
  return all_fields(s, [&](std::string_view id) {
    if (!ident_chars(id) || (all_digits(id) && id.size() > 1 && id.front() == '0')) return false;
    out.push_back(id);
    return true;
  });
}

bool valid_semver_build(std::string_view s) { return all_fields(s, ident_chars); }

std::optional<NodeSemver> parse_node_semver(std::string_view s) {
  if (js_length(s) > kMaxLength) return std::nullopt;
  s = js_trim(s);
  if (s.starts_with('v')) s.remove_prefix(1);
  NodeSemver v;
  size_t end = s.find_first_of("-+");
  std::string_view main = s.substr(0, end);
  std::string_view rest = end == std::string_view::npos ? std::string_view() : s.substr(end);
  std::array<uint64_t*, 3> parts = {&v.major, &v.minor, &v.patch};
  size_t i = 0;
  bool ok = all_fields(main, [&](std::string_view field) {
    auto n = i < parts.size() ? parse_semver_number(field) : std::nullopt;
    if (n) *parts[i++] = *n;
    return n.has_value();
  });
  if (!ok || i != parts.size()) return std::nullopt;
  size_t plus = rest.find('+');
  if (rest.starts_with('-') && !parse_semver_prerelease(rest.substr(1, plus - 1), v.prerelease)) {
    return std::nullopt;
  }
  if (plus != std::string_view::npos && !valid_semver_build(rest.substr(plus + 1))) return std::nullopt;
  return v;
}

int compare_node_semver(const NodeSemver& a, const NodeSemver& b) {
  if (int r = compare_main(a, b); r != 0) return r;
  return compare_pre(a, b);
}

std::optional<int> compare_semver(std::string_view a, std::string_view b) {
  auto x = parse_node_semver(a);
  auto y = parse_node_semver(b);
  if (!x || !y) return std::nullopt;
  return compare_node_semver(*x, *y);
}

}  // namespace customs
