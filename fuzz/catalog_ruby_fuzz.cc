// Feeds arbitrary bytes to the Ruby rows (installed gemspecs and Gemfile.lock), each as a
// complete file and as a truncated one, and to the Ruby literal reader directly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/catalog.h"
#include "catalog/ruby/ruby.h"

namespace {

// A path each row wants, in ruby_catalogers() order.
constexpr std::string_view kPaths[] = {
    "usr/lib/ruby/gems/3.1.0/specifications/fuzz-1.0.gemspec",
    "app/Gemfile.lock",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<customs::Cataloger> rows = customs::ruby_catalogers();
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
  (void)customs::parse_ruby_strings(bytes);
  return 0;
}
