#include <algorithm>

#include "report/report.h"
#include "report/reporters.h"

namespace customs {

const std::vector<ReporterEntry>& reporters() {
  static const std::vector<ReporterEntry> table = {
      {"table", "findings grouped by file, for people (colours on a terminal)", make_table_reporter},
      {"json", "the versioned customs JSON report (docs/json-report.md)", make_json_reporter},
      {"sarif", "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers", make_sarif_reporter},
  };
  return table;
}

const ReporterEntry* find_reporter(std::string_view name) {
  const auto& t = reporters();
  auto it = std::find_if(t.begin(), t.end(), [&](const ReporterEntry& e) { return e.name == name; });
  return it == t.end() ? nullptr : &*it;
}

}  // namespace customs
