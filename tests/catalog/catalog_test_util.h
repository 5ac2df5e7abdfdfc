#pragma once
// Helpers shared by the catalog tests (tests/catalog/*_test.cc): reading files and committed
// fixtures, finding a cataloger row by name, running a row or a parser over bytes, and looking into
// the CatalogResult that comes out. Header-only; a helper only one test file needs stays in that file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/diagnostics.h"
#include "fs_entry_builder.h"
#include "io/entry.h"
#include "model/package.h"

namespace customs::testing {

// --- files -------------------------------------------------------------------------------------

// The whole file at `path`, byte for byte; "" when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A committed fixture: the bytes of CUSTOMS_TESTDATA/catalog/<relative> ("dpkg/status",
// "npm/lock-v3/package-lock.json"); "" when it is missing.
inline std::string catalog_testdata(std::string_view relative) {
  return read_file(std::filesystem::path(CUSTOMS_TESTDATA) / "catalog" / relative);
}

// --- cataloger rows ----------------------------------------------------------------------------

// The row named `name` ("dpkg-status") in catalogers(), which holds every *_catalogers() table.
// An unknown name fails the running test (ADD_FAILURE) and gives a row with an empty name that
// wants nothing and parses nothing, so the test goes on to its own assertions without crashing.
inline const Cataloger& cataloger_row(std::string_view name) {
  for (const Cataloger& c : catalogers()) {
    if (c.name == name) return c;
  }
  ADD_FAILURE() << "no cataloger row named \"" << name << "\"";
  static const Cataloger kNoRow{"", "", 0, [](const FsEntry&) -> uint64_t { return 0; },
                                [](const CatalogFile&, CatalogResult&) {}};
  return kNoRow;
}

// What the row named `row_name` wants of a regular file at `path` (a file_entry() of 1000 bytes).
inline uint64_t cataloger_wants(std::string_view row_name, std::string_view path) {
  return cataloger_row(row_name).wants(file_entry(path, 0644, 1000));
}

// A Cataloger::parse, or a parser function of the same shape (parse_yarn_lock, ...).
using CatalogParser = void (*)(const CatalogFile& file, CatalogResult& out);

// Parses `content` as the file at `path` with `parse` alone: no wants() first, all of `content`
// handed over. `truncated`: content is only the start of a longer file. `mode`: its permission bits.
inline CatalogResult run_parser(CatalogParser parse, std::string_view path, std::string_view content,
                                bool truncated = false, uint32_t mode = 0644) {
  CatalogFile file{path, content, truncated, mode};
  CatalogResult out;
  parse(file, out);
  return out;
}

// run_parser() with the parse() of the row named `row_name` (see cataloger_row()).
inline CatalogResult run_cataloger(std::string_view row_name, std::string_view path, std::string_view content,
                                   bool truncated = false, uint32_t mode = 0644) {
  return run_parser(cataloger_row(row_name).parse, path, content, truncated, mode);
}

// What the catalog stage does with one ecosystem's `table` for the file at `path`: every row that
// wants it (asked with a file_entry() of content.size() bytes) parses the first wants() bytes of
// `content`, marked truncated when that is less than all of it. The results are appended in row order.
inline CatalogResult run_catalogers_that_want(const std::vector<Cataloger>& table, std::string_view path,
                                              std::string_view content) {
  const FsEntry entry = file_entry(path, 0644, content.size());
  CatalogResult out;
  for (const Cataloger& c : table) {
    uint64_t want = c.wants(entry);
    if (want == 0) continue;
    CatalogFile file{path, content.substr(0, std::min<uint64_t>(want, content.size())), want < content.size(),
                     0644};
    c.parse(file, out);
  }
  return out;
}

// --- results -----------------------------------------------------------------------------------

// The first package whose Package::name (without its namespace) is `name`; nullptr when none is.
inline const Package* find_package(const CatalogResult& result, std::string_view name) {
  for (const Package& p : result.packages) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

// The first package whose package_key() is `key` ("pkg:npm/express@4.18.2"); nullptr when none is.
inline const Package* find_package_by_key(const CatalogResult& result, std::string_view key) {
  for (const Package& p : result.packages) {
    if (package_key(p) == key) return &p;
  }
  return nullptr;
}

// Every package by "name@version" (Package::name, without its namespace), for assertions that do
// not depend on the order of the packages. Of two packages with the same name@version, the last wins.
inline std::map<std::string, Package> packages_by_name_version(const CatalogResult& result) {
  std::map<std::string, Package> by_name_version;
  for (const Package& p : result.packages) by_name_version[p.name + "@" + p.version] = p;
  return by_name_version;
}

// The codes of the diagnostics in order, each followed by one space ("npm.truncated
// npm.malformed-json "); "" when there are none.
inline std::string diagnostic_codes(const CatalogResult& result) {
  std::string codes;
  for (const Diagnostic& d : result.diagnostics) codes += d.code + " ";
  return codes;
}

// Whether some diagnostic has the code `code`.
inline bool has_diagnostic(const CatalogResult& result, std::string_view code) {
  return std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                     [&](const Diagnostic& d) { return d.code == code; });
}

// Every diagnostic in full, one a line ("<where>: <code>: <message>"), for failure messages.
inline std::string diagnostic_messages(const CatalogResult& result) {
  std::string lines;
  for (const Diagnostic& d : result.diagnostics) {
    lines += d.where.to_string() + ": " + d.code + ": " + d.message + "\n";
  }
  return lines;
}

}  // namespace customs::testing
