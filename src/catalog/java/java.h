#pragma once
// Java archives (jar, war, ear and their kin): the parsers behind the "java-archive" row, exported
// for tests and fuzzing. Everything here reads bytes already in memory and never throws.
//
// Which archive names are read: the set Syft uses (.jar .war .ear .par .sar .nar .jpi .hpi .kar
// .lpkg), matched case-insensitively; Trivy reads a subset (.jar .war .ear .par).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "core/result.h"
#include "io/zip.h"

namespace customs {

// True when the file name ends with one of the archive extensions above.
bool is_java_archive_name(std::string_view path);

// ---- META-INF/MANIFEST.MF -------------------------------------------------------------------------
// The main section of a manifest: "Key: value" lines up to the first blank line, continuation lines
// (starting with one space) joined to the previous value without that space.
struct JarManifest {
  std::vector<std::pair<std::string, std::string>> attributes;  // in file order
  int first_malformed_line = 0;  // 1-based line of the first line that is neither; 0 when none

  // The value of an attribute; names compare case-insensitively (as java.util.jar.Attributes does).
  std::string_view get(std::string_view name) const;
};
JarManifest parse_manifest(std::string_view text);

// ---- pom.properties and pom.xml -------------------------------------------------------------------
// A Java .properties file as Maven writes pom.properties: "key=value" / "key: value" / "key value",
// "#" and "!" comments, "\" line continuations and escapes (\t \n \uXXXX ...).
std::vector<std::pair<std::string, std::string>> parse_properties(std::string_view text);

struct MavenCoordinates {
  std::string group_id;
  std::string artifact_id;
  std::string version;
};
// groupId, artifactId and version of pom.properties (nullopt when one of them is missing or empty).
std::optional<MavenCoordinates> parse_pom_properties(std::string_view text);

struct PomDependency {
  std::string group_id;
  std::string artifact_id;
  std::string version;  // resolved: literal, or a ${...} this pom defines; never contains "${"
  std::string scope;    // "" = compile
};

struct PomXml {
  MavenCoordinates coordinates;             // <parent>'s groupId and version when the project omits them;
                                            // a field is "" when it stays an unresolvable ${...}
  std::vector<PomDependency> dependencies;  // runtime ones only (see parse_pom_xml)
  std::vector<std::string> licenses;        // <licenses><license><name>
  std::string url;                          // <url>
  std::string organization;                 // <organization><name>
};
// Parses a pom.xml. Dependencies are those of <project><dependencies> whose scope is not test,
// provided or system and whose version is a literal or resolves through the pom's own
// <properties>, project.version, project.groupId or project.parent.version (version ranges are
// dropped). Errors: kInvalidInput with the line and column of the XML error.
Result<PomXml> parse_pom_xml(std::string_view text, std::string_view path);

// ---- file names -------------------------------------------------------------------------------------
// "commons-lang3-3.12.0.jar" -> {"commons-lang3", "3.12.0"}; "log4j-1.2-api-2.17.1.jar" ->
// {"log4j-1.2-api", "2.17.1"}. Any directory part is ignored. nullopt when no version is found.
struct JarFileName {
  std::string name;
  std::string version;
};
std::optional<JarFileName> parse_jar_file_name(std::string_view path);
// The artifact part of the file name: the name above, or the whole stem when it has no version.
std::string jar_file_stem_name(std::string_view path);

// ---- the package a manifest describes ---------------------------------------------------------------
// Precedence (the first usable source wins for each field):
//   name:    Implementation-Title when it is one token; else the file name's artifact part; else
//            Bundle-Name, Specification-Title (one token); else Bundle-SymbolicName (without its
//            ";directives"); else Automatic-Module-Name. A title that is a sentence is never a name.
//   version: Implementation-Version, Bundle-Version, Specification-Version (values holding "${"
//            are ignored); else the file name's version (version_source "file name").
//   groupId: Implementation-Vendor-Id when it is a dotted identifier; else the prefix of
//            Bundle-SymbolicName "<prefix>.<name>" when it ends with the derived name; else "".
//   licenses: Bundle-License (its ";link=..." parameters dropped); supplier: Implementation-Vendor,
//            Bundle-Vendor; homepage: Bundle-DocURL, Implementation-URL.
// Returns nullopt when no name or no version can be found.
std::optional<Package> package_from_manifest(const JarManifest& manifest, std::string_view archive_path);

// ---- whole archives ---------------------------------------------------------------------------------
struct JavaArchiveOptions {
  ZipLimits limits;   // bounds shared by the archive and everything nested in it
  int max_depth = 8;  // nesting levels below the outer archive that are opened
};

// Catalogs the archive in `bytes` named `path` (and, recursively, the archives inside it).
// Packages: one per pom.properties (the one that names the archive itself gets the archive's path,
// the others "path!/META-INF/maven/g/a/pom.properties"), else one from the manifest, else one from
// the file name. The archive's own package depends on the packages of its pom.xml dependencies,
// of the other pom.properties it bundles (a shaded jar) and of its nested archives.
void parse_java_archive(std::string_view bytes, std::string_view path, const JavaArchiveOptions& options,
                        CatalogResult& out);

}  // namespace customs
