#include <set>
#include <string>

#include "report/reporters.h"

namespace customs {

const Rule& rule_of(const Finding& f) {
  static const Rule kUnknown{"unknown",
                             Severity::kMedium,
                             Practice::kBenchmarks,
                             "Unknown rule",
                             "The finding did not say which rule produced it.",
                             "",
                             "",
                             true};
  return f.rule != nullptr ? *f.rule : kUnknown;
}

ReportCounts count_findings(const ScanReport& report) {
  ReportCounts counts;
  for (const Finding& f : report.findings) {
    if (f.suppressed) {
      ++counts.suppressed;
      continue;
    }
    ++counts.unsuppressed;
    ++counts.by_severity[static_cast<size_t>(f.severity)];
  }
  return counts;
}

const std::array<Severity, 5>& severities_descending() {
  static const std::array<Severity, 5> order = {Severity::kCritical, Severity::kHigh, Severity::kMedium,
                                                Severity::kLow, Severity::kInfo};
  return order;
}

std::vector<const Rule*> rules_for(const ScanReport& report) {
  std::vector<const Rule*> rules;
  std::set<std::string_view> seen;
  auto add = [&](const Rule* r) {
    if (r != nullptr && seen.insert(r->id).second) rules.push_back(r);
  };
  for (const Rule* r : report.rules) add(r);
  for (const Finding& f : report.findings) add(&rule_of(f));
  return rules;
}

}  // namespace customs
