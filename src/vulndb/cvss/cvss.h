#pragma once
// CVSS base-score calculators for CVSS 2.0, 3.0, 3.1 and 4.0, exact to each specification's
// reference calculator (NVD's for 2.0, FIRST's for 3.x and 4.0). The severity shown with a
// finding is computed here from the published vector, so that two scanners' different numbers
// for one CVE can be explained.
#include <string>
#include <string_view>

#include "core/result.h"

namespace customs {

enum class CvssVersion { kV2, kV3_0, kV3_1, kV4_0 };

struct CvssScore {
  CvssVersion version = CvssVersion::kV3_1;
  // 2.0, 3.0, 3.1: the base score (temporal and environmental metrics are validated and
  // ignored). 4.0: the score the vector asks for (CVSS-B, -BT, -BE or -BTE: threat and
  // environmental metrics change it, supplemental metrics do not).
  double base_score = 0;
  // "None", "Low", "Medium", "High", "Critical"; 2.0 uses NVD's three ("Low" 0-3.9, "Medium",
  // "High" 7.0-10.0).
  std::string rating;
  // The vector with its version prefix ("CVSS:3.1/", none for 2.0) and its metrics in the
  // specification's order; metrics set to Not Defined ("X", 2.0 "ND") are left out.
  std::string vector;
};

// Scores a vector string. The version is read from its prefix: "CVSS:4.0/", "CVSS:3.1/",
// "CVSS:3.0/"; anything else is read as 2.0 ("AV:N/AC:L/Au:N/C:P/I:P/A:P", optionally in
// parentheses or after "CVSS:2.0/"). Surrounding white space is ignored. kInvalidInput, with a
// message naming the version and the metric ("CVSS 3.1 vector: metric AV missing"), for
// anything the specification rejects: unknown or duplicate metrics, unknown values, missing
// base metrics, empty parts, and for 4.0 metrics out of the specification's order.
Result<CvssScore> score_cvss(std::string_view vector);

// "2.0", "3.0", "3.1", "4.0".
std::string_view to_string(CvssVersion version);

}  // namespace customs
