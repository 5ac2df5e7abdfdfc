// libFuzzer target: the outer-archive index must never crash, hang or read out of bounds; every
// file member it records lies inside the archive, and opening or reading any member (following
// links) stays bounded.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/tar_index.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto file = customs::make_string_file(std::string(reinterpret_cast<const char*>(data), size));
  customs::EntryLimits limits;
  limits.max_entries = 10000;
  auto index = customs::index_tar(file, "fuzz", limits);
  if (!index.ok()) return 0;
  for (const auto& [path, member] : index->members) {
    if (path != member.entry.path) __builtin_trap();
    if (member.entry.type == customs::EntryType::kFile &&
        (member.data_offset > size || member.entry.size > size - member.data_offset))
      __builtin_trap();
    const customs::TarMember* target = index->find(path);
    if (target != nullptr && target->entry.type == customs::EntryType::kSymlink) __builtin_trap();
    auto content = index->read(path, 1 << 20);
    if (content.ok() && (target == nullptr || content->size() != target->entry.size)) __builtin_trap();
    auto in = index->open(path);
    if (in.ok()) (void)customs::drain(**in);
  }
  return 0;
}
