#pragma once
// The severity of a vulnerability and where it comes from. Every source's rating is kept side by
// side with the base score customs computes from its CVSS vector; one decides, by an order of
// sources the user can change (--severity-source):
//   OS packages:       vendor (the distribution's own rating), nvd, ghsa, osv, then any other
//   language packages: ghsa, nvd, osv, vendor, then any other
// "vendor" stands for the distribution sources (debian, ubuntu, alpine, redhat, rocky, almalinux,
// wolfi). Within one source a CVSS vector decides before a word, CVSS 3.1 before 3.0, 4.0, 2.0.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vulndb/advisory.h"
#include "vulndb/vulnerability.h"

namespace customs {

// Scores one rating: the CVSS version and computed base score for a vector, the severity word.
RatingView view_rating(const SeverityRating& r);

// The default source order for a package type (see above).
std::vector<std::string> default_severity_order(bool os_package);

// Which rating decides, and every rating side by side.
struct SeverityDecision {
  std::vector<RatingView> ratings;  // deduplicated by source, type, vector and label; in order
  std::string severity = "unknown";
  std::string source;           // "nvd CVSS 3.1", "debian" ...; "" when none decided
  std::optional<double> score;  // the deciding CVSS base score, when a vector decided
};

// Decides among `ratings` under `order` (empty: the default for an OS package or not).
SeverityDecision decide_severity(const std::vector<SeverityRating>& ratings,
                                 const std::vector<std::string>& order, bool os_package);

// The rank of a severity word for sorting: critical 5, high 4, medium 3, low 2, none 1, unknown 0.
int severity_rank(std::string_view severity);

}  // namespace customs
