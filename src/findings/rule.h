#pragma once
// A rule: the fixed description behind every finding of one kind. Rules are rows in the check
// tables of the analyzers; `customs checks`, the docs and SARIF rule metadata are made from them.
#include <string_view>

#include "findings/severity.h"

namespace customs {

// The seven practices customs puts into code (DEVELOPERS.md, NIST SP 800-190, CIS Docker).
enum class Practice {
  kBenchmarks = 1,      // use the benchmarks (CIS Docker, NIST SP 800-190)
  kRebuild = 2,         // rebuild regularly
  kSupplyChain = 3,     // secure the image supply chain
  kLeastPrivilege = 4,  // protect the hosts
  kSecrets = 5,         // distribute secrets securely
  kResourceLimits = 6,  // set resource limits
  kLogging = 7,         // keep persistent logs
};

const char* to_string(Practice p);  // "supply-chain", "least-privilege", ...

struct Rule {
  std::string_view id;  // stable, e.g. "DF021"
  Severity severity;    // default; customs.yaml may override
  Practice practice;
  std::string_view title;   // one line, says what is wrong
  std::string_view why;     // why it matters
  std::string_view fix;     // how to fix it
  std::string_view source;  // the benchmark or standard behind it: "CIS Docker 4.1", "NIST SP 800-190 4.1.2"
  bool enabled_by_default = true;
};

}  // namespace customs
