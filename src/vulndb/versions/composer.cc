// Packagist versions as Composer compares them: composer/semver 3.3's VersionParser::normalize()
// on each side (a string it refuses is invalid), then Comparator::compare(), which is PHP's
// version_compare() on the normalised strings (php_version.cc) except for branches:
//   - two "dev-" branches are equal when their normalised names are identical and otherwise
//     not comparable (Composer answers false to <, == and >): nullopt here;
//   - a branch against a numbered version is what version_compare() says: the branch is lower.
// The regexes of normalize() are matched by hand; each step names the one it stands for.
#include <optional>
#include <string>
#include <string_view>

#include "vulndb/versions/composer.h"
#include "vulndb/versions/lang_util.h"
#include "vulndb/versions/php_version.h"
#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

using langver::is_digit;
using langver::istarts_with;

// PCRE's "$" without /D: the end, or just before a final "\n".
bool at_end(std::string_view s, size_t i) { return i == s.size() || (i + 1 == s.size() && s[i] == '\n'); }

bool pcre_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// PHP's trim(): " \t\n\r\0\x0B".
std::string_view php_trim(std::string_view s) {
  auto trimmed = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\x0B';
  };
  while (!s.empty() && trimmed(s.front())) s.remove_prefix(1);
  while (!s.empty() && trimmed(s.back())) s.remove_suffix(1);
  return s;
}

size_t digits_at(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && is_digit(s[j])) ++j;
  return j - i;
}

// {^([^,\s]++) ++as ++([^,\s]++)$}: "1.0 as 2.0" keeps "1.0".
std::string_view strip_alias(std::string_view v) {
  auto word_end = [&](size_t i) {
    while (i < v.size() && v[i] != ',' && !pcre_space(v[i])) ++i;
    return i;
  };
  size_t first = word_end(0);
  size_t i = first;
  while (i < v.size() && v[i] == ' ') ++i;
  if (first == 0 || i == first || v.substr(i, 2) != "as") return v;
  size_t j = i + 2;
  while (j < v.size() && v[j] == ' ') ++j;
  if (j == i + 2) return v;
  size_t second = word_end(j);
  return (second > j && at_end(v, second)) ? v.substr(0, first) : v;
}

// {@(?:stable|RC|beta|alpha|dev)$}i (v is trimmed here, so "$" is the end).
std::string_view strip_stability_flag(std::string_view v) {
  for (std::string_view flag : {"@stable", "@rc", "@beta", "@alpha", "@dev"}) {
    if (v.size() >= flag.size() && langver::iequals_ascii(v.substr(v.size() - flag.size()), flag)) {
      return v.substr(0, v.size() - flag.size());
    }
  }
  return v;
}

// {^([^,\s+]++)\+[^\s]++$}: "1.0+build" keeps "1.0".
std::string_view strip_build_metadata(std::string_view v) {
  size_t i = 0;
  while (i < v.size() && v[i] != ',' && v[i] != '+' && !pcre_space(v[i])) ++i;
  if (i == 0 || i == v.size() || v[i] != '+') return v;
  size_t j = i + 1;
  while (j < v.size() && !pcre_space(v[j])) ++j;
  return (j > i + 1 && at_end(v, j)) ? v.substr(0, i) : v;
}

// What self::$modifierRegex captured: [._-]?(?:(stability)((?:[.-]?\d+)*+)?)?([.-]?dev)?$
struct Modifier {
  std::string_view stability;  // as written; empty when absent
  std::string_view number;     // e.g. ".2" or "1.2"
  bool dev = false;
};

// Longest first where one spelling is a prefix of another (the regex backtracks to the same).
constexpr std::string_view kStabilities[] = {"stable", "beta", "b", "RC", "alpha", "a", "patch", "pl", "p"};

std::string_view match_stability(std::string_view s) {
  std::string_view best;
  for (std::string_view w : kStabilities) {
    if (w.size() > best.size() && istarts_with(s, w)) best = s.substr(0, w.size());
  }
  return best;
}

// [._-]? then the longest stability spelling, its numbers (possessive), [.-]?dev, and the end.
// The leading separator is always taken when present: "-dev" matches as "-" then "dev" and the
// regex's other readings capture the same things.
std::optional<Modifier> match_modifier(std::string_view s) {
  Modifier m;
  size_t i = (!s.empty() && (s[0] == '.' || s[0] == '_' || s[0] == '-')) ? 1 : 0;
  m.stability = match_stability(s.substr(i));
  i += m.stability.size();
  if (!m.stability.empty()) {
    size_t start = i;
    for (;;) {
      size_t j = i + ((i < s.size() && (s[i] == '.' || s[i] == '-')) ? 1 : 0);
      size_t n = digits_at(s, j);
      if (n == 0) break;
      i = j + n;
    }
    m.number = s.substr(start, i - start);
  }
  size_t j = i + ((i < s.size() && (s[i] == '.' || s[i] == '-')) ? 1 : 0);
  if (istarts_with(s.substr(j), "dev")) {
    m.dev = true;
    i = j + 3;
  }
  if (!at_end(s, i)) return std::nullopt;
  return m;
}

std::string expand_stability(std::string_view s) {
  std::string lower;
  for (char c : s) lower.push_back(langver::to_lower_ascii(c));
  if (lower == "a") return "alpha";
  if (lower == "b") return "beta";
  if (lower == "p" || lower == "pl") return "patch";
  if (lower == "rc") return "RC";
  return lower;
}

// The "add version modifiers" step of normalize().
std::string with_modifier(std::string version, const Modifier& m) {
  if (!m.stability.empty()) {
    if (m.stability == "stable") return version;
    version += "-" + expand_stability(m.stability);
    size_t skip = m.number.find_first_not_of(".-");
    if (skip != std::string_view::npos) version += m.number.substr(skip);
  }
  if (m.dev) version += "-dev";
  return version;
}

size_t skip_v(std::string_view v) { return (!v.empty() && (v[0] == 'v' || v[0] == 'V')) ? 1 : 0; }

// {^v?(\d{1,5})(\.\d++)?(\.\d++)?(\.\d++)?<modifier>$}i
std::optional<std::string> match_classical(std::string_view v) {
  size_t i = skip_v(v);
  size_t major = digits_at(v, i);
  if (major == 0 || major > 5) return std::nullopt;
  std::string out(v.substr(i, major));
  i += major;
  for (int part = 0; part < 3; ++part) {
    size_t n = (i < v.size() && v[i] == '.') ? digits_at(v, i + 1) : 0;
    out += n > 0 ? v.substr(i, n + 1) : std::string_view(".0");
    i += n > 0 ? n + 1 : 0;
  }
  auto m = match_modifier(v.substr(i));
  if (!m) return std::nullopt;
  return with_modifier(std::move(out), *m);
}

// \d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})? matching all of c, from `pos` after `reps` pairs.
bool date_from(std::string_view c, size_t pos, int reps) {
  auto sep = [&](size_t p) { return p < c.size() && (c[p] == '.' || c[p] == ':' || c[p] == '-'); };
  if (reps >= 1) {
    if (pos == c.size()) return true;
    size_t p = pos + (sep(pos) ? 1 : 0);
    size_t n = c.size() - p;
    if (n >= 1 && n <= 3 && digits_at(c, p) == n) return true;
  }
  if (reps == 6) return false;
  if (digits_at(c, pos) >= 2 && date_from(c, pos + 2, reps + 1)) return true;
  return sep(pos) && digits_at(c, pos + 1) >= 2 && date_from(c, pos + 3, reps + 1);
}

// {^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?)<modifier>$}i. A modifier cannot start with a
// digit or ":" nor with [.-] before a digit, so the date is the whole run of digit groups joined
// by single [.:-] and the regex matches when that run is a date.
std::optional<std::string> match_date(std::string_view v) {
  size_t start = skip_v(v);
  size_t end = start + digits_at(v, start);
  while (end + 1 < v.size() && (v[end] == '.' || v[end] == ':' || v[end] == '-') &&
         langver::is_digit(v[end + 1])) {
    end += 1 + digits_at(v, end + 1);
  }
  std::string_view run = v.substr(start, end - start);
  if (digits_at(run, 0) < 4 || !date_from(run, 4, 0)) return std::nullopt;
  auto m = match_modifier(v.substr(end));
  if (!m) return std::nullopt;
  std::string out(run);
  for (char& c : out) {
    if (!langver::is_digit(c)) c = '.';
  }
  return with_modifier(std::move(out), *m);
}

// normalizeBranch() when the name is numeric: {^v?(\d++)(\.(?:\d++|[xX*]))?{3}$}i, "x" for
// every missing or wildcard part, then 9999999 for each "x", and "-dev".
std::optional<std::string> numeric_branch(std::string_view name) {
  name = php_trim(name);
  size_t i = skip_v(name);
  size_t n = digits_at(name, i);
  if (n == 0) return std::nullopt;
  std::string out(name.substr(i, n));
  i += n;
  for (int part = 0; part < 3; ++part) {
    if (i + 1 < name.size() && name[i] == '.' && (n = digits_at(name, i + 1)) > 0) {
      out += name.substr(i, n + 1);
      i += n + 1;
    } else if (i + 1 < name.size() && name[i] == '.' &&
               (name[i + 1] == 'x' || name[i + 1] == 'X' || name[i + 1] == '*')) {
      out += ".9999999";
      i += 2;
    } else {
      out += ".9999999";
    }
  }
  if (!at_end(name, i)) return std::nullopt;
  return out + "-dev";
}

// {(.*?)[.-]?dev$}i then normalizeBranch(): "1.x-dev" is "1.9999999.9999999.9999999-dev".
// "." does not match "\n", so the name starts after the last newline before it.
std::optional<std::string> match_dev_branch(std::string_view v) {
  size_t body = v.ends_with('\n') ? v.size() - 1 : v.size();
  if (body < 3 || !langver::iequals_ascii(v.substr(body - 3, 3), "dev")) return std::nullopt;
  size_t k = body - 3;
  if (k > 0 && (v[k - 1] == '.' || v[k - 1] == '-')) --k;
  size_t newline = v.substr(0, k).rfind('\n');
  size_t from = newline == std::string_view::npos ? 0 : newline + 1;
  return numeric_branch(v.substr(from, k - from));
}

}  // namespace

std::optional<std::string> composer_normalize(std::string_view input) {
  std::string_view v = strip_stability_flag(strip_alias(php_trim(input)));
  if (v == "master" || v == "trunk" || v == "default") return "dev-" + std::string(v);
  if (istarts_with(v, "dev-")) return "dev-" + std::string(v.substr(4));
  v = strip_build_metadata(v);
  if (auto classical = match_classical(v)) return classical;
  if (auto date = match_date(v)) return date;
  return match_dev_branch(v);
}

namespace {

bool is_branch(std::string_view normalized) { return normalized.starts_with("dev-"); }

}  // namespace

std::optional<int> compare_composer(std::string_view a, std::string_view b) {
  auto na = composer_normalize(a);
  auto nb = composer_normalize(b);
  if (!na || !nb) return std::nullopt;
  if (is_branch(*na) && is_branch(*nb)) {
    if (*na == *nb) return 0;
    return std::nullopt;  // Composer: neither <, == nor >
  }
  return langver::php_version_compare(*na, *nb);
}

}  // namespace customs
