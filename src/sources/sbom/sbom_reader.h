#pragma once
// Reading an SBOM back into an Inventory: CycloneDX JSON (specVersion 1.2-1.6) and SPDX JSON
// (2.2, 2.3), as customs, Trivy and Syft write them.
#include <string_view>

#include "core/diagnostics.h"
#include "core/result.h"
#include "model/inventory.h"

namespace customs {

// Parses `bytes` (the file at `path`, used in messages and as the packages' path when the SBOM
// does not say where a package was found). Every component / package with a package URL of a type
// customs knows becomes a Package (identity from the purl; licences, supplier, homepage, source
// package, layer and paths from the format's fields and from customs:* properties, so that what
// write_cyclonedx / write_spdx wrote reads back the same); the operating-system component gives
// inv.os; the dependency graph gives depends_on. Packages come out sorted by type, name, version,
// path; target_kind is "sbom" and target is `path`.
// What is skipped (no purl, a purl type customs does not know, an unparsable purl, a duplicate
// reference) is counted in `diags` (may be null). Errors, all kInvalidInput: bytes that are not
// JSON (with line:column), a JSON document that is neither CycloneDX nor SPDX (naming what it
// is), a spec version customs cannot read; kLimit for nesting deeper than 512 levels.
Result<Inventory> read_sbom(std::string_view bytes, std::string_view path, Diagnostics* diags = nullptr);

}  // namespace customs
