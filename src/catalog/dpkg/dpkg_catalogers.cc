// The "dpkg" rows and the paths they want.
#include <algorithm>

#include "catalog/dpkg/dpkg.h"
#include "catalog/util.h"

namespace customs {
namespace {

// Caps against bombs: real status files are a few MiB, .list files well under one.
constexpr uint64_t kMaxStatusBytes = 256ull << 20;
constexpr uint64_t kMaxFileListBytes = 64ull << 20;
constexpr uint64_t kMaxCopyrightBytes = 256ull << 10;

constexpr std::string_view kStatusDir = "var/lib/dpkg/status.d";
constexpr std::string_view kInfoDir = "var/lib/dpkg/info";

uint64_t capped(const FsEntry& e, uint64_t cap) { return std::max<uint64_t>(1, std::min(e.size, cap)); }

bool is_status_d_md5sums(std::string_view path) {
  return dir_name(path) == kStatusDir && ends_with(path, ".md5sums");
}

// wants() is asked about regular files only (catalog.h), so the paths decide.
uint64_t wants_status(const FsEntry& e) {
  if (e.path == "var/lib/dpkg/status") return capped(e, kMaxStatusBytes);
  // Distroless: one file of paragraphs per package next to its .md5sums.
  if (dir_name(e.path) == kStatusDir && !ends_with(e.path, ".md5sums")) return capped(e, kMaxStatusBytes);
  return 0;
}

uint64_t wants_files(const FsEntry& e) {
  if (dir_name(e.path) == kInfoDir && ends_with(e.path, ".list")) return capped(e, kMaxFileListBytes);
  if (is_status_d_md5sums(e.path)) return capped(e, kMaxFileListBytes);
  return 0;
}

void parse_files(const CatalogFile& file, CatalogResult& out) {
  if (ends_with(file.path, ".md5sums")) {
    parse_dpkg_md5sums(file, out);
  } else {
    parse_dpkg_list(file, out);
  }
}

// usr/share/doc/<name>/copyright, nothing deeper.
uint64_t wants_copyright(const FsEntry& e) {
  constexpr std::string_view kDocDir = "usr/share/doc/";
  if (!starts_with(e.path, kDocDir) || base_name(e.path) != "copyright") return 0;
  std::string_view dir = dir_name(e.path);  // "usr/share/doc" for "usr/share/doc/copyright"
  std::string_view package_dir =
      dir.size() > kDocDir.size() ? dir.substr(kDocDir.size()) : std::string_view();
  if (package_dir.empty() || package_dir.find('/') != std::string_view::npos) return 0;
  return capped(e, kMaxCopyrightBytes);
}

}  // namespace

std::vector<Cataloger> dpkg_catalogers() {
  return {
      {"dpkg-status", "dpkg", 1, &wants_status, &parse_dpkg_status},
      {"dpkg-files", "dpkg", 1, &wants_files, &parse_files},
      {"dpkg-copyright", "dpkg", 1, &wants_copyright, &parse_dpkg_copyright},
  };
}

}  // namespace customs
