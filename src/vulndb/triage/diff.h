#pragma once
// Comparing scans: `customs diff OLD.json NEW.json` (what is new, fixed and unchanged) and
// `--baseline FILE` (report only what the baseline does not have), both over customs JSON reports.
//
// Two findings are the same vulnerability in the same place when
//  - their fingerprints are equal (id + package without version + path: a package upgraded to a
//    version that is still vulnerable is unchanged, not fixed and new), or
//  - they are in the same package (purl without version and qualifiers, else the name) at the same
//    path, and the id of one is the other's id or one of its aliases (one scan may have named it by
//    its GHSA id, another by its CVE).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "vulndb/vulnerability.h"

namespace customs {

// What a report says of one vulnerability, enough to recognise it in another report.
struct VulnKey {
  std::string id;
  std::vector<std::string> aliases;
  std::string fingerprint;
  std::string package_name;
  std::string package_version;
  std::string purl;
  std::string path;
  std::string severity;
  bool suppressed = false;
};

// Reads the top-level "vulnerabilities" array of a customs JSON report (id, aliases, fingerprint,
// severity, suppressed, package.name/version/purl/path). kInvalidInput naming the file (with line
// and column) for malformed JSON, a report without the array, or an entry without an id.
Result<std::vector<VulnKey>> read_report_vulnerabilities(std::string_view json_bytes, std::string_view name);

// The key of a vulnerability found now.
VulnKey key_of(const Vulnerability& v);

// True when the two are the same vulnerability in the same place (see above).
bool same_vulnerability(const VulnKey& a, const VulnKey& b);

struct VulnDiff {
  std::vector<VulnKey> added;                          // in the new report only
  std::vector<VulnKey> fixed;                          // in the old report only
  std::vector<std::pair<VulnKey, VulnKey>> unchanged;  // (old, new) in both
};

// Pairs each old finding with at most one new one (fingerprints first, then ids and aliases), in
// the order of the new report. Suppressed findings are compared like any other: drop them first to
// compare only what is reported.
VulnDiff diff_vulnerabilities(const std::vector<VulnKey>& old_keys, const std::vector<VulnKey>& new_keys);

// Suppresses each current vulnerability the baseline has (kind "baseline", reason "in baseline
// <baseline_name>"); one already suppressed keeps its first suppression. Returns how many it
// suppressed.
size_t apply_baseline(const std::vector<VulnKey>& baseline, std::vector<Vulnerability>& current,
                      std::string_view baseline_name);

}  // namespace customs
