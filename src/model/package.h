#pragma once
// Package: one software package found in an image, a file tree or an SBOM, in one model for every
// ecosystem. Catalogers (src/catalog/) fill the identity and evidence fields from the bytes of one
// file; the inventory merge fills where it lives in the image (layer, base or application).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace customs {

// The ecosystems, named after their package-url types.
enum class PackageType {
  kDeb,
  kApk,
  kRpm,
  kNpm,
  kPypi,
  kMaven,
  kGolang,
  kCargo,
  kGem,
  kComposer,
  kNuget,
};

// "deb", "apk", "rpm", "npm", "pypi", "maven", "golang", "cargo", "gem", "composer", "nuget".
std::string_view purl_type(PackageType t);
std::optional<PackageType> package_type_from_purl_type(std::string_view type);
// Operating-system packages (deb, apk, rpm) as opposed to language packages.
bool is_os_package(PackageType t);
// Every type, in enum order (for per-ecosystem counts and tables).
const std::vector<PackageType>& all_package_types();

// How the package is known.
enum class PackageOrigin {
  kInstalled,  // installed metadata: a package database, dist-info, node_modules/x/package.json, a jar
  kDeclared,   // a lockfile or manifest that says it should be installed
  kBinary,     // build information embedded in an executable (Go, cargo-auditable)
};
std::string_view to_string(PackageOrigin o);

// A package URL (https://github.com/package-url/purl-spec): decoded components.
struct PackageUrl {
  std::string type;
  std::string namespace_;  // "" when none; "/"-separated segments
  std::string name;
  std::string version;
  std::vector<std::pair<std::string, std::string>> qualifiers;  // any order; rendered sorted by key
  std::string subpath;
};

// The canonical string form: components percent-encoded, qualifiers sorted by key, empty ones
// dropped, the type lowercased.
std::string to_string(const PackageUrl& purl);
// Parses "pkg:type/namespace/name@version?qualifiers#subpath" (kInvalidInput with the reason).
Result<PackageUrl> parse_purl(std::string_view text);

struct Package {
  // Identity, as the ecosystem writes it.
  PackageType type = PackageType::kNpm;
  // npm scope with its "@" ("@babel"); Maven groupId; Go module path before the last "/"; Composer
  // vendor; OS packages: "" (the inventory sets the distribution in the purl); "" when none.
  std::string namespace_;
  std::string name;     // Maven artifactId; Go: the last path segment; Composer: the package after "/"
  std::string version;  // as installed; dpkg/rpm with epoch ("1:2.3-4"); Go with "v"
  std::string arch;     // OS packages ("amd64", "x86_64", "noarch"); "" elsewhere
  // The source package where the ecosystem has one: dpkg Source:, apk origin, rpm source rpm
  // name. source_version is "" when it equals version.
  std::string source_name;
  std::string source_version;
  std::vector<std::string> licenses;  // declared, as written (an SPDX expression where the ecosystem
                                      // uses them, else the ecosystem's own words)
  std::string supplier;               // maintainer / vendor / author when declared
  std::string homepage;

  // Evidence.
  std::string cataloger;  // the Cataloger row that found it ("dpkg-status")
  PackageOrigin origin = PackageOrigin::kInstalled;
  bool dev = false;  // a development-only dependency in a lockfile (not shipped)
  // The file it was read from ("var/lib/dpkg/status"). Inside archives: "app.jar!/lib/b.jar!/" + entry
  // path, outermost first, separated by "!/".
  std::string path;
  // Which package metadata told the version. "" when the package's own metadata did; else e.g.
  // "file name" (a jar with no pom.properties or manifest version): a last resort, weaker evidence.
  std::string version_source;
  std::vector<std::string> files;  // OS packages: files they own, normalised (no leading "/")
  // What it depends on, as canonical purls without qualifiers (package_key()); only relationships
  // the metadata states (lockfiles, Go build info, Maven poms, apk D:, dpkg Depends resolved
  // by name are NOT versioned and are left out).
  std::vector<std::string> depends_on;

  // Where it lives, filled by the inventory merge.
  std::vector<std::string> locations;  // every path it was found at (path first)
  size_t layer_index = 0;              // the layer that introduced it
  std::string layer_digest;            // that layer's diffID
  std::string layer_created_by;        // its history command
  bool in_base_image = false;          // introduced by a layer of the base image
  std::string os_owner;                // language packages: the OS package owning `path` (its purl)
  std::string purl;                    // the final package URL (distro qualifiers included)
  std::string ref;                     // unique within one inventory (CycloneDX bom-ref, SPDX id seed)
};

// The purl identity of a package without qualifiers (used for depends_on and de-duplication):
// "pkg:npm/%40babel/core@7.0.0". Versions of OS packages keep their epoch here.
std::string package_key(const Package& p);
std::string package_key(PackageType type, std::string_view namespace_, std::string_view name,
                        std::string_view version);

// Python distribution names compare after PEP 503 normalisation: lowercase, runs of "-_." as "-".
std::string normalize_python_name(std::string_view name);

}  // namespace customs
