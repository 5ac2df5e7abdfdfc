#pragma once
// What a run produced, handed to a Reporter. Reporters are chosen by name from a table.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "findings/finding.h"
#include "findings/rule.h"
#include "vulndb/matcher.h"
#include "vulndb/vulnerability.h"

namespace customs {

struct ScanTarget {
  std::string path;    // as the user gave it (or as found walking a directory)
  std::string kind;    // "dockerfile", later "image", "rootfs", ...
  bool parsed = true;  // false when the target could not be read or parsed at all
};

// One layer of a scanned image, for the summary.
struct ImageLayerSummary {
  size_t index = 0;
  std::string digest;   // blob digest as stored ("" for a root file system)
  std::string diff_id;  // digest of the uncompressed tar
  uint64_t size = 0;    // stored (compressed) bytes
  uint64_t uncompressed_size = 0;
  uint64_t entries = 0;
  std::string created_by;  // the history command that made it
  bool from_cache = false;
};

// What a scanned image is, for people and for the JSON report.
struct ImageSummary {
  std::string reference;    // as given
  std::string source_kind;  // docker-archive, oci-layout, oci-archive, registry, rootfs
  std::string name;         // repo:tag when known
  std::string manifest_digest;
  std::string config_digest;
  std::string os;            // os-release PRETTY_NAME, else config os
  std::string os_id;         // os-release ID ("debian")
  std::string os_version;    // os-release VERSION_ID ("12")
  std::string architecture;  // "linux/amd64"
  std::string created;       // config created, as given
  std::string user;          // config User ("" = root)
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::vector<std::string> exposed_ports;
  std::string base_image;         // name (and @digest) of the base image when known
  std::string base_image_source;  // "annotation", "label", "history" or ""
  uint64_t size = 0;              // sum of stored layer bytes
  uint64_t uncompressed_size = 0;
  uint64_t files = 0;  // entries in the final view
  std::vector<ImageLayerSummary> layers;
  // Packages in the final file system per ecosystem (purl type), in ecosystem order.
  std::vector<std::pair<std::string, size_t>> package_counts;
};

// The vulnerabilities of a scanned target, matched against the local database.
struct VulnSection {
  bool scanned = false;  // false: not matched (no database, --skip-vulns); `why` says why
  std::string why;
  std::string database;  // the database file used
  MatchStats stats;
  std::vector<Vulnerability> items;  // in triage order; suppressed ones included, marked
};

struct ScanReport {
  std::string tool_name = "customs";
  std::string tool_version;
  std::string command;  // "dockerfile"
  std::vector<ScanTarget> targets;
  std::vector<Finding> findings;  // suppressed ones included, marked
  Diagnostics diagnostics;
  std::vector<const Rule*> rules;    // every rule that ran (for SARIF rule metadata)
  std::vector<ImageSummary> images;  // image scans: one per image
  VulnSection vulns;                 // image and SBOM scans
};

struct RenderOptions {
  bool color = false;            // ANSI colours (table only), on when stdout is a TTY
  bool show_suppressed = false;  // table only: list suppressed findings too
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual std::string render(const ScanReport& report, const RenderOptions& options) const = 0;
};

struct ReporterEntry {
  std::string_view name;  // "table", "json", "sarif"
  std::string_view description;
  std::function<std::unique_ptr<Reporter>()> make;
};

// The name table of reporters.
const std::vector<ReporterEntry>& reporters();
const ReporterEntry* find_reporter(std::string_view name);

}  // namespace customs
