// The npm rows of the cataloger table.
#include "catalog/npm/npm.h"

namespace customs {

std::vector<Cataloger> npm_catalogers() {
  return {
      {"npm-package-json", "npm", 1, &wants_npm_package_json, &parse_npm_package_json},
      {"npm-package-lock", "npm", 1, &wants_npm_package_lock, &parse_npm_package_lock},
      {"yarn-lock", "npm", 1, &wants_yarn_lock, &parse_yarn_lock},
      {"pnpm-lock", "npm", 1, &wants_pnpm_lock, &parse_pnpm_lock},
  };
}

}  // namespace customs
