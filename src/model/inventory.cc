#include "model/inventory.h"

namespace customs {

std::map<PackageType, size_t> count_by_type(const std::vector<Package>& packages) {
  std::map<PackageType, size_t> counts;
  for (const Package& p : packages) ++counts[p.type];
  return counts;
}

}  // namespace customs
