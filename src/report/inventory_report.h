#pragma once
// The package inventory for people (a table per ecosystem) and scripts (JSON, documented in
// docs/sbom.md). CycloneDX and SPDX are in cyclonedx_writer.h and spdx_writer.h.
#include <string>

#include "core/diagnostics.h"
#include "model/inventory.h"

namespace customs {

std::string render_inventory_table(const Inventory& inv, const Diagnostics& diagnostics, bool color);
// Keys in a fixed order, two-space indentation, a trailing newline.
// With `vulns` (scanned): "vulnerability_scan" and "vulnerabilities" as in the JSON report.
std::string render_inventory_json(const Inventory& inv, const Diagnostics& diagnostics,
                                  const struct VulnSection* vulns = nullptr);

// "base 0", "app 2" or "" (a root file system or an SBOM without layers).
std::string layer_label(const Inventory& inv, const Package& p);

}  // namespace customs
