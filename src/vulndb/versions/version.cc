#include "vulndb/versions/version.h"

#include <array>

#include "vulndb/versions/schemes.h"

namespace customs {

namespace {

struct SchemeRow {
  VersionScheme scheme;
  std::string_view name;
  std::optional<int> (*compare)(std::string_view, std::string_view);
};

// One row per scheme: adding a scheme touches this table and its own file.
constexpr std::array kSchemes = {
    SchemeRow{VersionScheme::kDpkg, "dpkg", compare_dpkg},
    SchemeRow{VersionScheme::kApk, "apk", compare_apk},
    SchemeRow{VersionScheme::kRpm, "rpm", compare_rpm},
    SchemeRow{VersionScheme::kSemver, "semver", compare_semver},
    SchemeRow{VersionScheme::kGo, "go", compare_go},
    SchemeRow{VersionScheme::kPep440, "pep440", compare_pep440},
    SchemeRow{VersionScheme::kMaven, "maven", compare_maven},
    SchemeRow{VersionScheme::kRubyGems, "rubygems", compare_rubygems},
    SchemeRow{VersionScheme::kComposer, "composer", compare_composer},
    SchemeRow{VersionScheme::kNuget, "nuget", compare_nuget},
};

// OSV ecosystem names (the part before ":") to schemes.
struct EcosystemRow {
  std::string_view ecosystem;
  VersionScheme scheme;
};
constexpr std::array kEcosystems = {
    EcosystemRow{"Debian", VersionScheme::kDpkg},       EcosystemRow{"Ubuntu", VersionScheme::kDpkg},
    EcosystemRow{"Alpine", VersionScheme::kApk},        EcosystemRow{"Wolfi", VersionScheme::kApk},
    EcosystemRow{"Chainguard", VersionScheme::kApk},    EcosystemRow{"Rocky Linux", VersionScheme::kRpm},
    EcosystemRow{"AlmaLinux", VersionScheme::kRpm},     EcosystemRow{"Red Hat", VersionScheme::kRpm},
    EcosystemRow{"openSUSE", VersionScheme::kRpm},      EcosystemRow{"SUSE", VersionScheme::kRpm},
    EcosystemRow{"Mageia", VersionScheme::kRpm},        EcosystemRow{"npm", VersionScheme::kSemver},
    EcosystemRow{"crates.io", VersionScheme::kSemver},  EcosystemRow{"Go", VersionScheme::kGo},
    EcosystemRow{"PyPI", VersionScheme::kPep440},       EcosystemRow{"Maven", VersionScheme::kMaven},
    EcosystemRow{"RubyGems", VersionScheme::kRubyGems}, EcosystemRow{"Packagist", VersionScheme::kComposer},
    EcosystemRow{"NuGet", VersionScheme::kNuget},
};

const SchemeRow* row_for(VersionScheme s) {
  for (const auto& row : kSchemes) {
    if (row.scheme == s) return &row;
  }
  return nullptr;
}

}  // namespace

std::string_view to_string(VersionScheme s) {
  const SchemeRow* row = row_for(s);
  return row ? row->name : "unknown";
}

std::optional<VersionScheme> scheme_for_ecosystem(std::string_view osv_ecosystem) {
  std::string_view base = osv_ecosystem.substr(0, osv_ecosystem.find(':'));
  for (const auto& row : kEcosystems) {
    if (row.ecosystem == base && row_for(row.scheme) != nullptr) return row.scheme;
  }
  return std::nullopt;
}

std::optional<int> compare_versions(VersionScheme scheme, std::string_view a, std::string_view b) {
  const SchemeRow* row = row_for(scheme);
  if (row == nullptr) return std::nullopt;
  return row->compare(a, b);
}

bool is_valid_version(VersionScheme scheme, std::string_view v) {
  return compare_versions(scheme, v, v).has_value();
}

}  // namespace customs
