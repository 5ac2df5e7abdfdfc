// The packages of one Java archive, from what the walk kept: one per Maven metadata directory, and
// the archive's own package (a pom.properties that names it, else the manifest, else the file name).
#include <unordered_set>
#include <utility>

#include "catalog/java/archive_contents.h"
#include "catalog/util.h"

namespace customs {
namespace {

constexpr std::string_view kCatalogerName = "java-archive";

// Depends-on keys in first-seen order without duplicates.
class KeyList {
 public:
  explicit KeyList(std::vector<std::string>& keys) : keys_(keys), seen_(keys.begin(), keys.end()) {}
  void add(std::string key) {
    if (seen_.insert(key).second) keys_.push_back(std::move(key));
  }

 private:
  std::vector<std::string>& keys_;
  std::unordered_set<std::string> seen_;
};

struct MavenPackage {
  const MavenMetadata* metadata;
  MavenCoordinates coordinates;
};

// The coordinates a metadata directory states: pom.properties, else a pom.xml that names all three.
std::optional<MavenCoordinates> coordinates_of(const MavenMetadata& m) {
  if (m.properties) return m.properties;
  if (m.xml && !m.xml->coordinates.group_id.empty() && !m.xml->coordinates.artifact_id.empty() &&
      !m.xml->coordinates.version.empty())
    return m.xml->coordinates;
  return std::nullopt;
}

Package new_package(std::string path) {
  Package p;
  p.type = PackageType::kMaven;
  p.cataloger = std::string(kCatalogerName);
  p.origin = PackageOrigin::kInstalled;
  p.path = std::move(path);
  return p;
}

// A package from Maven metadata; pom.xml adds licences, homepage, supplier and dependencies.
Package maven_package(const MavenPackage& m, std::string path) {
  Package p = new_package(std::move(path));
  p.namespace_ = m.coordinates.group_id;
  p.name = m.coordinates.artifact_id;
  p.version = m.coordinates.version;
  if (!m.metadata->xml) return p;
  const PomXml& pom = *m.metadata->xml;
  p.licenses = pom.licenses;
  p.homepage = pom.url;
  p.supplier = pom.organization;
  std::string self = package_key(p);
  KeyList deps(p.depends_on);
  for (const PomDependency& d : pom.dependencies) {
    std::string key = package_key(PackageType::kMaven, d.group_id, d.artifact_id, d.version);
    if (key != self) deps.add(std::move(key));
  }
  return p;
}

// Which Maven package is the archive itself: the only one, else the one whose artifactId is the
// file name's artifact part, else the one the manifest names. npos when none.
size_t own_maven_package(const std::vector<MavenPackage>& found, const std::optional<Package>& from_manifest,
                         const std::string& path) {
  if (found.size() == 1) return 0;
  std::string stem = jar_file_stem_name(path);
  for (size_t i = 0; i < found.size(); ++i)
    if (found[i].coordinates.artifact_id == stem) return i;
  if (from_manifest) {
    for (size_t i = 0; i < found.size(); ++i)
      if (found[i].coordinates.artifact_id == from_manifest->name) return i;
  }
  return std::string::npos;
}

// The archive's own package when no Maven metadata names it: the manifest, else the file name.
std::optional<Package> package_without_maven(const std::optional<Package>& from_manifest,
                                             const std::string& path) {
  if (from_manifest) {
    Package p = new_package(path);
    Package m = *from_manifest;
    p.namespace_ = std::move(m.namespace_);
    p.name = std::move(m.name);
    p.version = std::move(m.version);
    p.version_source = std::move(m.version_source);
    p.licenses = std::move(m.licenses);
    p.supplier = std::move(m.supplier);
    p.homepage = std::move(m.homepage);
    return p;
  }
  auto from_name = parse_jar_file_name(path);
  if (!from_name) return std::nullopt;
  Package p = new_package(path);
  p.name = from_name->name;
  p.version = from_name->version;
  p.version_source = "file name";
  return p;
}

// Fills what pom.xml left empty from the manifest's package.
void complete_from_manifest(Package& p, const std::optional<Package>& from_manifest) {
  if (!from_manifest) return;
  if (p.licenses.empty()) p.licenses = from_manifest->licenses;
  if (p.supplier.empty()) p.supplier = from_manifest->supplier;
  if (p.homepage.empty()) p.homepage = from_manifest->homepage;
}

}  // namespace

std::string add_archive_packages(const ArchiveContents& contents, const std::string& path,
                                 CatalogResult& out) {
  std::vector<MavenPackage> found;
  for (const auto& [dir, metadata] : contents.maven) {
    if (auto coordinates = coordinates_of(metadata)) found.push_back({&metadata, std::move(*coordinates)});
  }
  std::optional<Package> from_manifest;
  if (contents.manifest) from_manifest = package_from_manifest(*contents.manifest, path);

  size_t own = own_maven_package(found, from_manifest, path);
  std::optional<Package> self;
  if (own != std::string::npos) {
    self = maven_package(found[own], path);
    complete_from_manifest(*self, from_manifest);
  } else {
    self = package_without_maven(from_manifest, path);
  }

  std::vector<std::string> bundled;  // keys of the other Maven packages (a shaded jar)
  for (size_t i = 0; i < found.size(); ++i) {
    if (i == own) continue;
    const MavenMetadata& m = *found[i].metadata;
    Package p = maven_package(found[i], path + "!/" + (m.properties ? m.properties_entry : m.xml_entry));
    bundled.push_back(package_key(p));
    out.packages.push_back(std::move(p));
  }
  if (!self) return {};
  KeyList deps(self->depends_on);
  std::string self_key = package_key(*self);
  for (const std::vector<std::string>* keys : {&std::as_const(bundled), &contents.nested_keys}) {
    for (const std::string& key : *keys)
      if (key != self_key) deps.add(key);
  }
  out.packages.push_back(std::move(*self));
  return self_key;
}

}  // namespace customs
