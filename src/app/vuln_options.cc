#include "app/vuln_options.h"

#include <CLI/CLI.hpp>

#include "core/strings.h"
#include "vulndb/severity.h"
#include "vulndb/triage/diff.h"
#include "vulndb/triage/ignore_file.h"
#include "vulndb/triage/vex.h"

namespace customs {

std::string default_db_path(const AppEnv& env) {
  if (!env.env_var("CUSTOMS_DB").empty()) return env.env_var("CUSTOMS_DB");
  std::string base = env.env_var("XDG_DATA_HOME");
  if (base.empty() && !env.env_var("HOME").empty()) base = env.env_var("HOME") + "/.local/share";
  if (base.empty()) return "";
  return base + "/customs/vuln.db";
}

void add_vuln_options(CLI::App& cli, VulnOptions& o) {
  cli.add_option("--db", o.db);
  cli.add_flag("--skip-vulns", o.skip);
  cli.add_option("--os-owned", o.os_owned);
  cli.add_option("--severity-source", o.severity_source);
  cli.add_option("--ignore-file", o.ignore_files);
  cli.add_option("--vex", o.vex);
  cli.add_option("--baseline", o.baseline);
}

std::string vuln_options_help() {
  return "Vulnerabilities (from the local database: customs db import / update):\n"
         "  --db FILE          the vulnerability database (default: $CUSTOMS_DB, else\n"
         "                     $XDG_DATA_HOME/customs/vuln.db, else ~/.local/share/customs/vuln.db)\n"
         "  --skip-vulns       do not match vulnerabilities\n"
         "  --os-owned MODE    skip: language packages installed by an OS package are matched\n"
         "                     through that package only (distributions backport fixes); match:\n"
         "                     also against their language advisories (skip)\n"
         "  --severity-source LIST  the order in which rating sources decide the severity, e.g.\n"
         "                     nvd,vendor,ghsa (default: vendor,nvd,ghsa,osv for OS packages,\n"
         "                     ghsa,nvd,osv,vendor for language packages)\n"
         "  --ignore-file FILE ignore list (default ./.customsignore.yaml when present)\n"
         "  --vex FILE         OpenVEX or CycloneDX VEX document (repeatable)\n"
         "  --baseline FILE    a previous JSON report: report only what is not in it\n";
}

Result<MatchOptions> match_options(const VulnOptions& o) {
  MatchOptions m;
  if (o.os_owned == "match") {
    m.os_owned = OsOwnedMode::kMatch;
  } else if (o.os_owned != "skip") {
    return make_error(ErrorKind::kUsage, "--os-owned takes skip or match, not '" + o.os_owned + "'");
  }
  for (const auto& s : split(o.severity_source, ',')) {
    std::string name = to_lower(trim(s));
    if (!name.empty()) m.severity_order.push_back(name);
  }
  return m;
}

namespace {

constexpr uint64_t kMaxTriageFile = uint64_t{64} << 20;
constexpr const char* kDefaultIgnoreFile = ".customsignore.yaml";

// The ignore files, VEX documents and baseline, applied in that order to the matched vulnerabilities:
// the first that suppresses a vulnerability names itself as the reason.
Status apply_triage(const VulnOptions& o, const AppEnv& env, MatchResult& result) {
  std::vector<std::string> ignore_files = o.ignore_files;
  if (ignore_files.empty() && env.fs.exists(kDefaultIgnoreFile)) ignore_files.push_back(kDefaultIgnoreFile);
  for (const auto& path : ignore_files) {
    auto bytes = env.fs.read_file(path, kMaxTriageFile);
    if (!bytes) return bytes.error();
    auto file = parse_ignore_file(*bytes, path);
    if (!file) return file.error();
    IgnoreOutcome outcome = apply_ignore_file(*file, result.vulnerabilities, utc_now("%Y-%m-%d"));
    result.diagnostics.append(outcome.diagnostics);
  }
  std::vector<VexDocument> documents;
  for (const auto& path : o.vex) {
    auto bytes = env.fs.read_file(path, kMaxTriageFile);
    if (!bytes) return bytes.error();
    auto doc = parse_vex(*bytes, path);
    if (!doc) return doc.error();
    result.diagnostics.append(doc->diagnostics);
    documents.push_back(std::move(*doc));
  }
  if (!documents.empty()) result.diagnostics.append(apply_vex(documents, result.vulnerabilities).diagnostics);
  if (!o.baseline.empty()) {
    auto bytes = env.fs.read_file(o.baseline, kMaxTriageFile);
    if (!bytes) return bytes.error();
    auto keys = read_report_vulnerabilities(*bytes, o.baseline);
    if (!keys) return keys.error();
    apply_baseline(*keys, result.vulnerabilities, o.baseline);
  }
  return ok_status();
}

}  // namespace

Result<VulnScan> scan_vulnerabilities(const Inventory& inventory, const VulnOptions& o, const AppEnv& env) {
  VulnScan scan;
  if (o.skip) {
    scan.why = "--skip-vulns";
    return scan;
  }
  auto options = match_options(o);
  if (!options) return options.error();
  scan.db_path = o.db.empty() ? default_db_path(env) : o.db;
  if (scan.db_path.empty() || !env.fs.exists(scan.db_path)) {
    if (!o.db.empty())
      return make_error(ErrorKind::kNotFound, "vulnerability database " + o.db + " does not exist");
    scan.why =
        "no vulnerability database at " + scan.db_path + " (customs db import FEEDS... or customs db update)";
    return scan;
  }
  auto store = VulnStore::open(scan.db_path, VulnStore::Mode::kReadOnly);
  if (!store) return store.error();
  auto result = match_inventory(inventory, **store, *options);
  if (!result) return result.error();
  if (Status s = apply_triage(o, env, *result); !s) return s.error();
  scan.scanned = true;
  scan.result = std::move(*result);
  return scan;
}

VulnSection to_section(VulnScan scan) {
  VulnSection s;
  s.scanned = scan.scanned;
  s.why = std::move(scan.why);
  s.database = std::move(scan.db_path);
  s.stats = scan.result.stats;
  s.items = std::move(scan.result.vulnerabilities);
  return s;
}

bool vulns_fail(const VulnSection& s, std::optional<Severity> fail_on) {
  if (!fail_on) return false;
  for (const auto& v : s.items) {
    auto sev = severity_from(v.severity);
    if (!v.suppressed && sev && *sev >= *fail_on) return true;
  }
  return false;
}

std::string vuln_count_text(const VulnSection& s) {
  if (!s.scanned) return "vulnerabilities not scanned (" + s.why + ")";
  size_t open = 0;
  for (const auto& v : s.items) open += v.suppressed ? 0 : 1;
  return std::to_string(open) + (open == 1 ? " vulnerability" : " vulnerabilities");
}

}  // namespace customs
