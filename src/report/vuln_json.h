#pragma once
// The JSON form of vulnerabilities, shared by the JSON report (docs/json-report.md) and read back
// by `customs diff` and --baseline.
#include "report/json_util.h"
#include "report/report.h"

namespace customs {

ojson vulnerability_json(const Vulnerability& v);
// "vulnerability_scan": {"scanned", "reason", "database", "stats", "counts"}.
ojson vuln_scan_json(const VulnSection& s);
// "vulnerabilities": the items, each vulnerability_json().
ojson vulnerabilities_json(const VulnSection& s);

}  // namespace customs
