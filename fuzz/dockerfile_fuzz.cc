// libFuzzer target: the Dockerfile parser (and through it the shell parser) must never crash,
// hang or read out of bounds, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sources/dockerfile/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  customs::Diagnostics diags;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto df = customs::parse_dockerfile(bytes, "Dockerfile", diags);
  if (!df.ok()) return 0;
  // Every position must lie inside the source: checks and --fix rely on it.
  for (const auto& ins : df->instructions) {
    if (ins.args.pos.size() != ins.args.text.size()) __builtin_trap();
    for (const auto& p : ins.args.pos)
      if (p.line < 1 || p.column < 1) __builtin_trap();
    if (ins.stage >= static_cast<int>(df->stages.size())) __builtin_trap();
  }
  for (const auto& s : df->stages)
    for (int d : s.depends_on)
      if (d < 0 || d >= static_cast<int>(df->stages.size())) __builtin_trap();
  return 0;
}
