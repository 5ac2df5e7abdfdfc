#pragma once
// The vulnerability options shared by `customs image`, `customs sbom` and `customs db`: where the
// database is, how OS-owned packages and severities are treated, and the triage inputs.
#include <optional>
#include <string>
#include <vector>

#include "app/commands.h"
#include "core/result.h"
#include "findings/severity.h"
#include "report/report.h"
#include "vulndb/matcher.h"

namespace CLI {
class App;
}

namespace customs {

// --db, else $CUSTOMS_DB, else $XDG_DATA_HOME/customs/vuln.db, else ~/.local/share/customs/vuln.db.
std::string default_db_path(const AppEnv& env);

struct VulnOptions {
  std::string db;  // "" = default_db_path
  bool skip = false;
  std::string os_owned = "skip";          // "skip" or "match"
  std::string severity_source;            // comma-separated source order
  std::vector<std::string> ignore_files;  // --ignore-file (default ./.customsignore.yaml when present)
  std::vector<std::string> vex;           // --vex
  std::string baseline;                   // --baseline
};

void add_vuln_options(CLI::App& cli, VulnOptions& o);
std::string vuln_options_help();

// The matcher's options from the flags (kUsage for bad values).
Result<MatchOptions> match_options(const VulnOptions& o);

// What the vulnerability part of a scan produced, for the reports.
struct VulnScan {
  bool scanned = false;  // false: no database (or --skip-vulns); `why` says which
  std::string why;
  std::string db_path;
  MatchResult result;
};

// Opens the database and matches the inventory. A missing database is not an error (scanned =
// false, with why); an unreadable one is.
Result<VulnScan> scan_vulnerabilities(const Inventory& inventory, const VulnOptions& o, const AppEnv& env);

// The report's section from a scan.
VulnSection to_section(VulnScan scan);
// True when an unsuppressed vulnerability is at or above `fail_on` (unknown severities never are).
bool vulns_fail(const VulnSection& s, std::optional<Severity> fail_on);
// "12 vulnerabilities" or "vulnerabilities not scanned (why)".
std::string vuln_count_text(const VulnSection& s);

}  // namespace customs
