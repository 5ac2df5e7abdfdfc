// Go module versions, as golang.org/x/mod/semver (Compare, IsValid): "v" is required; "v1" and
// "v1.2" stand for "v1.0.0" and "v1.2.0" (without prerelease or build); build metadata, such as
// "+incompatible", is ignored; pseudo-versions are ordinary prereleases
// (v0.0.0-20191109021931-daa7c04131f5) and compare as such.
#include <optional>
#include <string_view>

#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

struct GoVersion {
  std::string_view major;
  std::string_view minor = "0";
  std::string_view patch = "0";
  std::string_view prerelease;  // with its leading "-", or empty
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

// parseInt(): digits without a leading zero; consumes them from `s`.
std::optional<std::string_view> take_int(std::string_view& s) {
  size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  if (n == 0 || (s[0] == '0' && n != 1)) return std::nullopt;
  std::string_view t = s.substr(0, n);
  s.remove_prefix(n);
  return t;
}

bool is_num(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// A numeric identifier with a leading zero ("01").
bool is_bad_num(std::string_view s) { return s.size() > 1 && s[0] == '0' && is_num(s); }

// Dot-separated identifiers of [0-9A-Za-z-]; `check_num` refuses numeric ones with leading zeros.
bool valid_idents(std::string_view s, bool check_num) {
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != '.') {
      if (!is_ident_char(s[i])) return false;
      continue;
    }
    std::string_view id = s.substr(start, i - start);
    if (id.empty() || (check_num && is_bad_num(id))) return false;
    start = i + 1;
  }
  return true;
}

// The parts after major.minor.patch: [-prerelease][+build], nothing else.
bool parse_tail(std::string_view s, GoVersion& v) {
  size_t plus = s.find('+');
  if (s.starts_with('-')) {
    v.prerelease = s.substr(0, plus);
    if (!valid_idents(v.prerelease.substr(1), true)) return false;
  } else if (plus != 0 && !s.empty()) {
    return false;
  }
  return plus == std::string_view::npos || valid_idents(s.substr(plus + 1), false);
}

std::optional<GoVersion> parse_go(std::string_view s) {
  if (!s.starts_with('v')) return std::nullopt;
  s.remove_prefix(1);
  GoVersion v;
  std::string_view* parts[] = {&v.major, &v.minor, &v.patch};
  for (size_t i = 0; i < 3; ++i) {
    if (i > 0) {
      if (s.empty()) return v;  // "v1" and "v1.2" shorthands, with nothing after them
      if (s.front() != '.') return std::nullopt;
      s.remove_prefix(1);
    }
    auto n = take_int(s);
    if (!n) return std::nullopt;
    *parts[i] = *n;
  }
  if (!parse_tail(s, v)) return std::nullopt;
  return v;
}

int compare_int(std::string_view x, std::string_view y) {
  if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
  return (x > y) - (x < y);
}

std::string_view next_ident(std::string_view& s) {
  size_t dot = s.find('.');
  std::string_view id = s.substr(0, dot);
  s.remove_prefix(dot == std::string_view::npos ? s.size() : dot);
  return id;
}

// comparePrerelease(): both with their leading "-" (or empty for a release).
int compare_prerelease(std::string_view x, std::string_view y) {
  if (x == y) return 0;
  if (x.empty()) return 1;
  if (y.empty()) return -1;
  while (!x.empty() && !y.empty()) {
    x.remove_prefix(1);  // the "-" or "."
    y.remove_prefix(1);
    std::string_view dx = next_ident(x);
    std::string_view dy = next_ident(y);
    if (dx == dy) continue;
    bool ix = is_num(dx);
    bool iy = is_num(dy);
    if (ix != iy) return ix ? -1 : 1;
    if (ix && dx.size() != dy.size()) return dx.size() < dy.size() ? -1 : 1;
    return dx < dy ? -1 : 1;
  }
  return x.empty() ? -1 : 1;
}

}  // namespace

std::optional<int> compare_go(std::string_view a, std::string_view b) {
  auto x = parse_go(a);
  auto y = parse_go(b);
  if (!x || !y) return std::nullopt;
  if (int c = compare_int(x->major, y->major); c != 0) return c;
  if (int c = compare_int(x->minor, y->minor); c != 0) return c;
  if (int c = compare_int(x->patch, y->patch); c != 0) return c;
  return compare_prerelease(x->prerelease, y->prerelease);
}

}  // namespace customs
