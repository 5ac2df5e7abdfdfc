#pragma once
// How a declared licence string goes into an SBOM: an SPDX licence identifier, a valid SPDX licence
// expression, or a free-form name that neither format can parse (CycloneDX license.name, SPDX
// LicenseRef-).
#include <string>
#include <string_view>

namespace customs {

enum class LicenseForm {
  kId,          // one identifier of the SPDX list ("MIT")
  kExpression,  // a valid SPDX expression that is more than one listed id ("MIT OR Apache-2.0")
  kName,        // anything else ("GPLv2+", "BSD-style")
};

struct ClassifiedLicense {
  LicenseForm form = LicenseForm::kName;
  // kId, kExpression: the canonical spelling (ids as the SPDX list writes them, operators in
  // upper case, single spaces); kName: the input, trimmed.
  std::string text;
};

ClassifiedLicense classify_license(std::string_view license);

// "LicenseRef-" + the name with every character outside [A-Za-z0-9.-] replaced by '-'.
std::string license_ref_for_name(std::string_view name);

}  // namespace customs
