// libFuzzer target: the OSV importer on arbitrary bytes, as JSON and as YAML. Each parse must
// return advisories or an error, never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vulndb/import/osv.h"

namespace {

void touch(const customs::Result<customs::FeedBatch>& batch) {
  if (!batch.ok()) return;
  for (const customs::Advisory& a : batch->advisories) {
    for (const customs::Affected& affected : a.affected) {
      for (const customs::AffectedRange& r : affected.ranges) (void)r.events.size();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  customs::Diagnostics diags;
  touch(customs::parse_osv_json(bytes, "fuzz.json", diags));
  touch(customs::parse_osv_yaml(bytes, "fuzz.yaml", diags));
  return 0;
}
