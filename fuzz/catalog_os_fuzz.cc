// Feeds the bytes to every OS release-file parser.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/os/os_release.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  customs::CatalogResult out;
  customs::parse_os_release_file({"etc/os-release", bytes, false, 0644}, out);
  customs::parse_os_release_file({"usr/lib/os-release", bytes, true, 0644}, out);
  customs::parse_lsb_release_file({"etc/lsb-release", bytes, false, 0644}, out);
  customs::parse_alpine_release_file({"etc/alpine-release", bytes, false, 0644}, out);
  customs::parse_debian_version_file({"etc/debian_version", bytes, false, 0644}, out);
  customs::parse_redhat_release_file({"etc/redhat-release", bytes, false, 0644}, out);
  return 0;
}
