#include "vulndb/versions/php_version.h"

#include <array>
#include <climits>
#include <cstddef>
#include <string>

#include "vulndb/versions/lang_util.h"

namespace customs::langver {

namespace {

// isdig()/isndig() of versioning.c: "." is neither a digit nor a non-digit.
bool isdig(char c) { return is_digit(c); }
bool isndig(char c) { return !is_digit(c) && c != '.'; }

// php_canonicalize_version().
std::string canonicalize(std::string_view v) {
  std::string out;
  if (v.empty()) return out;
  out.reserve(v.size() * 2);
  char lp = v[0];
  out.push_back(v[0]);
  for (size_t i = 1; i < v.size(); ++i) {
    char c = v[i];
    bool dot_needed = out.back() != '.';
    if (c == '-' || c == '_' || c == '+') {
      if (dot_needed) out.push_back('.');
    } else if ((isndig(lp) && isdig(c)) || (isdig(lp) && isndig(c))) {
      if (dot_needed) out.push_back('.');
      out.push_back(c);
    } else if (!is_alnum(c)) {
      if (dot_needed) out.push_back('.');
    } else {
      out.push_back(c);
    }
    lp = c;
  }
  return out;
}

struct SpecialForm {
  std::string_view name;
  int order;
};
constexpr std::array kSpecialForms = {
    SpecialForm{"dev", 0}, SpecialForm{"alpha", 1}, SpecialForm{"a", 1},  SpecialForm{"beta", 2},
    SpecialForm{"b", 2},   SpecialForm{"RC", 3},    SpecialForm{"rc", 3}, SpecialForm{"#", 4},
    SpecialForm{"pl", 5},  SpecialForm{"p", 5},
};

int special_order(std::string_view form) {
  for (const SpecialForm& f : kSpecialForms) {
    if (form.starts_with(f.name)) return f.order;
  }
  return -1;
}

int compare_special_forms(std::string_view a, std::string_view b) {
  return sign(special_order(a) - special_order(b));
}

// strtol() of a part that starts with a digit: saturates at LONG_MAX.
long to_long(std::string_view part) {
  long v = 0;
  for (char c : part) {
    if (!is_digit(c)) break;
    int d = c - '0';
    if (v > (LONG_MAX - d) / 10) return LONG_MAX;
    v = v * 10 + d;
  }
  return v;
}

char first(std::string_view s) { return s.empty() ? '\0' : s[0]; }

int compare_parts(std::string_view p1, std::string_view p2) {
  bool d1 = is_digit(first(p1));
  bool d2 = is_digit(first(p2));
  if (d1 && d2) {
    long l1 = to_long(p1);
    long l2 = to_long(p2);
    return three_way(l1, l2);
  }
  if (!d1 && !d2) return compare_special_forms(p1, p2);
  return d1 ? compare_special_forms("#N#", p2) : compare_special_forms(p1, "#N#");
}

std::string_view c_string(std::string_view s) { return s.substr(0, s.find('\0')); }

int compare_impl(std::string_view orig1, std::string_view orig2) {
  if (orig1.empty() || orig2.empty()) {
    if (orig1.empty() && orig2.empty()) return 0;
    return orig1.empty() ? -1 : 1;
  }
  const std::string ver1 = orig1[0] == '#' ? std::string(orig1) : canonicalize(orig1);
  const std::string ver2 = orig2[0] == '#' ? std::string(orig2) : canonicalize(orig2);
  std::string_view v1(ver1);
  std::string_view v2(ver2);
  size_t p1 = 0;
  size_t p2 = 0;
  size_t n1 = 0;  // npos plays NULL: no further "."
  size_t n2 = 0;
  int compare = 0;
  while (p1 < v1.size() && p2 < v2.size() && n1 != std::string_view::npos && n2 != std::string_view::npos) {
    n1 = v1.find('.', p1);
    n2 = v2.find('.', p2);
    compare = compare_parts(v1.substr(p1, n1 - p1), v2.substr(p2, n2 - p2));
    if (compare != 0) break;
    if (n1 != std::string_view::npos) p1 = n1 + 1;
    if (n2 != std::string_view::npos) p2 = n2 + 1;
  }
  if (compare == 0) {
    if (n1 != std::string_view::npos) {
      compare = is_digit(first(v1.substr(p1))) ? 1 : compare_impl(v1.substr(p1), "#N#");
    } else if (n2 != std::string_view::npos) {
      compare = is_digit(first(v2.substr(p2))) ? -1 : compare_impl("#N#", v2.substr(p2));
    }
  }
  return compare;
}

}  // namespace

int php_version_compare(std::string_view a, std::string_view b) {
  return compare_impl(c_string(a), c_string(b));
}

}  // namespace customs::langver
