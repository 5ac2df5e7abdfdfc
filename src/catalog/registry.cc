#include <algorithm>

#include "catalog/catalog.h"

namespace customs {

const std::vector<Cataloger>& catalogers() {
  static const std::vector<Cataloger> all = [] {
    std::vector<Cataloger> v;
    for (auto* table : {&os_release_catalogers, &dpkg_catalogers, &apk_catalogers, &rpm_catalogers,
                        &npm_catalogers, &python_catalogers, &java_catalogers, &go_catalogers,
                        &rust_catalogers, &ruby_catalogers, &php_catalogers, &dotnet_catalogers}) {
      auto rows = (*table)();
      v.insert(v.end(), rows.begin(), rows.end());
    }
    return v;
  }();
  return all;
}

CatalogResult catalog_file(const FsEntry& entry, std::string_view content, bool truncated) {
  CatalogResult out;
  for (const Cataloger& c : catalogers()) {
    uint64_t want = c.wants(entry);
    if (want == 0) continue;
    CatalogFile file;
    file.path = entry.path;
    file.content = content.substr(0, static_cast<size_t>(std::min<uint64_t>(want, content.size())));
    file.truncated = want < content.size() || truncated;
    file.mode = entry.mode;
    c.parse(file, out);
  }
  return out;
}

}  // namespace customs
