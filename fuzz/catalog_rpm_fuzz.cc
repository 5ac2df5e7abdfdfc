// libFuzzer target: the rpm header parser and the three database readers must never crash,
// hang or read out of bounds. The first byte picks the parser; the rest is its input:
//   0 header blob, 1 Berkeley DB "Packages", 2 ndb "Packages.db", 3 rpmdb.sqlite.
// Seeds (fuzz/seeds/catalog_rpm/) are real databases and blobs with that byte in front.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/rpm/header.h"
#include "catalog_fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view input = customs::fuzz::input_bytes(data + 1, size - 1);
  static const std::vector<customs::Cataloger> rows = customs::rpm_catalogers();
  static constexpr std::string_view kRows[] = {"rpmdb-bdb", "rpmdb-ndb", "rpmdb-sqlite"};
  unsigned mode = data[0] % 4;
  if (mode == 0) {
    std::vector<std::string> warnings;
    auto p = customs::rpm_package_from_header(input, &warnings);
    if (p.ok() && p->has_value() && (*p)->name.empty()) __builtin_trap();  // NAME is required
    return 0;
  }
  for (const customs::Cataloger& c : rows) {
    if (c.name != kRows[mode - 1]) continue;
    customs::CatalogResult out = customs::fuzz::parse_as({"var/lib/rpm/db", c.parse}, input);
    for (const customs::Package& p : out.packages) {
      if (p.name.empty() || p.cataloger != c.name) __builtin_trap();
    }
  }
  return 0;
}
