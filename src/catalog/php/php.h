#pragma once
// The PHP (Composer) catalogers: vendor/composer/installed.json (what `composer install` put in
// vendor/, origin installed) and composer.lock (origin declared). Both follow the Cataloger contract
// (catalog.h). Exposed for tests and fuzzing; php_catalogers() is the table.
#include <cstdint>

#include "catalog/catalog.h"

namespace customs {

// vendor/composer/installed.json at any depth.
uint64_t wants_composer_installed(const FsEntry& entry);
// composer.lock outside vendor/ (packages ship their own, which describe their authors' trees).
uint64_t wants_composer_lock(const FsEntry& entry);

// Row "composer-installed": version 1 (a JSON array of packages) and version 2 ({"packages": [...],
// "dev": bool, "dev-package-names": [...]}, the names listed there are dev).
void parse_composer_installed(const CatalogFile& file, CatalogResult& out);
// Row "composer-lock": "packages", and "packages-dev" (dev).
void parse_composer_lock(const CatalogFile& file, CatalogResult& out);

}  // namespace customs
