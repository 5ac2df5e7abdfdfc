// libFuzzer target: the customs.yaml parser (yaml-cpp underneath) must never crash, hang or
// throw, whatever the bytes; every error it returns is a located usage error in the file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > customs::kMaxConfigBytes) return 0;  // load_config refuses larger files
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto config = customs::parse_config(bytes, "customs.yaml");
  if (config.ok()) {
    if (config->path != "customs.yaml") __builtin_trap();
    for (const auto& id : config->policy.enabled)
      if (!customs::is_known_rule_id(id)) __builtin_trap();
    for (const auto& id : config->policy.disabled)
      if (!customs::is_known_rule_id(id)) __builtin_trap();
    return 0;
  }
  const customs::Error& e = config.error();
  if (e.kind != customs::ErrorKind::kUsage || e.where.file != "customs.yaml" || e.message.empty())
    __builtin_trap();
  if (e.where.line < 0 || e.where.column < 0) __builtin_trap();
  return 0;
}
