// Fuzzes the .deps.json reader.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/catalog.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace customs;
  static const std::vector<Cataloger> rows = dotnet_catalogers();
  CatalogFile file;
  file.path = "app/App.deps.json";
  file.content = std::string_view(reinterpret_cast<const char*>(data), size);
  CatalogResult out;
  for (const Cataloger& c : rows) c.parse(file, out);
  return 0;
}
