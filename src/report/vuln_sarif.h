#pragma once
// Vulnerabilities in the SARIF report: one reportingDescriptor per vulnerability id (with its
// severity as GitHub's security-severity: the deciding CVSS score, else the severity's band) and
// one result per vulnerable package, located at the package's path in the image.
#include <nlohmann/json.hpp>

#include "report/report.h"

namespace customs {

// Appends the rules to `rules` and the results to `results`; result ruleIndex values count on
// from the rules already in `rules`.
void add_vulnerability_sarif(const VulnSection& s, nlohmann::ordered_json& rules,
                             nlohmann::ordered_json& results);

}  // namespace customs
