// Feeds the bytes to the apk installed-database parser, complete and truncated.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/apk/apk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (bool truncated : {false, true}) {
    customs::CatalogResult out;
    customs::parse_apk_installed({"lib/apk/db/installed", bytes, truncated, 0644}, out);
  }
  return 0;
}
