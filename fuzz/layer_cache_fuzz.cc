// libFuzzer target: the layer cache decoder must never crash, hang or allocate more than its
// input could hold, whatever the bytes. The bytes are decoded as they are (which exercises the
// envelope checks) and also sealed into a valid envelope (magic, version, checksum) so the
// field decoder itself is reached; what decodes must encode back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/hash.h"
#include "sources/image/layer_cache.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)customs::decode_layer_result(bytes);

  std::string sealed = std::string("CUSTOMSL\x01\0\0\0", 12);
  sealed += bytes;
  sealed += customs::sha256_hex(sealed);
  auto decoded = customs::decode_layer_result(sealed);
  if (decoded.ok() && customs::encode_layer_result(*decoded) != sealed) __builtin_trap();
  return 0;
}
