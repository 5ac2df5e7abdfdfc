#include "analyzers/packages/package_analyzer.h"

#include <algorithm>

#include "catalog/encode.h"

namespace customs {
namespace {

class PackageAnalyzer : public FileAnalyzer {
 public:
  std::string_view name() const override { return kPackageAnalyzer; }

  // The encoding version and every cataloger's version: a change to any of them invalidates the
  // cached layers.
  int version() const override {
    int v = kCatalogEncodingVersion * 1000;
    for (const Cataloger& c : catalogers()) v += c.version;
    return v;
  }

  uint64_t wants(const FsEntry& entry) const override {
    uint64_t most = 0;
    for (const Cataloger& c : catalogers()) most = std::max(most, c.wants(entry));
    return most;
  }

  void analyze(const FsEntry& entry, std::string_view content, bool truncated,
               std::vector<AnalyzerRecord>& out) const override {
    CatalogResult result = catalog_file(entry, content, truncated);
    if (result.packages.empty() && result.facts.empty() && !result.os && result.diagnostics.empty()) return;
    out.push_back(AnalyzerRecord{std::string(kPackageAnalyzer), entry.path, std::string(kCatalogRecordKind),
                                 encode_catalog_result(result)});
  }
};

}  // namespace

const FileAnalyzer& package_analyzer() {
  static const PackageAnalyzer analyzer;
  return analyzer;
}

}  // namespace customs
