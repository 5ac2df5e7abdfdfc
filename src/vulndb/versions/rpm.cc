// rpm version comparison, as rpm 4.18: rpmverParse() splits [epoch:]version[-release] and
// rpmverCmp() compares epoch, version and release with rpmvercmp() (lib/rpmvercmp.c), where
// "~" sorts before everything (even the end) and "^" after the end but before anything else.
#include <optional>
#include <string_view>

#include "vulndb/versions/lang_util.h"
#include "vulndb/versions/scan.h"
#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

struct Evr {
  std::string_view epoch = "0";
  std::string_view version;
  std::optional<std::string_view> release;  // absent: sorts before any release
};

using langver::is_alnum;
using langver::is_alpha;
using langver::is_digit;
using langver::sign;

// parseEVR(): the epoch is a run of digits ended by ':' (else there is none and the ':' belongs
// to the version); the release follows the last '-'. rpm refuses only the empty string; a NUL
// cannot be part of an rpm string, so it is refused too.
std::optional<Evr> parse_evr(std::string_view s) {
  if (s.empty() || s.find('\0') != std::string_view::npos) return std::nullopt;
  Evr evr;
  size_t digits = 0;
  while (digits < s.size() && is_digit(s[digits])) ++digits;
  if (digits < s.size() && s[digits] == ':') {
    if (digits > 0) evr.epoch = s.substr(0, digits);
    s.remove_prefix(digits + 1);
  }
  if (size_t dash = s.rfind('-'); dash != std::string_view::npos) {
    evr.release = s.substr(dash + 1);
    s = s.substr(0, dash);
  }
  evr.version = s;
  return evr;
}

bool is_separator(char c) { return !is_alnum(c) && c != '~' && c != '^'; }

// The "~" and "^" rules at the start of a segment: nullopt when neither has one, 0 when both
// have the same one (skipped), else the result.
std::optional<int> markers(std::string_view& a, std::string_view& b) {
  char x = a.empty() ? '\0' : a.front();
  char y = b.empty() ? '\0' : b.front();
  if (x == '~' || y == '~') {
    if (x != '~') return 1;
    if (y != '~') return -1;
  } else if (x == '^' || y == '^') {
    if (a.empty()) return -1;
    if (b.empty()) return 1;
    if (x != '^') return 1;
    if (y != '^') return -1;
  } else {
    return std::nullopt;
  }
  a.remove_prefix(1);
  b.remove_prefix(1);
  return 0;
}

// One numeric or alphabetic segment of each; `a` starts with an alphanumeric.
int segment(std::string_view& a, std::string_view& b) {
  bool numeric = is_digit(a.front());
  auto pred = numeric ? is_digit : is_alpha;
  std::string_view x = take_while(a, pred);
  std::string_view y = take_while(b, pred);
  if (y.empty()) return numeric ? 1 : -1;  // numeric segments are newer than alphabetic ones
  if (numeric) {
    while (!x.empty() && x.front() == '0') x.remove_prefix(1);
    while (!y.empty() && y.front() == '0') y.remove_prefix(1);
    if (x.size() != y.size()) return x.size() > y.size() ? 1 : -1;
  }
  return sign(x.compare(y));
}

int rpmvercmp(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  while (!a.empty() || !b.empty()) {
    take_while(a, is_separator);
    take_while(b, is_separator);
    if (auto m = markers(a, b)) {
      if (*m != 0) return *m;
      continue;
    }
    if (a.empty() || b.empty()) break;
    if (int r = segment(a, b); r != 0) return r;
  }
  if (a.empty() && b.empty()) return 0;
  return a.empty() ? -1 : 1;
}

}  // namespace

std::optional<int> compare_rpm(std::string_view a, std::string_view b) {
  auto x = parse_evr(a);
  auto y = parse_evr(b);
  if (!x || !y) return std::nullopt;
  if (int r = rpmvercmp(x->epoch, y->epoch); r != 0) return r;
  if (int r = rpmvercmp(x->version, y->version); r != 0) return r;
  // compare_values(): a missing release sorts before any release, even an empty one ("1.0-").
  if (x->release && y->release) return rpmvercmp(*x->release, *y->release);
  return static_cast<int>(x->release.has_value()) - static_cast<int>(y->release.has_value());
}

}  // namespace customs
