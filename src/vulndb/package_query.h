#pragma once
// Which advisories can concern a package: the OSV ecosystems and the name and version to look up.
// Distribution packages are looked up by their source package and the release (Debian's and
// Alpine's advisories name source packages); language packages by their own ecosystem only.
#include <optional>
#include <string>
#include <vector>

#include "model/inventory.h"
#include "model/package.h"

namespace customs {

struct PackageQuery {
  std::vector<std::string> ecosystems;  // exact OSV ecosystem strings ("Debian:12", "npm")
  std::string name;                     // as advisories name it
  std::string version;                  // as advisories write versions
};

// nullopt (with the reason in *why) when the package cannot be matched: an OS package on an
// unknown or unsupported distribution, or an ecosystem without advisories.
std::optional<PackageQuery> query_for(const Package& p, const std::optional<OsInfo>& os, std::string* why);

}  // namespace customs
