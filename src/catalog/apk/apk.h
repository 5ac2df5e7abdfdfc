#pragma once
// Alpine packages from apk's installed database (lib/apk/db/installed; usr/lib/apk/db/installed
// with apk-tools 3): records of "X:value" lines separated by blank lines.
#include <string_view>

#include "catalog/catalog.h"

namespace customs {

// The name a dependency or provides token names: "so:libc.musl-x86_64.so.1" as is,
// "libcrypto3=3.1.4-r5" -> "libcrypto3", "musl>1.2" -> "musl", "!conflict" -> "conflict".
std::string_view apk_token_name(std::string_view token);

// The "apk-installed" row's parser. Each record gives a Package (P name, V version, A arch, L
// licence expression kept whole, o origin -> source_name, m maintainer -> supplier, U url ->
// homepage, F/R -> files). depends_on holds each D: token (conflicts "!x" excepted) resolved in
// the same database by package name, then by p: provides, to package_key(kApk, "", name, version).
void parse_apk_installed(const CatalogFile& file, CatalogResult& out);

}  // namespace customs
