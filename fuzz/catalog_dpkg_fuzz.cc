// Feeds the bytes to every dpkg parser: the status database, a .list, a distroless .md5sums and
// a copyright file (as a complete file, then as a truncated one).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/dpkg/dpkg.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (bool truncated : {false, true}) {
    customs::CatalogResult out;
    customs::parse_dpkg_status({"var/lib/dpkg/status", bytes, truncated, 0644}, out);
    customs::parse_dpkg_list({"var/lib/dpkg/info/x:amd64.list", bytes, truncated, 0644}, out);
    customs::parse_dpkg_md5sums({"var/lib/dpkg/status.d/x.md5sums", bytes, truncated, 0644}, out);
    customs::parse_dpkg_copyright({"usr/share/doc/x/copyright", bytes, truncated, 0644}, out);
  }
  return 0;
}
