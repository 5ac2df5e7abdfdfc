// The rpm catalogers: one row per database format, each turning the header blobs its reader finds
// into packages. rpm keeps its database in var/lib/rpm, or in usr/lib/sysimage/rpm (openSUSE,
// Fedora 36+ with var/lib/rpm a symlink to it).
#include <cstdint>
#include <string>

#include "catalog/rpm/header.h"
#include "catalog/rpm/rpmdb.h"
#include "catalog/util.h"

namespace customs {
namespace {

constexpr std::string_view kRpmDirs[] = {"var/lib/rpm/", "usr/lib/sysimage/rpm/"};

// True when `path` is <an rpm database directory>/<file_name>.
bool is_rpmdb_file(std::string_view path, std::string_view file_name) {
  if (base_name(path) != file_name) return false;
  for (std::string_view dir : kRpmDirs) {
    if (path.size() == dir.size() + file_name.size() && starts_with(path, dir)) return true;
  }
  return false;
}

// Databases are read whole: a header can sit anywhere in them.
template <const std::string_view& FileName>
uint64_t wants_db(const FsEntry& entry) {
  return entry.type == EntryType::kFile && is_rpmdb_file(entry.path, FileName) ? UINT64_MAX : 0;
}

// Turns each blob into a package of the row `cataloger`. Blobs of a sound database do not overlap,
// so together they are no larger than the file; a damaged one whose records share their bytes
// would make the work grow with the square of its size, and is cut off at twice the file size.
RpmBlobSink package_sink(const CatalogFile& file, CatalogResult& out, std::string_view cataloger) {
  uint64_t budget = 2 * uint64_t{file.content.size()} + 65536;
  return [&file, &out, cataloger, budget](uint32_t record, std::string_view blob) mutable {
    if (blob.size() > budget) {
      if (budget != 0)
        add_diag(out, file, "rpm.overlapping-records", "records share their bytes; reading stopped");
      budget = 0;
      return;
    }
    budget -= blob.size();
    std::vector<std::string> warnings;
    auto package = rpm_package_from_header(blob, &warnings);
    for (std::string& w : warnings) add_diag(out, file, "rpm.bad-files", std::move(w));
    if (!package) {
      add_diag(out, file, "rpm.bad-header",
               "record " + std::to_string(record) + ": " + package.error().message);
      return;
    }
    if (!package->has_value()) return;  // gpg-pubkey
    Package& p = **package;
    p.cataloger = std::string(cataloger);
    p.origin = PackageOrigin::kInstalled;
    p.path = std::string(file.path);
    out.packages.push_back(std::move(p));
  };
}

constexpr std::string_view kSqliteFile = "rpmdb.sqlite";
constexpr std::string_view kBdbFile = "Packages";
constexpr std::string_view kNdbFile = "Packages.db";
constexpr std::string_view kSqliteRow = "rpmdb-sqlite";
constexpr std::string_view kBdbRow = "rpmdb-bdb";
constexpr std::string_view kNdbRow = "rpmdb-ndb";

template <auto Reader, const std::string_view& Row>
void parse_db(const CatalogFile& file, CatalogResult& out) {
  try {
    Reader(file, out, package_sink(file, out, Row));
  } catch (const std::exception& e) {  // out of memory on a hostile file
    add_diag(out, file, "rpm.internal", std::string("reading stopped: ") + e.what());
  }
}

}  // namespace

std::vector<Cataloger> rpm_catalogers() {
  return {
      {kSqliteRow, "rpm", 1, &wants_db<kSqliteFile>, &parse_db<&read_rpm_sqlite, kSqliteRow>},
      {kBdbRow, "rpm", 1, &wants_db<kBdbFile>, &parse_db<&read_rpm_bdb, kBdbRow>},
      {kNdbRow, "rpm", 1, &wants_db<kNdbFile>, &parse_db<&read_rpm_ndb, kNdbRow>},
  };
}

}  // namespace customs
