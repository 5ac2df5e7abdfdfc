#pragma once
// The bridge between the layer scanner and the catalog: one FileAnalyzer that hands each file to
// the catalogers that want it and stores what they found as one record per file (kind "catalog",
// data = encode_catalog_result). It rides the same single pass over each layer as every other
// analyzer, and its records are cached with the layer.
#include <string_view>

#include "catalog/catalog.h"
#include "sources/image/layer_scan.h"

namespace customs {

inline constexpr std::string_view kPackageAnalyzer = "packages";
inline constexpr std::string_view kCatalogRecordKind = "catalog";

const FileAnalyzer& package_analyzer();

}  // namespace customs
