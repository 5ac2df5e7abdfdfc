// Feeds arbitrary bytes to every npm parser: installed package.json, package-lock.json (and the
// hidden node_modules/.package-lock.json), yarn.lock (classic and berry both get tried, since the
// format is picked from the content) and pnpm-lock.yaml. Every result must have a path on each
// package and a code on each diagnostic.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "catalog/catalog.h"
#include "catalog/npm/npm.h"

namespace {

using Parser = void (*)(const customs::CatalogFile&, customs::CatalogResult&);

struct Target {
  std::string_view path;
  Parser parse;
};

constexpr Target kTargets[] = {
    {"app/node_modules/@scope/fuzz/package.json", &customs::parse_npm_package_json},
    {"app/package-lock.json", &customs::parse_npm_package_lock},
    {"app/node_modules/.package-lock.json", &customs::parse_npm_package_lock},
    {"app/yarn.lock", &customs::parse_yarn_lock},
    {"app/pnpm-lock.yaml", &customs::parse_pnpm_lock},
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
