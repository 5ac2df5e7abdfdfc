// The "os" rows: each wants one well-known path (regular files only, at most 64 KiB read).
#include <algorithm>
#include <array>

#include "catalog/os/os_release.h"
#include "catalog/util.h"

namespace customs {
namespace {

constexpr uint64_t kMaxReleaseFileBytes = uint64_t{64} << 10;

// wants() is asked about regular files only (catalog.h), so the path decides.
uint64_t want_small_file(const FsEntry& e) {
  return std::max<uint64_t>(1, std::min(e.size, kMaxReleaseFileBytes));
}

uint64_t wants_os_release(const FsEntry& e) {
  return e.path == "etc/os-release" || e.path == "usr/lib/os-release" ? want_small_file(e) : 0;
}

uint64_t wants_lsb_release(const FsEntry& e) { return e.path == "etc/lsb-release" ? want_small_file(e) : 0; }

uint64_t wants_alpine_release(const FsEntry& e) {
  return e.path == "etc/alpine-release" ? want_small_file(e) : 0;
}

uint64_t wants_debian_version(const FsEntry& e) {
  return e.path == "etc/debian_version" ? want_small_file(e) : 0;
}

constexpr std::array<std::string_view, 5> kRedhatReleaseFiles{"etc/redhat-release", "etc/centos-release",
                                                              "etc/fedora-release", "etc/rocky-release",
                                                              "etc/almalinux-release"};

uint64_t wants_redhat_release(const FsEntry& e) {
  for (std::string_view p : kRedhatReleaseFiles) {
    if (e.path == p) return want_small_file(e);
  }
  return 0;
}

}  // namespace

std::vector<Cataloger> os_release_catalogers() {
  return {
      {"os-release", "os", 1, &wants_os_release, &parse_os_release_file},
      {"alpine-release", "os", 1, &wants_alpine_release, &parse_alpine_release_file},
      {"redhat-release", "os", 1, &wants_redhat_release, &parse_redhat_release_file},
      {"debian-version", "os", 1, &wants_debian_version, &parse_debian_version_file},
      {"lsb-release", "os", 1, &wants_lsb_release, &parse_lsb_release_file},
  };
}

}  // namespace customs
