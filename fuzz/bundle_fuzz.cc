// libFuzzer target: parse_bundle_header on arbitrary bytes (the start of a database bundle). It
// must return a header or an error, never crash, hang or leak; a header it accepts must survive
// being written out and read back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vulndb/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto h = customs::parse_bundle_header(bytes);
  if (!h.ok()) return 0;
  if (h->header_size > bytes.size() || h->header_size > customs::kMaxBundleHeader) std::abort();
  auto again = customs::parse_bundle_header(customs::serialize_bundle_header(*h));
  if (!again.ok() || again->payload_size != h->payload_size || again->key_id != h->key_id ||
      again->algorithm != h->algorithm || again->database_size != h->database_size)
    std::abort();
  return 0;
}
