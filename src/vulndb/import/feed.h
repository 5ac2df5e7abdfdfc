#pragma once
// Which importer reads a file: detect_feed looks at a file's name and first bytes, parse_feed
// runs the importer of a kind (one table row per kind, in feed.cc).
#include <optional>
#include <string_view>

#include "core/diagnostics.h"
#include "core/result.h"
#include "vulndb/advisory.h"

namespace customs {

enum class FeedKind {
  kOsvJson,
  kOsvYaml,
  kDebianTrackerJson,
  kDebianList,
  kVulnListDebian,
  kAlpineSecdb,
  kNvdApi2,
  kNvd11,
  kKevJson,
  kKevCsv,
  kEpssCsv,
};

// "osv-json", "osv-yaml", "debian-tracker-json", "debian-list", "vuln-list-debian",
// "alpine-secdb", "nvd-api2", "nvd-1.1", "kev-json", "kev-csv", "epss-csv".
std::string_view to_string(FeedKind kind);
std::optional<FeedKind> feed_kind_from(std::string_view name);

// The kind of feed a file holds, from its name and its first bytes (a few KB are enough: only
// the first keys or lines are looked at); nullopt when it is none of them (vuln-list's
// distributions.json and package indexes, Red Hat data, anything else).
std::optional<FeedKind> detect_feed(std::string_view name, std::string_view head);

// Runs the importer of `kind` on the bytes of one input; `name` goes into locations.
Result<FeedBatch> parse_feed(FeedKind kind, std::string_view bytes, std::string_view name,
                             Diagnostics& diags);

}  // namespace customs
