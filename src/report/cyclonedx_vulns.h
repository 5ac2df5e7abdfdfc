#pragma once
// The CycloneDX 1.6 `vulnerabilities` section: one entry per vulnerability id, affecting every
// component (by bom-ref) that has it, with every rating (method CVSSv2/v3/v31/v4 or other), the
// aliases as references, the fix as recommendation, and suppressions as analysis.
#include <map>
#include <string>

#include "report/json_util.h"
#include "report/report.h"

namespace customs {

// `component_ref` maps a package's inventory ref to its bom-ref in the document.
ojson cyclonedx_vulnerabilities(const VulnSection& s,
                                const std::map<std::string, std::string>& component_ref);

}  // namespace customs
