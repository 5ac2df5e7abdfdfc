#include <zlib.h>

#include <algorithm>

#include "catalog/rust/rows.h"

namespace customs {

Result<std::string> inflate_zlib(std::string_view compressed, size_t max_output) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return make_error(ErrorKind::kInternal, "zlib inflateInit failed");
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(compressed.size(), UINT32_MAX));
  int rc = Z_OK;
  while (rc == Z_OK) {
    if (out.size() >= max_output) {
      inflateEnd(&zs);
      return make_error(ErrorKind::kLimit,
                        "decompressed data exceeds " + std::to_string(max_output) + " bytes");
    }
    size_t chunk = std::min<size_t>(max_output - out.size(), size_t{64} << 10);
    size_t before = out.size();
    out.resize(before + chunk);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + before);
    zs.avail_out = static_cast<uInt>(chunk);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(before + (chunk - zs.avail_out));
  }
  // Z_BUF_ERROR: no progress was possible with output room left, so the input ended early.
  std::string message = rc == Z_BUF_ERROR ? "zlib data is truncated"
                                          : std::string("corrupt zlib data: ") + (zs.msg ? zs.msg : "?");
  inflateEnd(&zs);
  if (rc == Z_STREAM_END) return out;
  return make_error(ErrorKind::kInvalidInput, message);
}

}  // namespace customs
