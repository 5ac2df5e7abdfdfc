// Feeds arbitrary bytes to every Python row (installed metadata, zipped eggs, requirements files,
// poetry.lock, Pipfile.lock), each as a complete file and as a truncated one.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/catalog.h"

namespace {

// A path each row wants, in python_catalogers() order.
constexpr std::string_view kPaths[] = {
    "usr/lib/python3/dist-packages/fuzz-1.0.dist-info/METADATA",
    "usr/lib/python3/dist-packages/fuzz-1.0-py3.11.egg",
    "app/requirements.txt",
    "app/poetry.lock",
    "app/Pipfile.lock",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<customs::Cataloger> rows = customs::python_catalogers();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (size_t i = 0; i < rows.size() && i < std::size(kPaths); ++i) {
    for (bool truncated : {false, true}) {
      customs::CatalogResult out;
      customs::CatalogFile file;
      file.path = kPaths[i];
      file.content = bytes;
      file.truncated = truncated;
      rows[i].parse(file, out);
    }
  }
  return 0;
}
