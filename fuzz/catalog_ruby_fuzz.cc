// Feeds arbitrary bytes to the Ruby rows (installed gemspecs and Gemfile.lock), each as a
// complete file and as a truncated one, and to the Ruby literal reader directly.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/ruby/ruby.h"
#include "catalog_fuzz_util.h"

namespace {

// A path each row wants, in ruby_catalogers() order.
constexpr std::string_view kPaths[] = {
    "usr/lib/ruby/gems/3.1.0/specifications/fuzz-1.0.gemspec",
    "app/Gemfile.lock",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<customs::fuzz::ParseTarget> targets =
      customs::fuzz::rows_at_paths(customs::ruby_catalogers(), kPaths);
  std::string_view bytes = customs::fuzz::input_bytes(data, size);
  customs::fuzz::parse_each_whole_and_truncated(targets, bytes);
  (void)customs::parse_ruby_strings(bytes);
  return 0;
}
