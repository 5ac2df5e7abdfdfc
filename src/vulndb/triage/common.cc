#include "vulndb/triage/common.h"

#include <chrono>

#include "core/strings.h"

namespace customs::triage {

namespace {

// Reads `n` decimal digits at `at` (advancing it); nullopt when there are fewer.
std::optional<int> read_digits(std::string_view s, size_t& at, size_t n) {
  if (at + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = s[at + k];
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  at += n;
  return v;
}

bool read_char(std::string_view s, size_t& at, std::string_view allowed) {
  if (at >= s.size() || allowed.find(s[at]) == std::string_view::npos) return false;
  ++at;
  return true;
}

// Days since 1970-01-01 of a "YYYY-MM-DD" at `at`, nullopt unless a real calendar date.
std::optional<int64_t> read_date(std::string_view s, size_t& at) {
  auto y = read_digits(s, at, 4);
  if (!y || !read_char(s, at, "-")) return std::nullopt;
  auto m = read_digits(s, at, 2);
  if (!m || !read_char(s, at, "-")) return std::nullopt;
  auto d = read_digits(s, at, 2);
  if (!d) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month(static_cast<unsigned>(*m)),
                                  std::chrono::day(static_cast<unsigned>(*d))};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

// Nanoseconds of a ".fraction" at `at` (digits past the ninth ignored); 0 when there is none.
std::optional<int64_t> read_fraction(std::string_view s, size_t& at) {
  if (at >= s.size() || s[at] != '.') return 0;
  size_t start = ++at;
  int64_t nanos = 0;
  for (; at < s.size() && s[at] >= '0' && s[at] <= '9'; ++at)
    if (at - start < 9) nanos = nanos * 10 + (s[at] - '0');
  if (at == start) return std::nullopt;
  for (size_t k = std::min<size_t>(at - start, 9); k < 9; ++k) nanos *= 10;
  return nanos;
}

// Seconds east of UTC of the zone at `at` ("Z", "+05:30", "-06:00"), which must end the text.
std::optional<int64_t> read_zone(std::string_view s, size_t at) {
  if (at + 1 == s.size() && (s[at] == 'Z' || s[at] == 'z')) return 0;
  if (at >= s.size() || (s[at] != '+' && s[at] != '-')) return std::nullopt;
  int64_t sign = s[at++] == '-' ? -1 : 1;
  auto h = read_digits(s, at, 2);
  if (!h || !read_char(s, at, ":")) return std::nullopt;
  auto m = read_digits(s, at, 2);
  if (!m || at != s.size() || *h > 23 || *m > 59) return std::nullopt;
  return sign * (*h * 3600 + *m * 60);
}

}  // namespace

bool names_id(std::string_view id, std::string_view primary, const std::vector<std::string>& aliases) {
  if (id.empty()) return false;
  if (iequals(id, primary)) return true;
  for (const auto& a : aliases)
    if (iequals(id, a)) return true;
  return false;
}

bool purl_matches(const PackageUrl& pattern, std::string_view purl) {
  auto parsed = parse_purl(purl);
  return parsed.ok() && purl_matches(pattern, *parsed);
}

bool purl_matches(const PackageUrl& pattern, const PackageUrl& p) {
  bool pypi = p.type == "pypi";
  if (p.type != to_lower(pattern.type) || p.namespace_ != pattern.namespace_) return false;
  if (pypi ? normalize_python_name(p.name) != normalize_python_name(pattern.name) : p.name != pattern.name)
    return false;
  if (!pattern.version.empty() && p.version != pattern.version) return false;
  if (!pattern.subpath.empty() && p.subpath != pattern.subpath) return false;
  for (const auto& [key, value] : pattern.qualifiers) {
    bool found = false;
    for (const auto& [k, v] : p.qualifiers) found = found || (iequals(k, key) && v == value);
    if (!found) return false;
  }
  return true;
}

std::string package_identity(std::string_view purl) {
  auto parsed = parse_purl(purl);
  if (!parsed.ok()) return {};
  PackageUrl p = *parsed;
  p.version.clear();
  p.qualifiers.clear();
  p.subpath.clear();
  if (p.type == "pypi") p.name = normalize_python_name(p.name);
  return to_string(p);
}

bool is_calendar_date(std::string_view text) {
  size_t at = 0;
  return read_date(text, at).has_value() && at == text.size();
}

std::optional<Instant> parse_instant(std::string_view text) {
  std::string_view s = trim(text);
  size_t at = 0;
  auto days = read_date(s, at);
  if (!days || !read_char(s, at, "Tt ")) return std::nullopt;
  auto h = read_digits(s, at, 2);
  if (!h || !read_char(s, at, ":")) return std::nullopt;
  auto m = read_digits(s, at, 2);
  if (!m || !read_char(s, at, ":")) return std::nullopt;
  auto sec = read_digits(s, at, 2);
  if (!sec || *h > 23 || *m > 59 || *sec > 60) return std::nullopt;
  auto nanos = read_fraction(s, at);
  auto zone = nanos ? read_zone(s, at) : std::nullopt;
  if (!zone) return std::nullopt;
  int64_t seconds = *days * 86400 + int64_t{*h} * 3600 + int64_t{*m} * 60 + std::min(*sec, 59) - *zone;
  return Instant{seconds, *nanos};
}

}  // namespace customs::triage
