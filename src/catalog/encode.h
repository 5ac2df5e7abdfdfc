#pragma once
// The byte form of a CatalogResult, stored in AnalyzerRecord::data and so in the layer cache.
// Deterministic for the same result; decode(encode(r)) == r for every field a cataloger sets.
#include <string>
#include <string_view>

#include "catalog/catalog.h"
#include "core/result.h"

namespace customs {

// Bump when the encoding changes: it is part of the package analyzer's cache version.
inline constexpr int kCatalogEncodingVersion = 1;

std::string encode_catalog_result(const CatalogResult& result);
// kInvalidInput when the bytes are not an encoding this version wrote.
Result<CatalogResult> decode_catalog_result(std::string_view bytes);

}  // namespace customs
