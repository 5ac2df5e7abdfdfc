// Feeds arbitrary bytes to the Composer rows (vendor/composer/installed.json and composer.lock).
// Every package must have a path, a name and a version; every diagnostic a code.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "catalog/catalog.h"
#include "catalog/php/php.h"

namespace {

using Parser = void (*)(const customs::CatalogFile&, customs::CatalogResult&);

struct Target {
  std::string_view path;
  Parser parse;
};

constexpr Target kTargets[] = {
    {"var/www/vendor/composer/installed.json", &customs::parse_composer_installed},
    {"var/www/composer.lock", &customs::parse_composer_lock},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const Target& t : kTargets) {
    customs::CatalogResult out;
    customs::CatalogFile file;
    file.path = t.path;
    file.content = bytes;
    file.truncated = size % 2 == 1;
    t.parse(file, out);
    for (const customs::Package& p : out.packages) {
      if (p.path != t.path || p.name.empty() || p.version.empty()) std::abort();
    }
    for (const customs::Diagnostic& d : out.diagnostics) {
      if (d.code.empty()) std::abort();
    }
  }
  return 0;
}
