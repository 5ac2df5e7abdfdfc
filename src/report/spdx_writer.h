#pragma once
// SPDX 2.3 JSON for an inventory (https://spdx.github.io/spdx-spec/v2.3/).
#include <string>

#include "model/inventory.h"
#include "report/sbom_options.h"

namespace customs {

// The document describes the target (a CONTAINER or FILE package), which CONTAINS the operating
// system and every package; packages DEPENDS_ON what their depends_on resolves to. Each package:
// SPDXRef-Package-<ref with characters outside [A-Za-z0-9.-] as '-'>, versionInfo, supplier,
// licenseDeclared (a valid expression; licences that are not SPDX become LicenseRef-<name> with a
// hasExtractedLicensingInfos entry), the purl as a PACKAGE-MANAGER externalRef, sourceInfo for the
// source package and the customs:* facts in `comment`, one "name=value" line each (backslash and
// newline escaped as \\ and \n). Deterministic for a given inventory and options.
std::string write_spdx(const Inventory& inv, const SbomWriteOptions& opt);

}  // namespace customs
