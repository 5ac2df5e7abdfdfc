// The build info blob, following Go's debug/buildinfo: a 32-byte header that starts with
// "\xff Go buildinf:", 16-byte aligned, then the pointer size, a flags byte and either two
// pointers to Go string headers (before Go 1.18) or two varint-prefixed strings (flags & 2).
#include "catalog/go/buildinfo.h"

#include <algorithm>

namespace customs {

namespace {

constexpr std::string_view kMagic = "\xff Go buildinf:";
constexpr size_t kHeaderSize = 32;
constexpr size_t kAlign = 16;
constexpr uint64_t kSearchInSection = uint64_t{64} << 10;  // what Go reads from the data start
constexpr size_t kSearchInFile = size_t{1} << 20;          // the last-resort scan of the file
constexpr uint64_t kMaxStringSize = uint64_t{64} << 20;

// The first 16-byte aligned header in `data` (aligned relative to its start), or npos.
size_t find_header(std::string_view data) {
  for (size_t at = data.find(kMagic); at != std::string_view::npos; at = data.find(kMagic, at + 1)) {
    if (data.size() - at < kHeaderSize) return std::string_view::npos;
    if (at % kAlign == 0) return at;
  }
  return std::string_view::npos;
}

// A varint-prefixed string; advances `data` past it. nullopt when it runs off the end.
std::optional<std::string_view> read_varint_string(std::string_view& data) {
  uint64_t length = 0;
  size_t i = 0;
  for (int shift = 0;; shift += 7) {
    if (i >= data.size() || shift > 63) return std::nullopt;
    auto byte = static_cast<uint8_t>(data[i++]);
    length |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) break;
  }
  if (length > data.size() - i) return std::nullopt;
  std::string_view s = data.substr(i, length);
  data.remove_prefix(i + length);
  return s;
}

uint64_t read_pointer(std::string_view b, int size, bool big_endian) {
  uint64_t v = 0;
  for (int i = 0; i < size; ++i) {
    auto byte = static_cast<uint8_t>(b[big_endian ? i : size - 1 - i]);
    v = (v << 8) | byte;
  }
  return v;
}

// A Go string header {data pointer, length} at `addr`, then its bytes, through virtual addresses.
std::optional<std::string_view> read_go_string(const Executable& exe, uint64_t addr, int ptr_size, bool big) {
  std::string_view header = exe.read_at(addr, 2 * static_cast<uint64_t>(ptr_size));
  if (header.size() < 2 * static_cast<size_t>(ptr_size)) return std::nullopt;
  uint64_t data = read_pointer(header, ptr_size, big);
  uint64_t length = read_pointer(header.substr(ptr_size), ptr_size, big);
  if (length > kMaxStringSize) return std::nullopt;
  std::string_view s = exe.read_at(data, length);
  if (s.size() < length) return std::nullopt;
  return s;
}

// The region Go's DataStart() names: a dedicated section, else the first writable data.
std::string_view data_start(const Executable& exe) {
  for (std::string_view name : {".go.buildinfo", "__go_buildinfo"}) {
    if (const ExecSection* s = exe.find_section(name))
      return exe.section_bytes(*s).substr(0, kSearchInSection);
  }
  if (exe.format == ExecFormat::kPe) {
    for (const ExecSection& s : exe.sections) {
      if (s.vaddr != exe.image_base && s.size != 0 && s.writable && !s.executable)
        return exe.read_at(s.vaddr, kSearchInSection);
    }
    return {};
  }
  for (const ExecSegment& seg : exe.segments) {
    if (seg.vaddr != 0 && seg.file_size != 0 && seg.writable && !seg.executable)
      return exe.read_at(seg.vaddr, kSearchInSection);
  }
  return {};
}

// Strips cmd/go's 16-byte sentinels around the module text (Go's own test: a newline 17 bytes
// from the end); "" when the framing is missing.
std::string strip_sentinels(std::string_view mod) {
  if (mod.size() >= 33 && mod[mod.size() - 17] == '\n') return std::string(mod.substr(16, mod.size() - 32));
  return {};
}

GoBuildInfoBlob decode_header(const Executable& exe, std::string_view data) {
  GoBuildInfoBlob blob;
  blob.status = GoBuildInfoBlob::Status::kDamaged;
  int ptr_size = static_cast<uint8_t>(data[14]);
  auto flags = static_cast<uint8_t>(data[15]);
  std::optional<std::string_view> vers, mod;
  if (flags & 2) {
    std::string_view rest = data.substr(kHeaderSize);
    vers = read_varint_string(rest);
    if (vers) mod = read_varint_string(rest);
  } else if (ptr_size == 4 || ptr_size == 8) {
    bool big = (flags & 1) != 0;
    uint64_t vers_addr = read_pointer(data.substr(16), ptr_size, big);
    uint64_t mod_addr = read_pointer(data.substr(16 + ptr_size), ptr_size, big);
    vers = read_go_string(exe, vers_addr, ptr_size, big);
    if (vers) mod = read_go_string(exe, mod_addr, ptr_size, big);
  } else {
    blob.problem = "unsupported pointer size " + std::to_string(ptr_size);
    return blob;
  }
  if (!vers || vers->empty() || !mod) {
    blob.problem = "the Go version and module strings could not be read";
    return blob;
  }
  blob.status = GoBuildInfoBlob::Status::kFound;
  blob.go_version = std::string(*vers);
  blob.modinfo = strip_sentinels(*mod);
  return blob;
}

}  // namespace

GoBuildInfoBlob read_go_build_info(const Executable& exe) {
  std::string_view data = data_start(exe);
  size_t at = find_header(data);
  if (at == std::string_view::npos) {
    data = exe.image.substr(0, kSearchInFile);
    at = find_header(data);
  }
  if (at == std::string_view::npos) return {};
  // `data` is a view into the image: the inline strings may run past the searched window (a
  // binary with many modules), so decode from the header to the end of the file.
  size_t offset = static_cast<size_t>(data.data() - exe.image.data()) + at;
  return decode_header(exe, exe.image.substr(offset));
}

}  // namespace customs
