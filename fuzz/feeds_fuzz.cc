// libFuzzer target: the feed importers on arbitrary bytes. The first byte picks the FeedKind (the
// OSV rows included), the rest is the input; detect_feed sees the same bytes. Every importer must
// return a batch or an error, never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vulndb/import/feed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  constexpr int kKinds = static_cast<int>(customs::FeedKind::kEpssCsv) + 1;
  auto kind = static_cast<customs::FeedKind>(data[0] % kKinds);
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  (void)customs::detect_feed("fuzz.json", bytes);
  customs::Diagnostics diags;
  auto batch = customs::parse_feed(kind, bytes, "fuzz", diags);
  if (batch.ok()) {
    for (const customs::Advisory& a : batch->advisories)
      (void)customs::to_string(a.affected.empty() ? customs::FixState::kAffected : a.affected.front().state);
  }
  return 0;
}
