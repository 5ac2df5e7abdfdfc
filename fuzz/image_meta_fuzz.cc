// libFuzzer target: any bytes through the image metadata parsers (manifest, index, config,
// docker-archive manifest.json), platform choice on whatever index parses, and registry
// reference parsing must never crash or hang; every failure is an Error naming the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sources/image/parse.h"
#include "sources/image/target.h"

namespace {

// Every error names the input it was given.
template <typename T>
void expect_named(const customs::Result<T>& r) {
  if (!r.ok() && r.error().message.rfind("fuzz", 0) != 0) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string what = "fuzz";
  (void)customs::manifest_kind("", bytes);
  expect_named(customs::parse_manifest(bytes, what));
  expect_named(customs::parse_image_config(bytes, what));
  expect_named(customs::parse_docker_archive_manifest(bytes, what));
  auto index = customs::parse_index(bytes, what);
  expect_named(index);
  if (index.ok()) {
    for (std::string_view wanted : {"", "linux/arm64", "linux/arm/v7", "windows/amd64"}) {
      auto d = customs::select_platform(*index, wanted, what);
      expect_named(d);
    }
  }
  std::string_view head = bytes.substr(0, 300);
  (void)customs::parse_platform(head);
  auto ref = customs::parse_registry_ref(head);
  if (ref.ok()) {
    // A normalised reference reads back as itself.
    auto again = customs::parse_registry_ref(ref->to_string());
    if (!again.ok() || again->to_string() != ref->to_string()) __builtin_trap();
  }
  return 0;
}
