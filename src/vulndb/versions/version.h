#pragma once
// Version comparison, one scheme per ecosystem, each exact to its reference implementation
// (dpkg, apk-tools, rpm, node-semver, PEP 440 / packaging, Maven ComparableVersion, Go's
// golang.org/x/mod/semver, RubyGems Gem::Version, Composer, NuGet). The matcher compares an
// installed version with the events of an advisory's ranges through compare_versions().
#include <optional>
#include <string_view>

namespace customs {

enum class VersionScheme {
  kDpkg,      // Debian, Ubuntu: [epoch:]upstream[-revision], "~" sorts before everything
  kApk,       // Alpine, Wolfi: apk-tools version rules (_alpha.._p suffixes, -rN)
  kRpm,       // Red Hat, Rocky, Alma, SUSE: rpmvercmp with epoch, "~" and "^"
  kSemver,    // npm, crates.io: semantic versioning 2.0.0 (node-semver's parse; leading "v"/"=" allowed)
  kGo,        // Go modules: semver with "v", pseudo-versions and "+incompatible"
  kPep440,    // PyPI: PEP 440 (packaging.version.Version)
  kMaven,     // Maven: ComparableVersion
  kRubyGems,  // RubyGems: Gem::Version
  kComposer,  // Packagist: Composer's VersionParser normalisation and version_compare
  kNuget,     // NuGet: NuGetVersion (SemVer 2 with a fourth part, case-insensitive labels)
};

// "dpkg", "apk", "rpm", "semver", "go", "pep440", "maven", "rubygems", "composer", "nuget".
std::string_view to_string(VersionScheme s);

// The scheme for an OSV ecosystem name ("Debian:12" -> dpkg, "PyPI" -> pep440, "crates.io" ->
// semver ...); the part after ":" is ignored. nullopt for an ecosystem customs cannot compare.
std::optional<VersionScheme> scheme_for_ecosystem(std::string_view osv_ecosystem);

// Compares a with b under `scheme`: negative when a < b, 0 when equal, positive when a > b.
// nullopt when either is not a valid version of that scheme (the caller reports it; it never
// guesses). Schemes whose reference accepts any string (dpkg is lenient, Maven accepts anything)
// only refuse what their reference refuses.
std::optional<int> compare_versions(VersionScheme scheme, std::string_view a, std::string_view b);

// True when `v` is a valid version under `scheme`.
bool is_valid_version(VersionScheme scheme, std::string_view v);

}  // namespace customs
