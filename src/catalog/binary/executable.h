#pragma once
// A reader for executables from bytes in memory: ELF (32/64-bit, either byte order), PE (PE32 and
// PE32+) and Mach-O (32/64-bit, and fat/universal files, whose first slice that parses is read).
// It reads only the headers: the section and segment tables, each entry bounds-checked against the
// bytes (entries that point past the end are clamped to what the file holds). Section contents
// and virtual-address reads are views into the caller's bytes, which must outlive the Executable.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace customs {

enum class ExecFormat { kElf, kPe, kMachO };

std::string_view to_string(ExecFormat f);

struct ExecSection {
  std::string name;     // ".go.buildinfo"; Mach-O: the section name ("__go_buildinfo")
  std::string segment;  // Mach-O: the segment the section belongs to ("__DATA"); "" elsewhere
  uint64_t offset = 0;  // file offset in Executable::image
  uint64_t size = 0;    // bytes present in the file (0 for ELF NOBITS and Mach-O zerofill)
  uint64_t vaddr = 0;   // absolute virtual address (PE: the image base included)
  uint32_t flags = 0;   // the format's own flags (ELF sh_flags low bits, PE Characteristics, Mach-O flags)
  bool writable = false;
  bool executable = false;
};

// A mapping of file bytes into memory: ELF PT_LOAD, Mach-O segments, PE sections.
struct ExecSegment {
  std::string name;  // Mach-O segment name; PE section name; "" for ELF
  uint64_t offset = 0;
  uint64_t file_size = 0;
  uint64_t vaddr = 0;
  bool writable = false;
  bool executable = false;
};

struct Executable {
  ExecFormat format = ExecFormat::kElf;
  bool is_64bit = false;
  bool big_endian = false;
  std::string_view image;   // the parsed image (for a fat Mach-O: its slice)
  uint64_t image_base = 0;  // PE ImageBase; 0 elsewhere
  std::vector<ExecSection> sections;
  std::vector<ExecSegment> segments;

  // The first section named `name` (and, when `segment` is not empty, in that Mach-O segment).
  const ExecSection* find_section(std::string_view name, std::string_view segment = {}) const;
  // The section's bytes in the file ("" for sections without file contents).
  std::string_view section_bytes(const ExecSection& s) const;
  // Up to `size` bytes at virtual address `vaddr`, from the one segment (or, without segments,
  // section) that maps it: shorter when the mapping ends first, "" when no mapping covers it.
  std::string_view read_at(uint64_t vaddr, uint64_t size) const;
};

// True when the bytes start with the magic of a format parse_executable() reads (a cheap test).
bool looks_like_executable(std::string_view bytes);

// Parses the headers; nullopt when the bytes are not a readable ELF, PE or Mach-O file.
std::optional<Executable> parse_executable(std::string_view bytes);

}  // namespace customs
