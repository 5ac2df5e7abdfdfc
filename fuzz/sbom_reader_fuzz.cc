// libFuzzer target: read_sbom on arbitrary bytes (CycloneDX / SPDX JSON, or anything else). It must
// return a value or an error, never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sources/sbom/sbom_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  customs::Diagnostics diags;
  auto inv = customs::read_sbom(bytes, "fuzz.json", &diags);
  if (inv.ok()) {
    for (const customs::Package& p : inv->packages) (void)customs::package_key(p);
  }
  return 0;
}
