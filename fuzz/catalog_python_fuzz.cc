// Feeds arbitrary bytes to every Python row (installed metadata, zipped eggs, requirements files,
// poetry.lock, Pipfile.lock), each as a complete file and as a truncated one.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "catalog_fuzz_util.h"

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
  static const std::vector<customs::fuzz::ParseTarget> targets =
      customs::fuzz::rows_at_paths(customs::python_catalogers(), kPaths);
  std::string_view bytes = customs::fuzz::input_bytes(data, size);
  customs::fuzz::parse_each_whole_and_truncated(targets, bytes);
  return 0;
}
