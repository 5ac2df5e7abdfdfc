#pragma once
// Helpers shared by the catalog fuzz targets (fuzz/catalog_*_fuzz.cc) that hand the input to
// cataloger parsers as one file: the input as bytes, a (path, parser) pair to feed it as, the
// parse itself, and the loops over several such pairs. Header-only.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace customs::fuzz {

// The fuzzer's input.
inline std::string_view input_bytes(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// A Cataloger::parse, or a parser function of the same shape (parse_yarn_lock, ...).
using CatalogParser = void (*)(const CatalogFile& file, CatalogResult& out);

// A file to feed the input as: where it lies, and the parser that reads it.
struct ParseTarget {
  std::string_view path;
  CatalogParser parse;
};

// Parses `bytes` as the file at `target.path` with `target.parse`, into a fresh result.
// `truncated`: tell the parser the bytes are only the start of a longer file.
inline CatalogResult parse_as(const ParseTarget& target, std::string_view bytes, bool truncated = false) {
  CatalogFile file;
  file.path = target.path;
  file.content = bytes;
  file.truncated = truncated;
  CatalogResult out;
  target.parse(file, out);
  return out;
}

// rows[i] paired with paths[i], for every i both have: a path each row wants, in table order.
inline std::vector<ParseTarget> rows_at_paths(const std::vector<Cataloger>& rows,
                                              std::span<const std::string_view> paths) {
  std::vector<ParseTarget> targets;
  for (size_t i = 0; i < rows.size() && i < paths.size(); ++i) targets.push_back({paths[i], rows[i].parse});
  return targets;
}

// Aborts (a finding) unless every package of `out` lies at `path` and has a name and a version,
// and every diagnostic has a code.
inline void require_well_formed(const CatalogResult& out, std::string_view path) {
  for (const Package& p : out.packages) {
    if (p.path != path || p.name.empty() || p.version.empty()) std::abort();
  }
  for (const Diagnostic& d : out.diagnostics) {
    if (d.code.empty()) std::abort();
  }
}

// Parses `bytes` as each target's file and aborts on a result that is not well formed.
inline void parse_each_and_check(std::span<const ParseTarget> targets, std::string_view bytes,
                                 bool truncated) {
  for (const ParseTarget& t : targets) require_well_formed(parse_as(t, bytes, truncated), t.path);
}

// Parses `bytes` as each target's file twice: as the whole file, then as the start of a longer one.
inline void parse_each_whole_and_truncated(std::span<const ParseTarget> targets, std::string_view bytes) {
  for (const ParseTarget& t : targets) {
    for (bool truncated : {false, true}) (void)parse_as(t, bytes, truncated);
  }
}

}  // namespace customs::fuzz
