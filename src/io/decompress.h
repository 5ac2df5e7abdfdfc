#pragma once
// Streaming decompression of layer blobs: gzip (ISA-L igzip; multi-member), zstd, or none,
// detected from the magic bytes. Output is bounded to defeat decompression bombs.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "io/stream.h"

namespace customs {

enum class Compression { kNone, kGzip, kZstd };

std::string_view to_string(Compression c);
// From the first bytes of a blob (needs at most 4).
Compression detect_compression(std::string_view first_bytes);

struct DecompressLimits {
  uint64_t max_output = uint64_t{32} << 30;  // bytes of output in all
  // Past ratio_grace bytes of output, output may not exceed consumed input * max_ratio. Real
  // layers expand 2-10 times; gzip can reach ~1032:1 and zstd far more on runs of zeros, which is
  // what bombs are made of. A layer that holds a huge file of zeros may need a higher bound
  // (`customs image --max-expansion-ratio`). 0 disables the ratio bound.
  uint64_t max_ratio = 250;
  uint64_t ratio_grace = uint64_t{256} << 20;
};

// Decompresses `compressed`. With `detect`, the kind is read from the first bytes (anything
// that is not gzip or zstd passes through unchanged). Corrupt or truncated input is a
// kInvalidInput error naming `what`; a bound that is hit is a kLimit error naming `what`.
std::unique_ptr<InputStream> make_decompressing_stream(std::unique_ptr<InputStream> compressed,
                                                       std::string what, DecompressLimits limits = {});
// The same with a known kind (from a media type).
std::unique_ptr<InputStream> make_decompressing_stream(std::unique_ptr<InputStream> compressed,
                                                       Compression kind, std::string what,
                                                       DecompressLimits limits = {});

}  // namespace customs
