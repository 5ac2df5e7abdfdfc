#pragma once
// Matching: the packages of an inventory against the advisories of the local database.
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"
#include "model/inventory.h"
#include "vulndb/store.h"
#include "vulndb/vulnerability.h"

namespace customs {

// Language packages whose files an OS package owns (a Python library installed by dpkg):
// kSkip matches them only through the OS package (distributions backport fixes without changing
// the upstream version); kMatch also matches their language advisories and says the distribution
// may have patched them.
enum class OsOwnedMode { kSkip, kMatch };

struct MatchOptions {
  OsOwnedMode os_owned = OsOwnedMode::kSkip;
  std::vector<std::string> severity_order;  // --severity-source; empty: the defaults
};

struct MatchStats {
  size_t packages = 0;          // packages looked at
  size_t matched_packages = 0;  // with at least one vulnerability
  size_t os_owned_skipped = 0;  // language packages left to their OS package
  size_t not_matchable = 0;     // no ecosystem or distribution advisories apply to
  size_t incomparable = 0;      // advisory entries skipped because a version could not be compared
};

struct MatchResult {
  std::vector<Vulnerability> vulnerabilities;  // sorted by triage_less()
  MatchStats stats;
  Diagnostics diagnostics;
};

Result<MatchResult> match_inventory(const Inventory& inventory, VulnStore& store,
                                    const MatchOptions& options);

// The default order: known exploited first, then those a fix reaches, then by EPSS, severity,
// score, package and id.
bool triage_less(const Vulnerability& a, const Vulnerability& b);

}  // namespace customs
