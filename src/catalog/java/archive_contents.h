#pragma once
// What the walk over one Java archive kept (internal to catalog/java/), and how it becomes packages.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/java/java.h"

namespace customs {

// The Maven metadata of one META-INF/maven/<groupId>/<artifactId>/ directory.
struct MavenMetadata {
  std::string properties_entry;  // zip entry name of pom.properties ("" when absent)
  std::optional<MavenCoordinates> properties;
  std::string xml_entry;  // zip entry name of pom.xml ("" when absent)
  std::optional<PomXml> xml;
};

struct ArchiveContents {
  std::optional<JarManifest> manifest;
  std::map<std::string, MavenMetadata> maven;  // by directory ("META-INF/maven/g/a")
  std::vector<std::string> nested_keys;        // package keys of the nested archives' own packages
};

// Appends the packages of one archive at `path` to out (cataloger "java-archive") and returns the
// package key of the archive's own package ("" when nothing identifies it). See parse_java_archive.
std::string add_archive_packages(const ArchiveContents& contents, const std::string& path,
                                 CatalogResult& out);

}  // namespace customs
