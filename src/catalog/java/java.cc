// The Java cataloger rows.
#include "catalog/java/java.h"

#include "catalog/util.h"

namespace customs {
namespace {

// Whole archives: a zip's central directory is at its end, so a prefix is useless.
uint64_t wants_java_archive(const FsEntry& entry) {
  if (entry.type != EntryType::kFile || !is_java_archive_name(entry.path)) return 0;
  return UINT64_MAX;
}

void parse_java_archive_file(const CatalogFile& file, CatalogResult& out) {
  if (file.truncated)
    add_diag(out, file, "java.truncated",
             "only the first " + std::to_string(file.content.size()) + " bytes of the archive were read");
  parse_java_archive(file.content, file.path, JavaArchiveOptions{}, out);
}

}  // namespace

std::vector<Cataloger> java_catalogers() {
  return {
      Cataloger{"java-archive", "java", 1, &wants_java_archive, &parse_java_archive_file},
  };
}

}  // namespace customs
