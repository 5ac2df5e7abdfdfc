// Whole Java archives: walks the zip (and the archives nested in it, depth first) once, keeping the
// manifest, the Maven metadata and the nested archives, then turns them into packages.
#include <algorithm>

#include "catalog/java/archive_contents.h"
#include "catalog/java/java.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

constexpr uint64_t kMaxManifestBytes = uint64_t{1} << 20;
constexpr uint64_t kMaxPomPropertiesBytes = uint64_t{1} << 20;
constexpr uint64_t kMaxPomXmlBytes = uint64_t{4} << 20;

enum class EntryKind { kSkip, kManifest, kPomProperties, kPomXml, kNestedArchive };

EntryKind classify(std::string_view name) {
  if (iequals(name, "META-INF/MANIFEST.MF")) return EntryKind::kManifest;
  if (starts_with(name, "META-INF/maven/")) {
    std::string_view base = base_name(name);
    if (base == "pom.properties") return EntryKind::kPomProperties;
    if (base == "pom.xml") return EntryKind::kPomXml;
  }
  if (is_java_archive_name(name)) return EntryKind::kNestedArchive;
  return EntryKind::kSkip;
}

uint64_t entry_cap(EntryKind kind) {
  switch (kind) {
    case EntryKind::kManifest: return kMaxManifestBytes;
    case EntryKind::kPomProperties: return kMaxPomPropertiesBytes;
    case EntryKind::kPomXml: return kMaxPomXmlBytes;
    case EntryKind::kNestedArchive: return UINT64_MAX;
    case EntryKind::kSkip: return 0;
  }
  return 0;
}

// Walks one archive tree with one decompression budget (options.limits.max_total_bytes) for all of it.
class ArchiveWalker {
 public:
  ArchiveWalker(const JavaArchiveOptions& options, CatalogResult& out) : options_(options), out_(out) {}

  // Catalogs the archive at `path`; returns the package key of the archive's own package, "" when
  // it has none.
  std::string walk(std::string_view bytes, const std::string& path, int depth);

 private:
  uint64_t remaining() const {
    return used_ >= options_.limits.max_total_bytes ? 0 : options_.limits.max_total_bytes - used_;
  }
  void diag(const std::string& path, std::string code, std::string message, int line = 0, int column = 0) {
    CatalogFile at;
    at.path = path;
    add_diag(out_, at, std::move(code), std::move(message), line, column);
  }
  void visit(ArchiveContents& contents, const std::string& path, int depth, const ZipEntryInfo& info,
             std::string_view content, bool truncated);
  void report_failure(const Error& error, std::string_view bytes, const std::string& path, bool visited_any);

  const JavaArchiveOptions& options_;
  CatalogResult& out_;
  uint64_t used_ = 0;  // decompressed bytes read so far, over every archive of the tree
};

void ArchiveWalker::visit(ArchiveContents& contents, const std::string& path, int depth,
                          const ZipEntryInfo& info, std::string_view content, bool truncated) {
  used_ += content.size();
  std::string entry_path = path + "!/" + info.name;
  EntryKind kind = classify(info.name);
  if (kind == EntryKind::kNestedArchive) {
    if (truncated) {
      diag(entry_path, "java.zip-limit",
           "nested archive not read: it expands past the decompression budget of the outer archive");
      return;
    }
    std::string key = walk(content, entry_path, depth + 1);
    if (!key.empty()) contents.nested_keys.push_back(std::move(key));
    return;
  }
  if (truncated)
    diag(entry_path, "java.entry-too-large",
         "read only the first " + std::to_string(content.size()) + " bytes of this metadata file");
  if (kind == EntryKind::kManifest) {
    contents.manifest = parse_manifest(content);
    if (contents.manifest->first_malformed_line > 0)
      diag(entry_path, "java.manifest-malformed", "manifest line is not \"Name: value\" (skipped)",
           contents.manifest->first_malformed_line);
    return;
  }
  MavenMetadata& maven = contents.maven[std::string(dir_name(info.name))];
  if (kind == EntryKind::kPomProperties) {
    maven.properties_entry = info.name;
    maven.properties = parse_pom_properties(content);
    if (!maven.properties)
      diag(entry_path, "java.pom-properties-incomplete",
           "pom.properties lacks groupId, artifactId or version");
    return;
  }
  maven.xml_entry = info.name;
  auto pom = parse_pom_xml(content, entry_path);
  if (pom.ok()) {
    maven.xml = std::move(pom.value());
  } else {
    diag(entry_path, "java.pom-xml-malformed", pom.error().message, pom.error().where.line,
         pom.error().where.column);
  }
}

void ArchiveWalker::report_failure(const Error& error, std::string_view bytes, const std::string& path,
                                   bool visited_any) {
  if (error.kind == ErrorKind::kLimit) {
    diag(path, "java.zip-limit", error.message);
  } else if (!visited_any && !looks_like_zip(bytes)) {
    diag(path, "java.not-zip", "not a zip archive: " + error.message);
  } else {
    diag(path, "java.invalid-zip", error.message);
  }
}

std::string ArchiveWalker::walk(std::string_view bytes, const std::string& path, int depth) {
  ArchiveContents contents;
  bool visited_any = false;
  bool too_deep_reported = false;
  bool budget_reported = false;
  ZipLimits limits = options_.limits;
  limits.max_total_bytes = remaining();
  auto want = [&](const ZipEntryInfo& info) -> uint64_t {
    EntryKind kind = classify(info.name);
    if (kind == EntryKind::kSkip) return 0;
    if (kind == EntryKind::kNestedArchive && depth >= options_.max_depth) {
      if (!too_deep_reported)
        diag(path + "!/" + info.name, "java.nesting-too-deep",
             "archives nested more than " + std::to_string(options_.max_depth) +
                 " levels deep are not opened");
      too_deep_reported = true;
      return 0;
    }
    if (remaining() == 0) {
      if (!budget_reported)
        diag(path, "java.zip-limit", "decompression budget spent; the rest of the archive is not read");
      budget_reported = true;
      return 0;
    }
    return std::min(entry_cap(kind), kind == EntryKind::kNestedArchive ? remaining() : UINT64_MAX);
  };
  auto on_entry = [&](const ZipEntryInfo& info, std::string_view content, bool truncated) {
    visited_any = true;
    visit(contents, path, depth, info, content, truncated);
  };
  Status status = read_zip(bytes, path, limits, want, on_entry);
  if (!status.ok()) {
    report_failure(status.error(), bytes, path, visited_any);
    if (!visited_any) return {};  // not a readable archive: its name alone does not make a package
  }
  std::string own_key = add_archive_packages(contents, path, out_);
  if (status.ok() && own_key.empty() && contents.maven.empty() && contents.nested_keys.empty()) {
    diag(path, "java.no-identity",
         "no pom.properties, manifest version or versioned file name names this archive");
    out_.diagnostics.back().level = DiagLevel::kNote;
  }
  return own_key;
}

}  // namespace

void parse_java_archive(std::string_view bytes, std::string_view path, const JavaArchiveOptions& options,
                        CatalogResult& out) {
  ArchiveWalker walker(options, out);
  walker.walk(bytes, std::string(path), 0);
}

}  // namespace customs
