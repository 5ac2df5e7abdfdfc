#pragma once
// The npm catalogers: installed node_modules/<name>/package.json, package-lock.json (and
// npm-shrinkwrap.json, node_modules/.package-lock.json), yarn.lock (classic and berry) and
// pnpm-lock.yaml. Every parser follows the Cataloger contract (catalog.h): bytes in, packages and
// diagnostics out, never throws. Exposed for tests and fuzzing; npm_catalogers() is the table.
#include <cstdint>

#include "catalog/catalog.h"

namespace customs {

// node_modules/<name>/package.json and node_modules/@scope/<name>/package.json at any nesting.
uint64_t wants_npm_package_json(const FsEntry& entry);
// package-lock.json and npm-shrinkwrap.json outside node_modules; node_modules/.package-lock.json.
uint64_t wants_npm_package_lock(const FsEntry& entry);
// yarn.lock outside node_modules.
uint64_t wants_yarn_lock(const FsEntry& entry);
// pnpm-lock.yaml outside node_modules.
uint64_t wants_pnpm_lock(const FsEntry& entry);

// Row "npm-package-json" (origin installed). A package.json without name or version is skipped
// silently (a private workspace root); malformed JSON is a diagnostic.
void parse_npm_package_json(const CatalogFile& file, CatalogResult& out);
// Row "npm-package-lock": lockfileVersion 1, 2 and 3. Origin declared, except for the hidden
// lockfile node_modules/.package-lock.json, which lists what is installed (origin installed).
void parse_npm_package_lock(const CatalogFile& file, CatalogResult& out);
// Row "yarn-lock" (origin declared): yarn classic (v1) and berry (YAML with __metadata).
void parse_yarn_lock(const CatalogFile& file, CatalogResult& out);
// Row "pnpm-lock" (origin declared): lockfileVersion 5.x, 6.x, 9.x.
void parse_pnpm_lock(const CatalogFile& file, CatalogResult& out);

}  // namespace customs
