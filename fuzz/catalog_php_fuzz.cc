// Feeds arbitrary bytes to the Composer rows (vendor/composer/installed.json and composer.lock).
// Every package must have a path, a name and a version; every diagnostic a code.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/catalog.h"
#include "catalog/php/php.h"
#include "catalog_fuzz_util.h"

namespace {

constexpr customs::fuzz::ParseTarget kTargets[] = {
    {"var/www/vendor/composer/installed.json", &customs::parse_composer_installed},
    {"var/www/composer.lock", &customs::parse_composer_lock},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  customs::fuzz::parse_each_and_check(kTargets, customs::fuzz::input_bytes(data, size),
                                      /*truncated=*/size % 2 == 1);
  return 0;
}
