#include "findings/severity.h"

#include "core/strings.h"
#include "findings/rule.h"

namespace customs {

const char* to_string(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "info";
}

std::optional<Severity> severity_from(std::string_view name) {
  std::string n = to_lower(name);
  if (n == "info") return Severity::kInfo;
  if (n == "low") return Severity::kLow;
  if (n == "medium" || n == "moderate") return Severity::kMedium;
  if (n == "high") return Severity::kHigh;
  if (n == "critical") return Severity::kCritical;
  return std::nullopt;
}

const char* to_string(Practice p) {
  switch (p) {
    case Practice::kBenchmarks: return "benchmarks";
    case Practice::kRebuild: return "rebuild";
    case Practice::kSupplyChain: return "supply-chain";
    case Practice::kLeastPrivilege: return "least-privilege";
    case Practice::kSecrets: return "secrets";
    case Practice::kResourceLimits: return "resource-limits";
    case Practice::kLogging: return "logging";
  }
  return "benchmarks";
}

}  // namespace customs
