#include "vulndb/import/feed.h"

#include <array>

#include "core/strings.h"
#include "vulndb/import/debian.h"
#include "vulndb/import/feed_util.h"
#include "vulndb/import/osv.h"
#include "vulndb/import/parsers.h"

namespace customs {

namespace {

using FeedParser = Result<FeedBatch> (*)(std::string_view bytes, std::string_view name, Diagnostics& diags);

struct FeedRow {
  FeedKind kind;
  std::string_view name;
  FeedParser parse;
};

constexpr std::array<FeedRow, 11> kFeeds{{
    {FeedKind::kOsvJson, "osv-json", &parse_osv_json},
    {FeedKind::kOsvYaml, "osv-yaml", &parse_osv_yaml},
    {FeedKind::kDebianTrackerJson, "debian-tracker-json", &parse_debian_tracker_json},
    {FeedKind::kDebianList, "debian-list", &parse_debian_list},
    {FeedKind::kVulnListDebian, "vuln-list-debian", &parse_vuln_list_debian},
    {FeedKind::kAlpineSecdb, "alpine-secdb", &parse_alpine_secdb},
    {FeedKind::kNvdApi2, "nvd-api2", &parse_nvd_api2},
    {FeedKind::kNvd11, "nvd-1.1", &parse_nvd_11},
    {FeedKind::kKevJson, "kev-json", &parse_kev_json},
    {FeedKind::kKevCsv, "kev-csv", &parse_kev_csv},
    {FeedKind::kEpssCsv, "epss-csv", &parse_epss_csv},
}};

constexpr bool rows_in_enum_order() {
  for (size_t i = 0; i < kFeeds.size(); ++i) {
    if (kFeeds[i].kind != static_cast<FeedKind>(i)) return false;
  }
  return true;
}
static_assert(rows_in_enum_order(), "kFeeds is indexed by FeedKind");

const FeedRow& row_of(FeedKind kind) { return kFeeds[static_cast<size_t>(kind)]; }

// A JSON feed is known by keys near its start: all of `all`, one of `any` (when given), and the
// text `marker` somewhere in the head (when given).
struct JsonRule {
  FeedKind kind;
  std::array<std::string_view, 3> all;
  std::array<std::string_view, 3> any;
  std::string_view marker;
};

// First match wins: KEV and NVD 1.1 before the "vulnerabilities" of an NVD 2.0 response (CSAF
// VEX documents have "vulnerabilities" and "cve" too, hence the format marker), the tracker
// before OSV (only the tracker has "releases").
constexpr std::array<JsonRule, 9> kJsonRules{{
    {FeedKind::kKevJson, {"catalogVersion", "vulnerabilities"}, {}, ""},
    {FeedKind::kNvd11, {"CVE_Items"}, {}, ""},
    {FeedKind::kNvdApi2, {"vulnerabilities", "format"}, {}, "\"NVD_CVE\""},
    {FeedKind::kNvdApi2, {"sourceIdentifier", "id"}, {}, ""},
    {FeedKind::kVulnListDebian, {"Header", "ID"}, {}, ""},
    {FeedKind::kAlpineSecdb, {"secfixes"}, {}, ""},
    {FeedKind::kAlpineSecdb, {"distroversion", "packages"}, {}, ""},
    {FeedKind::kDebianTrackerJson, {"releases", "status", "repositories"}, {}, ""},
    {FeedKind::kOsvJson, {"id"}, {"affected", "modified", "schema_version"}, ""},
}};

bool matches(const JsonRule& rule, std::string_view head) {
  for (std::string_view key : rule.all) {
    if (!key.empty() && !has_json_key(head, key)) return false;
  }
  if (!rule.marker.empty() && !contains(head, rule.marker)) return false;
  if (rule.any.front().empty()) return true;
  for (std::string_view key : rule.any) {
    if (!key.empty() && has_json_key(head, key)) return true;
  }
  return false;
}

std::string_view first_line(std::string_view text) {
  size_t nl = text.find('\n');
  return trim(text.substr(0, nl));
}

std::optional<FeedKind> detect_text(std::string_view name, std::string_view head) {
  std::string_view line = first_line(head);
  if (line.starts_with("#model_version") || line.starts_with("cve,epss")) return FeedKind::kEpssCsv;
  if (line.starts_with("cveID,")) return FeedKind::kKevCsv;
  DebianEntry probe;
  if (parse_debian_list_header(line, probe)) return FeedKind::kDebianList;
  bool yaml = name.ends_with(".yaml") || name.ends_with(".yml");
  if (yaml && (head.starts_with("id:") || contains(head, "\nid:"))) return FeedKind::kOsvYaml;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(FeedKind kind) { return row_of(kind).name; }

std::optional<FeedKind> feed_kind_from(std::string_view name) {
  for (const FeedRow& row : kFeeds) {
    if (row.name == name) return row.kind;
  }
  return std::nullopt;
}

std::optional<FeedKind> detect_feed(std::string_view name, std::string_view head) {
  head = strip_bom(head);
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return std::nullopt;
  head = head.substr(start);
  if (head.front() != '{') {
    std::optional<FeedKind> text = detect_text(name, head);  // a DSA list starts with "[" too
    if (text || head.front() != '[') return text;
  }
  if (has_json_key(head, "$schema")) return std::nullopt;  // a JSON Schema describes a feed, it is none
  for (const JsonRule& rule : kJsonRules) {
    if (matches(rule, head)) return rule.kind;
  }
  return std::nullopt;
}

Result<FeedBatch> parse_feed(FeedKind kind, std::string_view bytes, std::string_view name,
                             Diagnostics& diags) {
  return row_of(kind).parse(bytes, name, diags);
}

}  // namespace customs
