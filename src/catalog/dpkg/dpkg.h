#pragma once
// Debian packages as dpkg records them: the status database (var/lib/dpkg/status, and the
// per-package var/lib/dpkg/status.d/<name> files of distroless images), the files each package
// owns (var/lib/dpkg/info/<name>[:arch].list, distroless status.d/<name>.md5sums) and the
// licences of its machine-readable copyright file (usr/share/doc/<name>/copyright).
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace customs {

// True when a dpkg "Status: <want> <flag> <state>" leaves the package's files on disk: every
// state except "not-installed" and "config-files" (half-installed and unpacked packages count;
// their files are there). False for a Status with fewer than three words.
bool dpkg_status_has_files(std::string_view status);

// A Debian "Source:" value: "openssl" or "openssl (3.0.11-1~deb12u2)".
struct DebSource {
  std::string_view name;
  std::string_view version;  // "" when not given
};
DebSource parse_deb_source(std::string_view value);

// The package names of a Depends / Pre-Depends / Provides value, one list of alternatives per
// comma-separated relation, version constraints, architecture qualifiers and build profiles
// dropped: "libc6 (>= 2.34), debconf | debconf-2.0, perl:any" -> {{"libc6"}, {"debconf",
// "debconf-2.0"}, {"perl"}}. Empty relations are skipped.
std::vector<std::vector<std::string_view>> parse_deb_relations(std::string_view value);

// The licence short names of one DEP-5 "License:" first line, split at "or", "and" and ","
// ("GPL-2+ or Artistic, and BSD-3-clause" -> {"GPL-2+", "Artistic", "BSD-3-clause"}); "with
// <x> exception" stays with its licence.
std::vector<std::string> dep5_license_names(std::string_view expression);

// Row parsers ("dpkg-status", "dpkg-files", "dpkg-copyright"); the path tells them the package
// name where the file name holds it.
void parse_dpkg_status(const CatalogFile& file, CatalogResult& out);
void parse_dpkg_list(const CatalogFile& file, CatalogResult& out);
void parse_dpkg_md5sums(const CatalogFile& file, CatalogResult& out);
void parse_dpkg_copyright(const CatalogFile& file, CatalogResult& out);

}  // namespace customs
