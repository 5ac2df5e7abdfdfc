// Image age: IM006 (older than the policy's max_image_age_days) and IM007 (no real build time),
// and the RFC 3339 parser they share.
#include <algorithm>
#include <cctype>

#include "analyzers/image/image_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

// Times before Docker existed are placeholders: reproducible builds write the epoch (or
// 1980-01-01, the zip epoch), some tools Go's zero time 0001-01-01.
constexpr int64_t kFirstRealTime = 1356998400;  // 2013-01-01T00:00:00Z
constexpr int64_t kDay = 86400;

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int64_t y, int64_t m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `*i` into *out.
bool digits(std::string_view s, size_t* i, size_t n, int64_t* out) {
  if (*i + n > s.size()) return false;
  int64_t v = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

bool expect(std::string_view s, size_t* i, std::string_view chars) {
  if (*i >= s.size() || chars.find(s[*i]) == std::string_view::npos) return false;
  ++*i;
  return true;
}

// "Z", "+02:00", "-0530" -> seconds east of UTC.
std::optional<int64_t> parse_offset(std::string_view s, size_t i) {
  if (i + 1 == s.size() && (s[i] == 'Z' || s[i] == 'z')) return 0;
  if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return std::nullopt;
  int64_t sign = s[i] == '-' ? -1 : 1, hh = 0, mm = 0;
  ++i;
  if (!digits(s, &i, 2, &hh)) return std::nullopt;
  if (i < s.size() && s[i] == ':') ++i;
  if (!digits(s, &i, 2, &mm) || i != s.size() || hh > 23 || mm > 59) return std::nullopt;
  return sign * (hh * 3600 + mm * 60);
}

}  // namespace

std::optional<int64_t> parse_rfc3339(std::string_view text) {
  std::string_view s = trim(text);
  size_t i = 0;
  int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, &i, 4, &y) || !expect(s, &i, "-") || !digits(s, &i, 2, &mo) || !expect(s, &i, "-") ||
      !digits(s, &i, 2, &d) || !expect(s, &i, "Tt ") || !digits(s, &i, 2, &h) || !expect(s, &i, ":") ||
      !digits(s, &i, 2, &mi) || !expect(s, &i, ":") || !digits(s, &i, 2, &sec))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60)
    return std::nullopt;
  if (i < s.size() && s[i] == '.') {
    size_t start = ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return std::nullopt;
  }
  std::optional<int64_t> offset = parse_offset(s, i);
  if (!offset) return std::nullopt;
  return days_from_civil(y, mo, d) * kDay + h * 3600 + mi * 60 + std::min<int64_t>(sec, 59) - *offset;
}

void check_image_age(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  int max_days = ctx.policy.max_image_age_days;
  const std::string& created = ctx.meta.config.created;
  std::optional<int64_t> t = parse_rfc3339(created);
  if (max_days <= 0 || ctx.now <= 0 || !t || *t < kFirstRealTime) return;
  int64_t age = (ctx.now - *t) / kDay;
  if (age <= max_days) return;
  out.report(rule, ctx.at_config("created"),
             "The image was built on " + std::string(trim(created)).substr(0, 10) + ", " +
                 std::to_string(age) + " days ago; the policy asks for a rebuild every " +
                 std::to_string(max_days) + " days",
             "created=" + created, "created");
}

void check_created_unknown(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  const std::string& created = ctx.meta.config.created;
  if (trim(created).empty()) {
    out.report(rule, ctx.at_config("created"), "The image config has no `created` time", "created not set",
               "created");
    return;
  }
  std::optional<int64_t> t = parse_rfc3339(created);
  if (!t || *t >= kFirstRealTime) return;  // unparseable: nothing can be said
  out.report(rule, ctx.at_config("created"),
             "The image config's `created` time " + created +
                 " is a placeholder (reproducible builds write the epoch), so the image's age is unknown",
             "created=" + created, "created");
}

}  // namespace customs
