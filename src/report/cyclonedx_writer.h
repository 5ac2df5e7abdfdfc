#pragma once
// CycloneDX 1.6 JSON for an inventory (https://cyclonedx.org/docs/1.6/json/).
#include <string>

#include "model/inventory.h"
#include "report/sbom_options.h"

namespace customs {

// The whole document: metadata (timestamp, the customs tool, the target as metadata.component),
// one "operating-system" component for inv.os, one "library" component per package (bom-ref =
// its ref, purl, licences, supplier, website, evidence occurrences, customs:* properties) and the
// dependency graph (root -> OS and top-level packages, OS -> OS packages, package -> depends_on).
// inv.removed is not rendered. Deterministic for a given inventory and options.
std::string write_cyclonedx(const Inventory& inv, const SbomWriteOptions& opt);

}  // namespace customs
