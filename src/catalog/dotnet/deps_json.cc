// The "dotnet-deps" row: NuGet packages of a .NET application from its <app>.deps.json, which
// the SDK writes next to the application's assemblies at publish time.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "catalog/catalog.h"
#include "catalog/util.h"

namespace customs {

namespace {

constexpr std::string_view kRowName = "dotnet-deps";
constexpr uint64_t kMaxDepsJsonSize = uint64_t{64} << 20;

uint64_t wants_deps_json(const FsEntry& entry) {
  if (entry.type != EntryType::kFile || !ends_with(entry.path, ".deps.json")) return 0;
  return kMaxDepsJsonSize;
}

// "Newtonsoft.Json/13.0.3" -> {"Newtonsoft.Json", "13.0.3"} (NuGet ids never hold a "/").
std::pair<std::string_view, std::string_view> split_library_key(std::string_view key) {
  size_t slash = key.find('/');
  if (slash == std::string_view::npos) return {key, {}};
  return {key.substr(0, slash), key.substr(slash + 1)};
}

Package make_package(const CatalogFile& file, std::string_view name, std::string_view version) {
  Package p;
  p.type = PackageType::kNuget;
  p.name = std::string(name);
  p.version = std::string(version);
  p.cataloger = std::string(kRowName);
  p.origin = PackageOrigin::kInstalled;
  p.path = std::string(file.path);
  return p;
}

// "libraries": only type "package" entries are NuGet packages; "project" is the application's
// own projects and "reference" an assembly referenced by file, neither with a NuGet identity.
// Returns the index of each package by its "Name/Version" key.
std::unordered_map<std::string, size_t> read_libraries(const CatalogFile& file,
                                                       const nlohmann::json& libraries,
                                                       std::vector<Package>& packages, CatalogResult& out) {
  std::unordered_map<std::string, size_t> index;
  for (const auto& [key, library] : libraries.items()) {
    if (json_string(library, "type") != "package") continue;
    auto [name, version] = split_library_key(key);
    if (name.empty() || version.empty()) {
      add_diag(out, file, "dotnet.bad-deps-json", "library \"" + key + "\" is not \"Name/Version\"");
      continue;
    }
    index.emplace(key, packages.size());
    packages.push_back(make_package(file, name, version));
  }
  return index;
}

// "targets": {"<framework>[/<runtime>]": {"Name/Version": {"dependencies": {"Dep": "version"}}}}.
// Edges from and to libraries that are not packages are left out; duplicates across targets too.
void read_targets(const nlohmann::json& targets, const std::unordered_map<std::string, size_t>& index,
                  std::vector<Package>& packages) {
  for (const auto& [framework, libraries] : targets.items()) {
    if (!libraries.is_object()) continue;
    for (const auto& [key, library] : libraries.items()) {
      auto from = index.find(key);
      if (from == index.end() || !library.is_object()) continue;
      auto deps = library.find("dependencies");
      if (deps == library.end() || !deps->is_object()) continue;
      for (const auto& [dep_name, dep_version] : deps->items()) {
        if (!dep_version.is_string()) continue;
        auto to = index.find(dep_name + "/" + dep_version.get<std::string>());
        if (to == index.end()) continue;
        std::string key_to = package_key(packages[to->second]);
        std::vector<std::string>& edges = packages[from->second].depends_on;
        if (std::find(edges.begin(), edges.end(), key_to) == edges.end()) edges.push_back(std::move(key_to));
      }
    }
  }
}

void parse_deps_json(const CatalogFile& file, CatalogResult& out) {
  if (file.truncated) {
    add_diag(out, file, "dotnet.truncated", "deps.json was truncated; it was not read");
    return;
  }
  auto doc = parse_json_bytes(file.content, file.path);
  if (!doc) {
    const Error& e = doc.error();
    add_diag(out, file, "dotnet.bad-deps-json", e.message, e.where.line, e.where.column);
    return;
  }
  if (!doc->is_object()) {
    add_diag(out, file, "dotnet.bad-deps-json", "deps.json is not a JSON object");
    return;
  }
  auto libraries = doc->find("libraries");
  if (libraries == doc->end() || !libraries->is_object()) {
    add_diag(out, file, "dotnet.bad-deps-json", "deps.json has no \"libraries\" object");
    return;
  }
  std::vector<Package> packages;
  auto index = read_libraries(file, *libraries, packages, out);
  auto targets = doc->find("targets");
  if (targets != doc->end() && targets->is_object()) read_targets(*targets, index, packages);
  for (Package& p : packages) out.packages.push_back(std::move(p));
}

}  // namespace

std::vector<Cataloger> dotnet_catalogers() {
  return {Cataloger{kRowName, "dotnet", 1, &wants_deps_json, &parse_deps_json}};
}

}  // namespace customs
