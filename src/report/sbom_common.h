#pragma once
// What the CycloneDX and SPDX writers share: the document identity (UUID, timestamp, tool
// version), unique element references, the resolved dependency graph and the customs:* facts of
// a package. The reader (src/sources/sbom/) parses the same property names back.
#include <string>
#include <utility>
#include <vector>

#include "model/inventory.h"
#include "report/sbom_options.h"

namespace customs {

// opt.serial_uuid, else a UUID in version-4 form made from the SHA-256 of the inventory content.
std::string sbom_uuid(const Inventory& inv, const SbomWriteOptions& opt);
// opt.timestamp, else inv.timestamp, else the current UTC time ("2026-11-23T10:00:00Z").
std::string sbom_timestamp(const Inventory& inv, const SbomWriteOptions& opt);
// opt.tool_version, else inv.tool_version, else "unknown".
std::string sbom_tool_version(const Inventory& inv, const SbomWriteOptions& opt);
// The name of what was inventoried: inv.name, else inv.target, else "unknown".
std::string sbom_subject_name(const Inventory& inv);

// One reference per package, unique within the document and distinct from `reserved`: pkg.ref
// when set and not yet taken, else its package_key() (or "package-<i>") with a "-<n>" suffix.
std::vector<std::string> unique_package_refs(const Inventory& inv, const std::vector<std::string>& reserved);

// The package URL to publish: pkg.purl, else package_key() with the arch qualifier.
std::string sbom_purl(const Package& pkg);

// For each package, the indices of the packages its depends_on keys name (in depends_on order,
// without duplicates, itself and keys that are not in the inventory left out).
std::vector<std::vector<size_t>> resolve_dependencies(const std::vector<Package>& packages);

// The customs:* facts of a package, as (name, value) pairs in a fixed order: cataloger, origin,
// dev, path (one per location, pkg.path first), layer index / diff_id / created_by, in_base_image,
// source_name, source_version, os_owner, version_source. Empty values are left out.
std::vector<std::pair<std::string, std::string>> customs_properties(const Package& pkg);

// Every path the package was found at: pkg.path first, then the other locations.
std::vector<std::string> package_paths(const Package& pkg);

}  // namespace customs
