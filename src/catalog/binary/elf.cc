// ELF: the section headers (named through .shstrtab) and the PT_LOAD program headers.
#include <string>

#include "catalog/binary/formats.h"

namespace customs::exec_detail {

namespace {

constexpr uint32_t kPtLoad = 1;
constexpr uint32_t kPfExec = 1;
constexpr uint32_t kPfWrite = 2;
constexpr uint32_t kShtNobits = 8;
constexpr uint64_t kShfWrite = 1;
constexpr uint64_t kShfExecInstr = 4;
constexpr uint64_t kShnXindex = 0xffff;

// Field offsets of the header and table entries, which differ between ELFCLASS32 and ELFCLASS64.
struct ElfLayout {
  bool wide;
  uint64_t phoff, shoff, phentsize, phnum, shentsize, shnum, shstrndx;
  uint64_t sh_flags, sh_addr, sh_offset, sh_size, sh_link;
  uint64_t ph_flags, ph_offset, ph_vaddr, ph_filesz;
};

constexpr ElfLayout kElf32{false, 28, 32, 42, 44, 46, 48, 50, 8, 12, 16, 20, 24, 24, 4, 8, 16};
constexpr ElfLayout kElf64{true, 32, 40, 54, 56, 58, 60, 62, 8, 16, 24, 32, 40, 4, 8, 16, 32};

struct RawSection {
  uint32_t name_offset = 0;
  uint32_t type = 0;
  ExecSection section;
};

std::optional<RawSection> read_section(const ByteReader& r, const ElfLayout& L, uint64_t at) {
  auto name = r.u32(at);
  auto type = r.u32(at + 4);
  auto flags = r.word(at + L.sh_flags, L.wide);
  auto addr = r.word(at + L.sh_addr, L.wide);
  auto offset = r.word(at + L.sh_offset, L.wide);
  auto size = r.word(at + L.sh_size, L.wide);
  if (!name || !type || !flags || !addr || !offset || !size) return std::nullopt;
  RawSection raw;
  raw.name_offset = static_cast<uint32_t>(*name);
  raw.type = static_cast<uint32_t>(*type);
  ExecSection& s = raw.section;
  s.offset = *offset;
  s.size = raw.type == kShtNobits ? 0 : clamp_size(*offset, *size, r.bytes().size());
  s.vaddr = *addr;
  s.flags = static_cast<uint32_t>(*flags);
  s.writable = (*flags & kShfWrite) != 0;
  s.executable = (*flags & kShfExecInstr) != 0;
  return raw;
}

void read_sections(const ByteReader& r, const ElfLayout& L, Executable& exe) {
  auto shoff = r.word(L.shoff, L.wide);
  auto entsize = r.u16(L.shentsize);
  auto shnum = r.u16(L.shnum);
  auto shstrndx = r.u16(L.shstrndx);
  if (!shoff || !entsize || !shnum || !shstrndx || *shoff == 0) return;
  if (*entsize < (L.wide ? 64u : 40u)) return;
  uint64_t count = *shnum;
  uint64_t strndx = *shstrndx;
  if (count == 0 || strndx == kShnXindex) {  // extended numbering lives in section 0
    auto first = read_section(r, L, *shoff);
    if (!first) return;
    if (count == 0) count = r.word(*shoff + L.sh_size, L.wide).value_or(0);
    if (strndx == kShnXindex) strndx = r.u32(*shoff + L.sh_link).value_or(0);
  }
  if (!r.fits(*shoff, count, *entsize)) return;
  std::vector<RawSection> raw;
  raw.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    auto s = read_section(r, L, *shoff + i * *entsize);
    if (!s) return;
    raw.push_back(std::move(*s));
  }
  ExecSection strtab;
  if (strndx < raw.size()) strtab = raw[strndx].section;
  for (RawSection& s : raw) {
    if (s.name_offset < strtab.size) {
      uint64_t room = strtab.size - s.name_offset;
      s.section.name = std::string(r.name(strtab.offset + s.name_offset, room));
    }
    exe.sections.push_back(std::move(s.section));
  }
}

void read_segments(const ByteReader& r, const ElfLayout& L, Executable& exe) {
  auto phoff = r.word(L.phoff, L.wide);
  auto entsize = r.u16(L.phentsize);
  auto phnum = r.u16(L.phnum);
  if (!phoff || !entsize || !phnum || *phoff == 0 || *entsize < (L.wide ? 56u : 32u)) return;
  if (!r.fits(*phoff, *phnum, *entsize)) return;
  for (uint64_t i = 0; i < *phnum; ++i) {
    uint64_t at = *phoff + i * *entsize;
    auto type = r.u32(at);
    auto flags = r.u32(at + L.ph_flags);
    auto offset = r.word(at + L.ph_offset, L.wide);
    auto vaddr = r.word(at + L.ph_vaddr, L.wide);
    auto filesz = r.word(at + L.ph_filesz, L.wide);
    if (!type || !flags || !offset || !vaddr || !filesz) return;
    if (*type != kPtLoad) continue;
    ExecSegment seg;
    seg.offset = *offset;
    seg.file_size = clamp_size(*offset, *filesz, r.bytes().size());
    seg.vaddr = *vaddr;
    seg.writable = (*flags & kPfWrite) != 0;
    seg.executable = (*flags & kPfExec) != 0;
    exe.segments.push_back(std::move(seg));
  }
}

}  // namespace

std::optional<Executable> parse_elf(std::string_view bytes) {
  if (bytes.size() < 52) return std::nullopt;
  auto elf_class = static_cast<uint8_t>(bytes[4]);
  auto data = static_cast<uint8_t>(bytes[5]);
  if ((elf_class != 1 && elf_class != 2) || (data != 1 && data != 2)) return std::nullopt;
  Executable exe;
  exe.format = ExecFormat::kElf;
  exe.is_64bit = elf_class == 2;
  exe.big_endian = data == 2;
  exe.image = bytes;
  ByteReader r(bytes, exe.big_endian);
  const ElfLayout& layout = exe.is_64bit ? kElf64 : kElf32;
  if (exe.is_64bit && bytes.size() < 64) return std::nullopt;
  read_sections(r, layout, exe);
  read_segments(r, layout, exe);
  return exe;
}

}  // namespace customs::exec_detail
