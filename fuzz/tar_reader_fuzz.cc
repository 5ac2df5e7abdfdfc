// libFuzzer target: the streaming tar reader must never crash, hang or read out of bounds, and
// every entry it returns must have a normalised path (no "..", no leading "/", no empty parts).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/tar_reader.h"

namespace {

bool normalised(std::string_view p) {
  if (p.empty()) return true;
  if (p.front() == '/' || p.back() == '/') return false;
  for (size_t pos = 0; pos <= p.size();) {
    size_t end = std::min(p.find('/', pos), p.size());
    std::string_view part = p.substr(pos, end - pos);
    if (part.empty() || part == "." || part == "..") return false;
    pos = end + 1;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  customs::EntryLimits limits;
  limits.max_entries = 10000;
  auto reader = customs::make_tar_reader(
      customs::make_string_stream(std::string(reinterpret_cast<const char*>(data), size)), "fuzz", limits);
  char buf[8192];
  std::string last_error;
  for (int i = 0; i < 20000; ++i) {
    auto e = reader->next();
    if (!e.ok()) {
      // Bad names are not sticky; archive errors are: stop when the same error comes twice.
      if (e.error().message == last_error) break;
      last_error = e.error().message;
      continue;
    }
    if (!e->has_value()) break;
    const customs::FsEntry& entry = **e;
    if (!normalised(entry.path)) __builtin_trap();
    if (entry.type == customs::EntryType::kHardlink && !normalised(entry.link_target)) __builtin_trap();
    if (entry.mode > 07777) __builtin_trap();
    // Sparse entries may expand to huge sizes: read a bounded amount.
    for (size_t total = 0; total < (size_t{1} << 20);) {
      auto got = reader->read(buf, sizeof buf);
      if (!got.ok() || *got == 0) break;
      if (*got > sizeof buf) __builtin_trap();
      total += *got;
    }
  }
  return 0;
}
