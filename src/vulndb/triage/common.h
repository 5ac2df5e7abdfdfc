#pragma once
// What the triage inputs (ignore file, VEX documents, baselines) share: how they recognise a
// vulnerability by its ids and its package URL, and the dates and times they carry.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/package.h"

namespace customs::triage {

// True when `id` is `primary` or one of `aliases` (ids compared case-insensitively: "ghsa-..." and
// "GHSA-..." are the same advisory).
bool names_id(std::string_view id, std::string_view primary, const std::vector<std::string>& aliases);

// True when the package URL `purl` names what `pattern` names: the same type (case-insensitive),
// namespace and name (PyPI names normalised), the same version when the pattern gives one, each
// qualifier the pattern gives present in `purl` with the same value, and the same subpath when the
// pattern gives one. An unparseable `purl` matches nothing.
bool purl_matches(const PackageUrl& pattern, std::string_view purl);
bool purl_matches(const PackageUrl& pattern, const PackageUrl& purl);

// The package of a purl without version, qualifiers and subpath ("pkg:deb/debian/openssl"), or
// "" when `purl` does not parse: two findings in one package have the same identity across versions.
std::string package_identity(std::string_view purl);

// True for a real calendar date written "YYYY-MM-DD".
bool is_calendar_date(std::string_view text);

// An instant on the UTC time line, ordered.
struct Instant {
  int64_t seconds = 0;  // since 1970-01-01T00:00:00Z
  int64_t nanos = 0;    // 0 .. 999,999,999
  bool operator==(const Instant& o) const { return seconds == o.seconds && nanos == o.nanos; }
  bool operator<(const Instant& o) const {
    return seconds < o.seconds || (seconds == o.seconds && nanos < o.nanos);
  }
};

// Parses an RFC 3339 date-time ("2023-01-08T18:02:03.647787998-06:00", "...Z"); nullopt when it
// is not one.
std::optional<Instant> parse_instant(std::string_view text);

}  // namespace customs::triage
