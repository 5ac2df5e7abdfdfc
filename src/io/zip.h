#pragma once
// Reading zip archives (jar, war, ear, wheel, egg) from bytes in memory, with bounds: entry count,
// bytes read per entry and in total, so a zip bomb ends in a kLimit error rather than in memory
// exhaustion. Directory entries are skipped.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace customs {

struct ZipLimits {
  uint64_t max_entries = 200'000;
  uint64_t max_total_bytes = uint64_t{1} << 30;  // decompressed bytes read from the whole archive
};

struct ZipEntryInfo {
  std::string name;   // as stored ("META-INF/MANIFEST.MF"); not normalised, may be hostile
  uint64_t size = 0;  // declared uncompressed size (0 when unknown)
};

// How many bytes of an entry to read (0 = skip it).
using ZipWant = std::function<uint64_t(const ZipEntryInfo&)>;
// Called with up to want() bytes of a wanted entry; `truncated` when there were more.
using ZipVisit = std::function<void(const ZipEntryInfo&, std::string_view content, bool truncated)>;

// Visits the entries of the zip in `bytes`. `what` names the archive in errors. Fails with
// kInvalidInput for bytes that are not a readable zip (entries visited before the damage stay
// visited) and kLimit when a bound is hit.
Status read_zip(std::string_view bytes, std::string_view what, const ZipLimits& limits, const ZipWant& want,
                const ZipVisit& visit);

// True when the bytes start like a zip archive ("PK\3\4" or an empty archive's "PK\5\6").
bool looks_like_zip(std::string_view bytes);

}  // namespace customs
