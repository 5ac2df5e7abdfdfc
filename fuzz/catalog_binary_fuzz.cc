// Fuzzes the executable reader, Go build info and cargo-auditable extraction on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/binary/executable.h"
#include "catalog/catalog.h"
#include "catalog/go/buildinfo.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace customs;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (auto exe = parse_executable(bytes)) {
    for (const ExecSection& s : exe->sections) {
      std::string_view content = exe->section_bytes(s);
      if (!content.empty() && content.data() < bytes.data()) __builtin_trap();
      (void)exe->read_at(s.vaddr, s.size);
    }
    GoBuildInfoBlob blob = read_go_build_info(*exe);
    (void)parse_go_modinfo(blob.modinfo);
  }
  (void)parse_go_modinfo(bytes);
  static const std::vector<Cataloger> rows = [] {
    std::vector<Cataloger> v = go_catalogers();
    for (const Cataloger& c : rust_catalogers()) {
      if (c.name == "rust-binary") v.push_back(c);
    }
    return v;
  }();
  CatalogFile file;
  file.path = "usr/bin/fuzzed";
  file.content = bytes;
  file.mode = 0755;
  CatalogResult out;
  for (const Cataloger& c : rows) c.parse(file, out);
  return 0;
}
