#pragma once
// The catalog stage: one folder per ecosystem, each a set of Catalogers. A Cataloger is a row: a
// name, a version, a cheap wants() that picks its files by path, size and mode, and a parse() that
// turns the bytes of one file into packages. Parsers never touch the file system and never throw;
// what they cannot read becomes a Diagnostic located at the file (and line, where known), and
// the packages they could read are still returned.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "io/entry.h"
#include "model/inventory.h"
#include "model/package.h"

namespace customs {

// One file handed to a cataloger.
struct CatalogFile {
  std::string_view path;  // FsEntry::path form ("var/lib/dpkg/status")
  std::string_view content;
  bool truncated = false;  // content is only the first wants() bytes of a longer file
  uint32_t mode = 0;       // permission bits (07777)
};

// Facts about an OS package read from a file apart from its record: the files it owns (dpkg's
// info/<name>.list, distroless status.d/<name>.md5sums) and its licences (dpkg's
// usr/share/doc/<name>/copyright). The inventory attaches them to the package of that name.
struct PackageFacts {
  PackageType type = PackageType::kDeb;
  std::string package;                // package name (dpkg: without ":arch")
  std::string arch;                   // "" when the file name does not say
  std::vector<std::string> files;     // normalised paths (no leading "/")
  std::vector<std::string> licenses;  // SPDX ids or the copyright file's own names
};

struct CatalogResult {
  std::vector<Package> packages;
  std::vector<PackageFacts> facts;
  std::optional<OsInfo> os;
  std::vector<Diagnostic> diagnostics;
};

struct Cataloger {
  std::string_view name;       // "dpkg-status"; also Package::cataloger
  std::string_view ecosystem;  // the folder: "dpkg", "npm" ...
  int version;                 // bump when its output changes (part of the layer cache key)
  // How many bytes of this regular file it wants: 0 = not interested, UINT64_MAX = all of it.
  // Called for every file of every layer, so it looks only at entry.path, entry.size and entry.mode.
  uint64_t (*wants)(const FsEntry& entry);
  // Parses one file. Appends to `out`; never throws.
  void (*parse)(const CatalogFile& file, CatalogResult& out);
};

// Every cataloger, in a fixed order.
const std::vector<Cataloger>& catalogers();

// Per-ecosystem tables (catalog/<ecosystem>/), concatenated by catalogers().
std::vector<Cataloger> os_release_catalogers();
std::vector<Cataloger> dpkg_catalogers();
std::vector<Cataloger> apk_catalogers();
std::vector<Cataloger> rpm_catalogers();
std::vector<Cataloger> npm_catalogers();
std::vector<Cataloger> python_catalogers();
std::vector<Cataloger> java_catalogers();
std::vector<Cataloger> go_catalogers();
std::vector<Cataloger> rust_catalogers();
std::vector<Cataloger> ruby_catalogers();
std::vector<Cataloger> php_catalogers();
std::vector<Cataloger> dotnet_catalogers();

// Runs every cataloger that wants `file` (by its FsEntry) over it: the entry point for a single
// file outside an image (tests, fuzzing, `customs sbom FILE`).
// `truncated`: content is only the start of a longer file.
CatalogResult catalog_file(const FsEntry& entry, std::string_view content, bool truncated = false);

}  // namespace customs
