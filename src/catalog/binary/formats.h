#pragma once
// Internals of the executable reader: bounds-checked integer reads and the per-format parsers.
#include <cstdint>
#include <optional>
#include <string_view>

#include "catalog/binary/executable.h"

namespace customs::exec_detail {

// Reads fixed-size integers at offsets of a byte view; every read checks the bounds and yields
// nullopt past the end, so a hostile header can never make a read leave the buffer.
class ByteReader {
 public:
  ByteReader(std::string_view bytes, bool big_endian) : bytes_(bytes), big_(big_endian) {}

  std::optional<uint64_t> uint(uint64_t offset, int width) const {
    if (offset > bytes_.size() || bytes_.size() - offset < static_cast<uint64_t>(width)) return std::nullopt;
    uint64_t v = 0;
    for (int i = 0; i < width; ++i) {
      auto byte = static_cast<uint8_t>(bytes_[offset + (big_ ? i : width - 1 - i)]);
      v = (v << 8) | byte;
    }
    return v;
  }
  std::optional<uint64_t> u16(uint64_t offset) const { return uint(offset, 2); }
  std::optional<uint64_t> u32(uint64_t offset) const { return uint(offset, 4); }
  std::optional<uint64_t> u64(uint64_t offset) const { return uint(offset, 8); }
  // A 32- or 64-bit word.
  std::optional<uint64_t> word(uint64_t offset, bool wide) const { return uint(offset, wide ? 8 : 4); }
  // `count` fixed-size records of `size` bytes starting at `offset` all lie inside the bytes.
  bool fits(uint64_t offset, uint64_t count, uint64_t size) const {
    if (offset > bytes_.size()) return false;
    return size == 0 || count <= (bytes_.size() - offset) / size;
  }
  // A NUL-terminated (or `max`-bounded) name at `offset`; "" when out of bounds.
  std::string_view name(uint64_t offset, uint64_t max) const {
    if (offset >= bytes_.size()) return {};
    std::string_view s = bytes_.substr(offset, max);
    return s.substr(0, s.find('\0'));
  }
  std::string_view bytes() const { return bytes_; }

 private:
  std::string_view bytes_;
  bool big_;
};

// Clamps [offset, offset + size) to the bytes: the size that is really present in the file.
inline uint64_t clamp_size(uint64_t offset, uint64_t size, uint64_t total) {
  if (offset >= total) return 0;
  return size < total - offset ? size : total - offset;
}

std::optional<Executable> parse_elf(std::string_view bytes);
std::optional<Executable> parse_pe(std::string_view bytes);
// Thin (single-architecture) Mach-O and fat/universal files.
std::optional<Executable> parse_macho(std::string_view bytes);

}  // namespace customs::exec_detail
