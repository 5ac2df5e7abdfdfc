// Feeds arbitrary bytes to every npm parser: installed package.json, package-lock.json (and the
// hidden node_modules/.package-lock.json), yarn.lock (classic and berry both get tried, since the
// format is picked from the content) and pnpm-lock.yaml. Every result must have a path on each
// package and a code on each diagnostic.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/catalog.h"
#include "catalog/npm/npm.h"
#include "catalog_fuzz_util.h"

namespace {

constexpr customs::fuzz::ParseTarget kTargets[] = {
    {"app/node_modules/@scope/fuzz/package.json", &customs::parse_npm_package_json},
    {"app/package-lock.json", &customs::parse_npm_package_lock},
    {"app/node_modules/.package-lock.json", &customs::parse_npm_package_lock},
    {"app/yarn.lock", &customs::parse_yarn_lock},
    {"app/pnpm-lock.yaml", &customs::parse_pnpm_lock},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  customs::fuzz::parse_each_and_check(kTargets, customs::fuzz::input_bytes(data, size),
                                      /*truncated=*/size % 2 == 1);
  return 0;
}
