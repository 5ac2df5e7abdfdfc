// node-semver's range rewriting (classes/range.js: hyphenReplace, replaceCaret, replaceTilde,
// replaceXRange, replaceStars and the trim expressions), on text, as node-semver does it: later
// steps and the Comparator parser see exactly the text node-semver would give them.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vulndb/versions/npm_range_expand.h"
#include "vulndb/versions/semver.h"

namespace customs::npm_range {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

// An x-range as XRANGEPLAIN matches it: [v=\s]* then 1-3 ids (number, x, X or *), and after
// three ids an optional prerelease and build. Views into the matched text.
struct XParts {
  std::string_view text;
  std::string_view major, minor, patch;  // empty when absent
  std::string_view pre;                  // without its "-"
};

// XRANGEIDENTIFIER at the start of s ("0", [1-9][0-9]*, "x", "X", "*"): its length, or 0.
size_t xid_length(std::string_view s) {
  if (s.empty()) return 0;
  if (s[0] == 'x' || s[0] == 'X' || s[0] == '*' || s[0] == '0') return 1;
  if (!is_digit(s[0])) return 0;
  size_t n = 1;
  while (n < s.size() && is_digit(s[n])) ++n;
  return n;
}

bool is_x(std::string_view id) { return id.empty() || id == "x" || id == "X" || id == "*"; }

// The part after the third id: [-prerelease][+build] and nothing else.
bool parse_xtail(std::string_view rest, XParts& x) {
  size_t plus = rest.find('+');
  if (rest.starts_with('-')) {
    x.pre = rest.substr(1, plus == std::string_view::npos ? plus : plus - 1);
    std::vector<std::string_view> ids;
    if (!parse_semver_prerelease(x.pre, ids)) return false;
  } else if (!rest.empty() && plus != 0) {
    return false;
  }
  return plus == std::string_view::npos || valid_semver_build(rest.substr(plus + 1));
}

// All of `s` as XRANGEPLAIN; `spaces`: the prefix may hold spaces (not within a token).
std::optional<XParts> parse_xrange(std::string_view s, bool spaces) {
  XParts x;
  x.text = s;
  size_t i = 0;
  while (i < s.size() && (s[i] == 'v' || s[i] == '=' || (spaces && s[i] == ' '))) ++i;
  std::string_view* ids[] = {&x.major, &x.minor, &x.patch};
  for (size_t k = 0; k < 3; ++k) {
    if (k > 0) {
      if (i == s.size()) return x;
      if (s[i] != '.') return std::nullopt;
      ++i;
    }
    size_t n = xid_length(s.substr(i));
    if (n == 0) return std::nullopt;
    *ids[k] = s.substr(i, n);
    i += n;
  }
  if (!parse_xtail(s.substr(i), x)) return std::nullopt;
  return x;
}

// +M + 1 on a decimal string (node-semver's numbers beyond 2^53 are refused later either way).
std::string inc(std::string_view digits) {
  std::string s(digits);
  size_t i = s.size();
  while (i > 0 && s[i - 1] == '9') s[--i] = '0';
  if (i == 0) return "1" + s;
  ++s[i - 1];
  return s;
}

std::string cat(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) s += p;
  return s;
}

std::string caret(const XParts& x) {
  std::string_view M = x.major;
  std::string_view m = x.minor;
  std::string_view p = x.patch;
  if (is_x(M)) return "";
  if (is_x(m)) return cat({">=", M, ".0.0 <", inc(M), ".0.0-0"});
  if (is_x(p)) {
    if (M == "0") return cat({">=", M, ".", m, ".0 <", M, ".", inc(m), ".0-0"});
    return cat({">=", M, ".", m, ".0 <", inc(M), ".0.0-0"});
  }
  std::string from = cat({">=", M, ".", m, ".", p, x.pre.empty() ? "" : "-", x.pre});
  if (M != "0") return cat({from, " <", inc(M), ".0.0-0"});
  if (m != "0") return cat({from, " <", M, ".", inc(m), ".0-0"});
  return cat({from, " <", M, ".", m, ".", inc(p), "-0"});
}

std::string tilde(const XParts& x) {
  std::string_view M = x.major;
  std::string_view m = x.minor;
  std::string_view p = x.patch;
  if (is_x(M)) return "";
  if (is_x(m)) return cat({">=", M, ".0.0 <", inc(M), ".0.0-0"});
  if (is_x(p)) return cat({">=", M, ".", m, ".0 <", M, ".", inc(m), ".0-0"});
  return cat({">=", M, ".", m, ".", p, x.pre.empty() ? "" : "-", x.pre, " <", M, ".", inc(m), ".0-0"});
}

// replaceXRange for a token "<gtlt><x-range>" with at least one x.
std::string xrange_with_x(std::string gtlt, const XParts& x) {
  bool xm = is_x(x.major) || is_x(x.minor);
  if (gtlt == "=") gtlt.clear();
  if (is_x(x.major)) return gtlt == ">" || gtlt == "<" ? "<0.0.0-0" : "*";
  std::string M(x.major);
  if (gtlt.empty()) {
    if (xm) return cat({">=", M, ".0.0 <", inc(M), ".0.0-0"});
    return cat({">=", M, ".", x.minor, ".0 <", M, ".", inc(x.minor), ".0-0"});
  }
  std::string m = xm ? "0" : std::string(x.minor);
  if (gtlt == ">" || gtlt == "<=") {
    if (xm) {
      M = inc(M);
    } else {
      m = inc(m);
    }
    gtlt = gtlt == ">" ? ">=" : "<";
  }
  return cat({gtlt, M, ".", m, ".0", gtlt == "<" ? "-0" : ""});
}

// The first "+build" (BUILD: "+" and up to 250 identifier characters per dotted part) removed.
std::string strip_build(std::string_view t) {
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i] != '+' || !is_ident_char(t[i + 1])) continue;
    size_t e = i + 1;
    while (true) {
      size_t n = 0;
      while (e + n < t.size() && n < 250 && is_ident_char(t[e + n])) ++n;
      e += n;
      if (e + 1 < t.size() && t[e] == '.' && is_ident_char(t[e + 1])) {
        ++e;
        continue;
      }
      break;
    }
    return cat({t.substr(0, i), t.substr(e)});
  }
  return std::string(t);
}

// replaceStars: the first "(<|>)?=?\s*\*" removed.
std::string strip_star(std::string t) {
  size_t star = t.find('*');
  if (star == std::string::npos) return t;
  size_t from = star;
  if (from > 0 && t[from - 1] == '=') --from;
  if (from > 0 && (t[from - 1] == '<' || t[from - 1] == '>')) --from;
  t.erase(from, star + 1 - from);
  return t;
}

std::string expand_one(const std::string& t) {
  if (t.starts_with('^')) {
    if (auto x = parse_xrange(std::string_view(t).substr(1), false)) return caret(*x);
    return strip_star(t);
  }
  if (t.starts_with('~')) {
    size_t skip = t.starts_with("~>") ? 2 : 1;
    if (auto x = parse_xrange(std::string_view(t).substr(skip), false)) return tilde(*x);
    return strip_star(t);
  }
  size_t g = 0;
  if (g < t.size() && (t[g] == '<' || t[g] == '>')) ++g;
  if (g < t.size() && t[g] == '=') ++g;
  auto x = parse_xrange(std::string_view(t).substr(g), false);
  if (x && (is_x(x->major) || is_x(x->minor) || is_x(x->patch))) {
    return strip_star(xrange_with_x(t.substr(0, g), *x));
  }
  return strip_star(t);
}

bool version_start(char c) { return is_digit(c) || c == 'x' || c == 'X' || c == '*'; }
bool version_body(char c) { return is_ident_char(c) || c == '.' || c == '+' || c == '*'; }

}  // namespace

std::optional<std::string> expand_hyphen(std::string_view part) {
  size_t dash = part.find(" - ");
  if (dash == std::string_view::npos) return std::nullopt;
  auto from = parse_xrange(part.substr(0, dash), true);
  auto to = parse_xrange(part.substr(dash + 3), true);
  if (!from || !to) return std::nullopt;
  std::string a;
  if (is_x(from->major)) {
  } else if (is_x(from->minor)) {
    a = cat({">=", from->major, ".0.0"});
  } else if (is_x(from->patch)) {
    a = cat({">=", from->major, ".", from->minor, ".0"});
  } else {
    a = cat({">=", from->text});
  }
  std::string b;
  if (is_x(to->major)) {
  } else if (is_x(to->minor)) {
    b = cat({"<", inc(to->major), ".0.0-0"});
  } else if (is_x(to->patch)) {
    b = cat({"<", to->major, ".", inc(to->minor), ".0-0"});
  } else if (!to->pre.empty()) {
    b = cat({"<=", to->major, ".", to->minor, ".", to->patch, "-", to->pre});
  } else {
    b = cat({"<=", to->text});
  }
  return std::string(js_trim(a + " " + b));
}

std::string trim_operators(std::string_view s) {
  std::string out;
  size_t n = s.size();
  for (size_t i = 0; i < n;) {
    size_t g = i;
    while (g < n && s[g] == ' ') ++g;
    if (g < n && (s[g] == '<' || s[g] == '>')) ++g;
    if (g < n && s[g] == '=') ++g;
    size_t k = g;
    while (k < n && s[k] == ' ') ++k;
    size_t v = k;
    while (v < n && (s[v] == 'v' || s[v] == '=' || s[v] == ' ')) ++v;
    if (v < n && version_start(s[v])) {  // COMPARATORTRIM matched "<sp><op><sp><version>"
      size_t e = v;
      while (e < n && version_body(s[e])) ++e;
      out.append(s.substr(i, g - i)).append(s.substr(k, e - k));
      i = e;
      continue;
    }
    out += s[i++];
  }
  std::string result;  // TILDETRIM ("~ ", "~> ") and CARETTRIM ("^ ")
  for (size_t i = 0; i < out.size(); ++i) {
    result += out[i];
    if (out[i] == '~' && out.compare(i + 1, 2, "> ") == 0) {
      i += 2;
    } else if ((out[i] == '~' || out[i] == '^') && i + 1 < out.size() && out[i + 1] == ' ') {
      i += 1;
    }
  }
  return result;
}

std::vector<std::string> expand_token(std::string_view token) {
  std::string text = expand_one(strip_build(token));
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t sp = text.find(' ', start);
    if (sp == std::string::npos) sp = text.size();
    if (sp > start) out.push_back(text.substr(start, sp - start));
    start = sp + 1;
  }
  return out;
}

}  // namespace customs::npm_range
