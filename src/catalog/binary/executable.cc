#include "catalog/binary/executable.h"

#include <algorithm>

#include "catalog/binary/formats.h"

namespace customs {

namespace {

bool has_prefix(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

bool is_macho_magic(std::string_view b) {
  static constexpr std::string_view kMagics[] = {
      "\xfe\xed\xfa\xce", "\xce\xfa\xed\xfe", "\xfe\xed\xfa\xcf", "\xcf\xfa\xed\xfe",  // thin
      "\xca\xfe\xba\xbe", "\xca\xfe\xba\xbf",                                          // fat
  };
  for (std::string_view m : kMagics) {
    if (has_prefix(b, m)) return true;
  }
  return false;
}

}  // namespace

std::string_view to_string(ExecFormat f) {
  switch (f) {
    case ExecFormat::kElf: return "ELF";
    case ExecFormat::kPe: return "PE";
    case ExecFormat::kMachO: return "Mach-O";
  }
  return "?";
}

const ExecSection* Executable::find_section(std::string_view name, std::string_view segment) const {
  for (const ExecSection& s : sections) {
    if (s.name == name && (segment.empty() || s.segment == segment)) return &s;
  }
  return nullptr;
}

std::string_view Executable::section_bytes(const ExecSection& s) const {
  uint64_t size = exec_detail::clamp_size(s.offset, s.size, image.size());
  if (size == 0) return {};
  return image.substr(s.offset, size);
}

std::string_view Executable::read_at(uint64_t vaddr, uint64_t size) const {
  auto read_from = [&](uint64_t start, uint64_t offset, uint64_t file_size) -> std::string_view {
    if (vaddr < start || vaddr - start >= file_size) return {};
    uint64_t skip = vaddr - start;
    uint64_t avail = exec_detail::clamp_size(offset, file_size, image.size());
    if (skip >= avail) return {};
    return image.substr(offset + skip, std::min(size, avail - skip));
  };
  for (const ExecSegment& seg : segments) {
    if (seg.file_size == 0 || vaddr < seg.vaddr || vaddr - seg.vaddr >= seg.file_size) continue;
    return read_from(seg.vaddr, seg.offset, seg.file_size);
  }
  if (!segments.empty()) return {};
  for (const ExecSection& s : sections) {
    if (s.size == 0 || s.vaddr == 0 || vaddr < s.vaddr || vaddr - s.vaddr >= s.size) continue;
    return read_from(s.vaddr, s.offset, s.size);
  }
  return {};
}

bool looks_like_executable(std::string_view bytes) {
  return has_prefix(bytes,
                    "\x7f"
                    "ELF") ||
         has_prefix(bytes, "MZ") || is_macho_magic(bytes);
}

std::optional<Executable> parse_executable(std::string_view bytes) {
  if (has_prefix(bytes,
                 "\x7f"
                 "ELF"))
    return exec_detail::parse_elf(bytes);
  if (has_prefix(bytes, "MZ")) return exec_detail::parse_pe(bytes);
  if (is_macho_magic(bytes)) return exec_detail::parse_macho(bytes);
  return std::nullopt;
}

}  // namespace customs
