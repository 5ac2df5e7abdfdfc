// Mach-O: LC_SEGMENT / LC_SEGMENT_64 load commands and their sections; fat (universal) files
// are read slice by slice until one parses.
#include <string>

#include "catalog/binary/formats.h"

namespace customs::exec_detail {

namespace {

constexpr uint32_t kMhMagic = 0xfeedface;
constexpr uint32_t kMhMagic64 = 0xfeedfacf;
constexpr uint32_t kFatMagic = 0xcafebabe;
constexpr uint32_t kFatMagic64 = 0xcafebabf;
constexpr uint32_t kLcSegment = 0x1;
constexpr uint32_t kLcSegment64 = 0x19;
constexpr uint32_t kVmProtWrite = 2;
constexpr uint32_t kVmProtExecute = 4;
// Java class files share 0xcafebabe; their next word (minor/major version) is >= 45, while a fat
// header's architecture count is small. `file` draws the same line.
constexpr uint64_t kMaxFatArchs = 20;

// Offsets inside a segment command and a section record, for 32- and 64-bit files.
struct SegmentLayout {
  bool wide;
  uint64_t command_size, section_size;
  uint64_t vmaddr, fileoff, filesize, initprot, nsects;
  uint64_t s_addr, s_size, s_offset, s_flags;
};
constexpr SegmentLayout kSeg32{false, 56, 68, 24, 32, 36, 44, 48, 32, 36, 40, 56};
constexpr SegmentLayout kSeg64{true, 72, 80, 24, 40, 48, 60, 64, 32, 40, 48, 64};

bool is_zerofill(uint32_t flags) {
  uint32_t type = flags & 0xff;
  return type == 0x1 || type == 0xc || type == 0x12;
}

void read_segment(const ByteReader& r, const SegmentLayout& L, uint64_t at, uint64_t cmdsize,
                  Executable& exe) {
  if (cmdsize < L.command_size) return;
  auto vmaddr = r.word(at + L.vmaddr, L.wide);
  auto fileoff = r.word(at + L.fileoff, L.wide);
  auto filesize = r.word(at + L.filesize, L.wide);
  auto prot = r.u32(at + L.initprot);
  auto nsects = r.u32(at + L.nsects);
  if (!vmaddr || !fileoff || !filesize || !prot || !nsects) return;
  ExecSegment seg;
  seg.name = std::string(r.name(at + 8, 16));
  seg.vaddr = *vmaddr;
  seg.offset = *fileoff;
  seg.file_size = clamp_size(*fileoff, *filesize, r.bytes().size());
  seg.writable = (*prot & kVmProtWrite) != 0;
  seg.executable = (*prot & kVmProtExecute) != 0;
  uint64_t room = (cmdsize - L.command_size) / L.section_size;
  uint64_t count = *nsects < room ? *nsects : room;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t s_at = at + L.command_size + i * L.section_size;
    auto addr = r.word(s_at + L.s_addr, L.wide);
    auto size = r.word(s_at + L.s_size, L.wide);
    auto offset = r.u32(s_at + L.s_offset);
    auto flags = r.u32(s_at + L.s_flags);
    if (!addr || !size || !offset || !flags) break;
    ExecSection s;
    s.name = std::string(r.name(s_at, 16));
    s.segment = std::string(r.name(s_at + 16, 16));
    s.offset = *offset;
    s.size = is_zerofill(static_cast<uint32_t>(*flags)) ? 0 : clamp_size(*offset, *size, r.bytes().size());
    s.vaddr = *addr;
    s.flags = static_cast<uint32_t>(*flags);
    s.writable = seg.writable;
    s.executable = seg.executable;
    exe.sections.push_back(std::move(s));
  }
  exe.segments.push_back(std::move(seg));
}

std::optional<Executable> parse_thin(std::string_view bytes) {
  auto le_magic = ByteReader(bytes, false).u32(0);
  auto be_magic = ByteReader(bytes, true).u32(0);
  if (!le_magic) return std::nullopt;
  Executable exe;
  exe.format = ExecFormat::kMachO;
  exe.image = bytes;
  if (*le_magic == kMhMagic || *le_magic == kMhMagic64) {
    exe.is_64bit = *le_magic == kMhMagic64;
  } else if (*be_magic == kMhMagic || *be_magic == kMhMagic64) {
    exe.big_endian = true;
    exe.is_64bit = *be_magic == kMhMagic64;
  } else {
    return std::nullopt;
  }
  ByteReader r(bytes, exe.big_endian);
  auto ncmds = r.u32(16);
  auto sizeofcmds = r.u32(20);
  uint64_t at = exe.is_64bit ? 32 : 28;
  if (!ncmds || !sizeofcmds || at > bytes.size()) return std::nullopt;
  uint64_t end = at + clamp_size(at, *sizeofcmds, bytes.size());
  for (uint64_t i = 0; i < *ncmds && at + 8 <= end; ++i) {
    uint64_t cmd = *r.u32(at);
    uint64_t cmdsize = *r.u32(at + 4);
    if (cmdsize < 8 || cmdsize > end - at) break;
    if (cmd == kLcSegment) read_segment(r, kSeg32, at, cmdsize, exe);
    if (cmd == kLcSegment64) read_segment(r, kSeg64, at, cmdsize, exe);
    at += cmdsize;
  }
  return exe;
}

std::optional<Executable> parse_fat(std::string_view bytes, bool wide) {
  ByteReader r(bytes, true);
  auto count = r.u32(4);
  if (!count || *count == 0 || *count > kMaxFatArchs) return std::nullopt;
  uint64_t entry_size = wide ? 32 : 20;
  if (!r.fits(8, *count, entry_size)) return std::nullopt;
  for (uint64_t i = 0; i < *count; ++i) {
    uint64_t at = 8 + i * entry_size;
    uint64_t offset = *r.word(at + 8, wide);
    uint64_t size = *r.word(at + (wide ? 16 : 12), wide);
    uint64_t present = clamp_size(offset, size, bytes.size());
    if (present == 0) continue;
    if (auto exe = parse_thin(bytes.substr(offset, present))) return exe;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Executable> parse_macho(std::string_view bytes) {
  auto magic = ByteReader(bytes, true).u32(0);
  if (!magic) return std::nullopt;
  if (*magic == kFatMagic || *magic == kFatMagic64) return parse_fat(bytes, *magic == kFatMagic64);
  return parse_thin(bytes);
}

}  // namespace customs::exec_detail
