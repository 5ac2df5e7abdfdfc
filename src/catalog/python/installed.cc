// Installed Python distributions: "python-installed" reads core metadata files
// (x.dist-info/METADATA, x.egg-info/PKG-INFO, x.egg/EGG-INFO/PKG-INFO and bare x.egg-info files),
// "python-egg" reads EGG-INFO/PKG-INFO inside zipped x.egg files.
//
// Both look anywhere in the tree, not only under site-packages or dist-packages: virtual
// environments, `pip install --target`, conda, pyenv, Lambda's /var/task and PYTHONPATH
// directories all hold installed distributions, and the *.dist-info / *.egg-info / *.egg names
// are specific enough that only installation tools write them.
#include "catalog/python/python.h"
#include "catalog/util.h"
#include "io/zip.h"

namespace customs {
namespace {

constexpr std::string_view kInstalledRow = "python-installed";
constexpr std::string_view kEggRow = "python-egg";
// Core metadata headers fit in far less; the description after them is not read.
constexpr uint64_t kMetadataMaxBytes = uint64_t{4} << 20;
// A zipped egg is read whole (the zip directory is at its end).
constexpr uint64_t kEggMaxBytes = uint64_t{512} << 20;

// The *.dist-info, *.egg-info or *.egg a metadata file belongs to ("" when it does not match).
std::string_view distribution_of_metadata(std::string_view path) {
  std::string_view base = base_name(path);
  std::string_view dir = dir_name(path);
  if (base == "METADATA" && ends_with(dir, ".dist-info")) return base_name(dir);
  if (base != "PKG-INFO") return {};
  if (ends_with(dir, ".egg-info")) return base_name(dir);
  if (base_name(dir) == "EGG-INFO" && ends_with(dir_name(dir), ".egg")) return base_name(dir_name(dir));
  return {};
}

bool is_bare_egg_info(std::string_view path) {
  std::string_view base = base_name(path);
  return ends_with(base, ".egg-info") && base.size() > std::string_view(".egg-info").size();
}

uint64_t installed_wants(const FsEntry& entry) {
  if (entry.type != EntryType::kFile) return 0;
  if (!distribution_of_metadata(entry.path).empty() || is_bare_egg_info(entry.path)) return kMetadataMaxBytes;
  return 0;
}

void installed_parse(const CatalogFile& file, CatalogResult& out) {
  std::string_view distribution = distribution_of_metadata(file.path);
  if (distribution.empty()) distribution = base_name(file.path);  // a bare *.egg-info file
  add_metadata_package(file, file.content, file.truncated, std::string(file.path), distribution,
                       kInstalledRow, out);
}

uint64_t egg_wants(const FsEntry& entry) {
  if (entry.type != EntryType::kFile) return 0;
  std::string_view base = base_name(entry.path);
  return ends_with(base, ".egg") && base.size() > 4 ? kEggMaxBytes : 0;
}

void egg_parse(const CatalogFile& file, CatalogResult& out) {
  if (file.truncated) {
    add_diag(out, file, "python.truncated", "egg larger than the bytes read: its zip directory is missing");
    return;
  }
  if (!looks_like_zip(file.content)) {
    add_diag(out, file, "python.egg-not-zip", "file named *.egg is not a zip archive");
    return;
  }
  ZipLimits limits;
  limits.max_entries = 100'000;
  limits.max_total_bytes = 4 * kMetadataMaxBytes;
  bool found = false;
  auto want = [](const ZipEntryInfo& e) -> uint64_t {
    return e.name == "EGG-INFO/PKG-INFO" ? kMetadataMaxBytes : 0;
  };
  auto visit = [&](const ZipEntryInfo& e, std::string_view content, bool truncated) {
    if (found) return;  // a duplicated entry name: the first one counts
    found = true;
    add_metadata_package(file, content, truncated, std::string(file.path) + "!/" + e.name,
                         base_name(file.path), kEggRow, out);
  };
  Status st = read_zip(file.content, file.path, limits, want, visit);
  if (!st.ok())
    add_diag(out, file, st.error().kind == ErrorKind::kLimit ? "python.egg-limit" : "python.egg-unreadable",
             st.error().message);
  else if (!found)
    add_diag(out, file, "python.egg-no-metadata", "egg has no EGG-INFO/PKG-INFO");
}

}  // namespace

Cataloger python_installed_cataloger() {
  return {kInstalledRow, "python", 1, &installed_wants, &installed_parse};
}

Cataloger python_egg_cataloger() { return {kEggRow, "python", 1, &egg_wants, &egg_parse}; }

}  // namespace customs
