// PE (PE32 and PE32+): the COFF section table, with long names ("/123") resolved through the
// COFF string table as MinGW and the Go linker write them.
#include <string>

#include "catalog/binary/formats.h"

namespace customs::exec_detail {

namespace {

constexpr uint64_t kSectionHeaderSize = 40;
constexpr uint64_t kCoffSymbolSize = 18;
constexpr uint32_t kScnMemExecute = 0x20000000;
constexpr uint32_t kScnMemWrite = 0x80000000;
constexpr uint64_t kPe32Magic = 0x10b;
constexpr uint64_t kPe32PlusMagic = 0x20b;

// "/123" names an offset in the string table that follows the COFF symbol table.
std::string section_name(const ByteReader& r, uint64_t at, uint64_t string_table) {
  std::string_view raw = r.name(at, 8);
  if (raw.size() < 2 || raw[0] != '/' || string_table == 0) return std::string(raw);
  uint64_t offset = 0;
  for (char c : raw.substr(1)) {
    if (c < '0' || c > '9') return std::string(raw);
    offset = offset * 10 + static_cast<uint64_t>(c - '0');
  }
  std::string_view resolved = r.name(string_table + offset, 256);
  return resolved.empty() ? std::string(raw) : std::string(resolved);
}

struct CoffHeader {
  uint64_t sections_at = 0;
  uint64_t section_count = 0;
  uint64_t string_table = 0;
  uint64_t optional_at = 0;
  uint64_t optional_size = 0;
};

std::optional<CoffHeader> read_coff(const ByteReader& r) {
  auto lfanew = r.u32(0x3c);
  if (!lfanew || !r.fits(*lfanew, 1, 4) || r.bytes().substr(*lfanew, 4) != std::string_view("PE\0\0", 4))
    return std::nullopt;
  uint64_t coff = *lfanew + 4;
  auto nsections = r.u16(coff + 2);
  auto symtab = r.u32(coff + 8);
  auto nsymbols = r.u32(coff + 12);
  auto optional_size = r.u16(coff + 16);
  if (!nsections || !symtab || !nsymbols || !optional_size) return std::nullopt;
  CoffHeader h;
  h.optional_at = coff + 20;
  h.optional_size = *optional_size;
  h.sections_at = h.optional_at + h.optional_size;
  h.section_count = *nsections;
  if (*symtab != 0) h.string_table = *symtab + *nsymbols * kCoffSymbolSize;
  return h;
}

}  // namespace

std::optional<Executable> parse_pe(std::string_view bytes) {
  ByteReader r(bytes, false);
  auto coff = read_coff(r);
  if (!coff) return std::nullopt;
  Executable exe;
  exe.format = ExecFormat::kPe;
  exe.image = bytes;
  auto magic = r.u16(coff->optional_at);
  if (coff->optional_size >= 32 && magic == kPe32Magic) {
    exe.image_base = r.u32(coff->optional_at + 28).value_or(0);
  } else if (coff->optional_size >= 32 && magic == kPe32PlusMagic) {
    exe.is_64bit = true;
    exe.image_base = r.u64(coff->optional_at + 24).value_or(0);
  } else {
    return std::nullopt;
  }
  if (!r.fits(coff->sections_at, coff->section_count, kSectionHeaderSize)) return std::nullopt;
  for (uint64_t i = 0; i < coff->section_count; ++i) {
    uint64_t at = coff->sections_at + i * kSectionHeaderSize;
    uint64_t virtual_address = *r.u32(at + 12);
    uint64_t raw_size = *r.u32(at + 16);
    uint64_t raw_offset = *r.u32(at + 20);
    auto characteristics = static_cast<uint32_t>(*r.u32(at + 36));
    ExecSection s;
    s.name = section_name(r, at, coff->string_table);
    s.offset = raw_offset;
    s.size = clamp_size(raw_offset, raw_size, bytes.size());
    s.vaddr = exe.image_base + virtual_address;
    s.flags = characteristics;
    s.writable = (characteristics & kScnMemWrite) != 0;
    s.executable = (characteristics & kScnMemExecute) != 0;
    exe.segments.push_back(ExecSegment{s.name, s.offset, s.size, s.vaddr, s.writable, s.executable});
    exe.sections.push_back(std::move(s));
  }
  return exe;
}

}  // namespace customs::exec_detail
