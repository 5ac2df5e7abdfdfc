#include <algorithm>

#include "report/report.h"

namespace customs {

const std::vector<ReporterEntry>& reporters() {
  static const std::vector<ReporterEntry> table = {};
  return table;
}

const ReporterEntry* find_reporter(std::string_view name) {
  const auto& t = reporters();
  auto it = std::find_if(t.begin(), t.end(), [&](const ReporterEntry& e) { return e.name == name; });
  return it == t.end() ? nullptr : &*it;
}

}  // namespace customs
