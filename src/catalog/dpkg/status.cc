// dpkg-status: the status database (and distroless status.d/<name> files) into Packages.
#include <unordered_map>
#include <unordered_set>

#include "catalog/dpkg/deb822.h"
#include "catalog/dpkg/dpkg.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

constexpr std::string_view kStatusCataloger = "dpkg-status";

// Fills the package fields from one paragraph; false (with a diagnostic) when it has no name.
bool package_from_paragraph(const Deb822Paragraph& p, const CatalogFile& file, CatalogResult& out,
                            Package& pkg) {
  pkg.name = std::string(p.value("Package"));
  if (pkg.name.empty()) {
    add_diag(out, file, "dpkg.missing-package", "paragraph without a Package field", p.line);
    return false;
  }
  pkg.type = PackageType::kDeb;
  pkg.version = std::string(p.value("Version"));
  if (pkg.version.empty()) {
    add_diag(out, file, "dpkg.missing-version", "package '" + pkg.name + "' has no Version field", p.line);
  }
  pkg.arch = std::string(p.value("Architecture"));
  DebSource source = parse_deb_source(p.value("Source"));
  pkg.source_name = std::string(source.name);
  if (source.version != pkg.version) pkg.source_version = std::string(source.version);
  pkg.supplier = std::string(p.value("Maintainer"));
  pkg.homepage = std::string(p.value("Homepage"));
  pkg.cataloger = std::string(kStatusCataloger);
  pkg.origin = PackageOrigin::kInstalled;
  pkg.path = std::string(file.path);
  return true;
}

// A paragraph without Status is installed: distroless status.d files carry none, and dpkg
// always writes one in var/lib/dpkg/status.
bool is_on_disk(const Deb822Paragraph& p, const CatalogFile& file, CatalogResult& out) {
  const Deb822Field* status = p.find("Status");
  if (!status) return true;
  if (split_whitespace(status->value).size() != 3) {
    add_diag(out, file, "dpkg.malformed-status",
             "Status is not \"<want> <flag> <state>\": '" + std::string(status->value.substr(0, 80)) + "'",
             status->line);
    return false;
  }
  return dpkg_status_has_files(status->value);
}

// What a package relates to, kept from its paragraph until every package of the file is known.
struct DebRelations {
  std::string_view depends;
  std::string_view pre_depends;
  std::string_view provides;
};

// Depends and Pre-Depends to the keys of packages of the same file: each relation goes to its
// first alternative that is installed by that name, else to a package that Provides it.
// Relations nothing here satisfies are left out (they are not known to be on disk).
void resolve_dependencies(std::vector<Package>& packages, const std::vector<DebRelations>& relations) {
  std::unordered_map<std::string_view, size_t> by_name;
  std::unordered_map<std::string_view, size_t> by_provides;
  for (size_t i = 0; i < packages.size(); ++i) {
    by_name.emplace(packages[i].name, i);
    for (const auto& group : parse_deb_relations(relations[i].provides)) by_provides.emplace(group[0], i);
  }
  auto find = [&](std::string_view name) -> const size_t* {
    if (auto it = by_name.find(name); it != by_name.end()) return &it->second;
    if (auto it = by_provides.find(name); it != by_provides.end()) return &it->second;
    return nullptr;
  };
  std::unordered_set<size_t> targets;  // of the package being resolved, against duplicates
  for (size_t i = 0; i < packages.size(); ++i) {
    targets.clear();
    for (std::string_view field : {relations[i].pre_depends, relations[i].depends}) {
      for (const auto& alternatives : parse_deb_relations(field)) {
        for (std::string_view name : alternatives) {
          const size_t* target = find(name);
          if (!target) continue;
          if (*target != i && targets.insert(*target).second) {
            const Package& dep = packages[*target];
            packages[i].depends_on.push_back(package_key(PackageType::kDeb, "", dep.name, dep.version));
          }
          break;
        }
      }
    }
  }
}

}  // namespace

std::vector<std::vector<std::string_view>> parse_deb_relations(std::string_view value) {
  std::vector<std::vector<std::string_view>> out;
  for (std::string_view relation : split_views(value, ',')) {
    std::vector<std::string_view> alternatives;
    for (std::string_view alternative : split_views(relation, '|')) {
      alternative = trim(alternative);
      std::string_view name = alternative.substr(0, alternative.find_first_of(" \t\n([<:"));
      if (!name.empty()) alternatives.push_back(name);
    }
    if (!alternatives.empty()) out.push_back(std::move(alternatives));
  }
  return out;
}

bool dpkg_status_has_files(std::string_view status) {
  std::vector<std::string> words = split_whitespace(status);
  if (words.size() < 3) return false;
  return words[2] != "not-installed" && words[2] != "config-files";
}

DebSource parse_deb_source(std::string_view value) {
  value = trim(value);
  size_t open = value.find('(');
  if (open == std::string_view::npos) return {value, {}};
  size_t close = value.find(')', open);
  std::string_view version =
      value.substr(open + 1, close == std::string_view::npos ? close : close - open - 1);
  return {trim(value.substr(0, open)), trim(version)};
}

void parse_dpkg_status(const CatalogFile& file, CatalogResult& out) {
  std::string_view content = file.content;
  if (file.truncated) {
    // The last paragraph may be cut mid-field ("Version: 1.2" of "1.2.3-4"): read whole ones only.
    size_t last_blank = content.rfind("\n\n");
    content = last_blank == std::string_view::npos ? std::string_view() : content.substr(0, last_blank + 1);
  }
  std::vector<Deb822Error> errors;
  std::vector<Package> packages;
  std::vector<DebRelations> relations;  // views into content, which outlives this call
  size_t error_count = for_each_deb822_paragraph(
      content,
      [&](const Deb822Paragraph& p) {
        Package pkg;
        if (is_on_disk(p, file, out) && package_from_paragraph(p, file, out, pkg)) {
          packages.push_back(std::move(pkg));
          relations.push_back({p.value("Depends"), p.value("Pre-Depends"), p.value("Provides")});
        }
      },
      errors);
  resolve_dependencies(packages, relations);
  for (Package& pkg : packages) out.packages.push_back(std::move(pkg));
  for (const Deb822Error& e : errors) add_diag(out, file, "dpkg.malformed-line", e.message, e.line);
  if (error_count > errors.size()) {
    add_diag(out, file, "dpkg.malformed-line",
             std::to_string(error_count - errors.size()) + " more malformed lines not reported");
  }
  if (file.truncated) {
    add_diag(out, file, "dpkg.truncated", "status file larger than the part read; later packages missing");
  }
}

}  // namespace customs
