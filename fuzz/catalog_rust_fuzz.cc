// Fuzzes the Cargo.lock reader.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "catalog_fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<customs::Cataloger> rows = customs::rust_catalogers();
  for (const customs::Cataloger& c : rows) {
    if (c.name == "rust-cargo-lock") {
      (void)customs::fuzz::parse_as({"Cargo.lock", c.parse}, customs::fuzz::input_bytes(data, size));
    }
  }
  return 0;
}
