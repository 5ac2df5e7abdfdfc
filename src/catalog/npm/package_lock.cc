// package-lock.json, npm-shrinkwrap.json and the hidden lockfile node_modules/.package-lock.json.
// lockfileVersion 1 nests a "dependencies" tree; 2 and 3 have a flat "packages" map keyed by install
// path ("node_modules/a/node_modules/b"), which a version 2 file has next to the version 1 tree.
#include <string>
#include <vector>

#include "catalog/npm/common.h"
#include "catalog/npm/npm.h"
#include "catalog/util.h"

namespace customs {

namespace {

using nlohmann::json;

constexpr std::string_view kRow = "npm-package-lock";
constexpr uint64_t kMaxLockfile = 256ull << 20;
// node_modules never nests this deep in practice; deeper v1 trees are hostile.
constexpr size_t kMaxV1Depth = 200;
constexpr std::string_view kNodeModules = "node_modules/";

bool flag(const json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_boolean() && it->get<bool>();
}

const json* object_at(const json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_object() ? &*it : nullptr;
}

bool is_hidden_lockfile(std::string_view path) {
  return base_name(path) == ".package-lock.json" && base_name(dir_name(path)) == "node_modules";
}

// A version 1 "version" may be an alias: "npm:string-width@4.2.3". Returns {name, version}.
std::pair<std::string, std::string> v1_identity(std::string_view name, std::string_view version) {
  if (starts_with(version, "npm:")) {
    auto [real, real_version] = npm::split_name_at_version(version.substr(4));
    if (!real.empty()) return {std::string(real), std::string(real_version)};
  }
  return {std::string(name), std::string(version)};
}

// Local directories, not packages of a registry.
bool is_local_version(std::string_view version) {
  return version.empty() || starts_with(version, "file:") || starts_with(version, "link:");
}

struct V1Walk {
  const CatalogFile& file;
  CatalogResult& out;
  PackageOrigin origin;
  npm::PackageSet set;
  std::vector<const json*> scopes;  // "dependencies" objects from the root down to the current node
  bool too_deep = false;

  // The key of `dep` as node resolves it from the innermost scope outward.
  std::string resolve(const std::string& dep) const {
    for (auto scope = scopes.rbegin(); scope != scopes.rend(); ++scope) {
      if (*scope == nullptr) continue;
      auto it = (*scope)->find(dep);
      if (it == (*scope)->end() || !it->is_object()) continue;
      auto [name, version] = v1_identity(dep, json_string(*it, "version"));
      return is_local_version(version) ? std::string() : npm::npm_key(name, version);
    }
    return {};
  }

  void walk(const json& deps) {
    if (scopes.size() > kMaxV1Depth) {
      too_deep = true;
      return;
    }
    for (const auto& [dep_name, entry] : deps.items()) {
      if (!entry.is_object()) continue;
      const json* nested = object_at(entry, "dependencies");
      scopes.push_back(nested);
      auto [name, version] = v1_identity(dep_name, json_string(entry, "version"));
      if (!is_local_version(version)) {
        Package p = npm::make_package(name, version, file, kRow, origin);
        p.dev = flag(entry, "dev");
        size_t index = set.add(std::move(p));
        if (const json* required = object_at(entry, "requires")) {
          for (const auto& [required_name, range] : required->items()) {
            if (std::string key = resolve(required_name); !key.empty())
              set.add_dependency(index, std::move(key));
          }
        }
      }
      if (nested != nullptr) walk(*nested);
      scopes.pop_back();
    }
  }
};

// The package name an install path stands for: what follows its last "node_modules/".
std::string_view name_from_path(std::string_view path) {
  size_t at = path.rfind(kNodeModules);
  return at == std::string_view::npos ? std::string_view() : path.substr(at + kNodeModules.size());
}

// The entry a "link": true entry points at (its "resolved" path), else the entry itself.
const json* follow_link(const json& packages, const json& entry) {
  if (!flag(entry, "link")) return &entry;
  std::string target = json_string(entry, "resolved");
  auto it = packages.find(target);
  return it != packages.end() && it->is_object() ? &*it : nullptr;
}

struct Resolved {
  std::string name;
  std::string version;
  const json* meta = nullptr;  // the entry with version and dependencies (a link's target)
  std::string dir;             // the directory its dependencies resolve from
};

Resolved resolve_entry(const json& packages, const std::string& path, const json& entry) {
  Resolved r;
  r.meta = follow_link(packages, entry);
  if (r.meta == nullptr) return r;
  r.name = json_string(entry, "name");
  if (r.name.empty()) r.name = json_string(*r.meta, "name");
  if (r.name.empty()) r.name = std::string(name_from_path(path));
  r.version = json_string(*r.meta, "version");
  r.dir = r.meta == &entry ? path : json_string(entry, "resolved");
  return r;
}

// Node's resolution: <dir>/node_modules/<dep>, then the same from each enclosing package directory.
std::string resolve_dependency(const json& packages, std::string dir, const std::string& dep) {
  while (true) {
    std::string candidate =
        dir.empty() ? std::string(kNodeModules) + dep : dir + "/" + std::string(kNodeModules) + dep;
    if (auto it = packages.find(candidate); it != packages.end() && it->is_object()) {
      Resolved r = resolve_entry(packages, candidate, *it);
      return r.meta == nullptr || r.version.empty() ? std::string() : npm::npm_key(r.name, r.version);
    }
    if (dir.empty()) return {};
    size_t nm = dir.rfind("/node_modules/");
    if (nm != std::string::npos) {
      dir.resize(nm);
    } else if (starts_with(dir, kNodeModules)) {
      dir.clear();
    } else {
      dir = std::string(dir_name(dir));  // a workspace directory ("packages/x")
    }
  }
}

void parse_packages_map(const json& packages, const CatalogFile& file, PackageOrigin origin,
                        CatalogResult& out) {
  npm::PackageSet set;
  for (const auto& [path, entry] : packages.items()) {
    // "" is the root project; "packages/x" a workspace, reached through its "node_modules/x" link.
    if (!entry.is_object() || name_from_path(path).empty()) continue;
    Resolved r = resolve_entry(packages, path, entry);
    if (r.meta == nullptr || r.name.empty() || r.version.empty()) continue;
    Package p = npm::make_package(r.name, r.version, file, kRow, origin);
    p.dev = flag(entry, "dev") || flag(entry, "devOptional") || flag(*r.meta, "dev");
    size_t index = set.add(std::move(p));
    for (std::string_view field : {"dependencies", "optionalDependencies", "peerDependencies"}) {
      const json* deps = object_at(*r.meta, field);
      if (deps == nullptr) continue;
      for (const auto& [dep, range] : deps->items()) {
        if (std::string key = resolve_dependency(packages, r.dir, dep); !key.empty()) {
          set.add_dependency(index, std::move(key));
        }
      }
    }
  }
  set.emit(out);
}

}  // namespace

uint64_t wants_npm_package_lock(const FsEntry& entry) {
  std::string_view base = base_name(entry.path);
  if (base == "package-lock.json" || base == "npm-shrinkwrap.json") {
    // Lockfiles published inside packages describe their authors' trees, not this install.
    return has_component(entry.path, "node_modules") ? 0 : kMaxLockfile;
  }
  return is_hidden_lockfile(entry.path) ? kMaxLockfile : 0;
}

void parse_npm_package_lock(const CatalogFile& file, CatalogResult& out) {
  npm::note_truncation(file, out, "npm");
  auto parsed = parse_json_bytes(file.content, file.path);
  if (!parsed.ok()) {
    const Error& e = parsed.error();
    add_diag(out, file, "npm.malformed-json", e.message, e.where.line, e.where.column);
    return;
  }
  const json& doc = *parsed;
  if (!doc.is_object()) {
    add_diag(out, file, "npm.not-an-object", "lockfile is not a JSON object");
    return;
  }
  PackageOrigin origin = is_hidden_lockfile(file.path) ? PackageOrigin::kInstalled : PackageOrigin::kDeclared;
  if (const json* packages = object_at(doc, "packages")) {
    parse_packages_map(*packages, file, origin, out);
    return;
  }
  const json* deps = object_at(doc, "dependencies");
  if (deps == nullptr) {
    if (doc.find("lockfileVersion") == doc.end()) {
      add_diag(out, file, "npm.not-a-lockfile", "no lockfileVersion, \"packages\" or \"dependencies\"");
    }
    return;
  }
  V1Walk walk{file, out, origin, {}, {deps}};
  walk.walk(*deps);
  walk.set.emit(out);
  if (walk.too_deep) add_diag(out, file, "npm.too-deep", "dependency tree nested deeper than 200 levels");
}

}  // namespace customs
