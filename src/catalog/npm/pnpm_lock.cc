// pnpm-lock.yaml. lockfileVersion 5.x keys packages "/name/1.0.0_peer@2.0.0", 6.x "/name@1.0.0(peer@2.0.0)",
// both with a "dev" flag and their dependencies in "packages". 9.x keys "packages" "name@1.0.0" with
// metadata only and moves dependencies to "snapshots" ("name@1.0.0(peer@2.0.0)"); it has no dev
// flag, so a package is dev when only the importers' devDependencies reach it.
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "catalog/npm/common.h"
#include "catalog/npm/npm.h"
#include "catalog/util.h"

namespace customs {

namespace {

constexpr std::string_view kRow = "pnpm-lock";
constexpr uint64_t kMaxLockfile = 256ull << 20;

struct NameVersion {
  std::string name;
  std::string version;
  bool ok() const { return !name.empty() && !version.empty(); }
};

// "/@scope/name/1.0.0_peer", "/name@1.0.0(peer@1.0.0)", "name@1.0.0": the name, and the version without
// peer suffixes (a version never holds "_" or "(").
NameVersion parse_key(std::string_view key) {
  if (starts_with(key, "/")) key.remove_prefix(1);
  size_t from = 0;
  if (starts_with(key, "@")) {
    from = key.find('/');
    if (from == std::string_view::npos) return {};
    ++from;
  }
  size_t end = key.find_first_of("@/", from);
  if (end == std::string_view::npos || end == 0) return {};
  std::string_view version = key.substr(end + 1);
  version = version.substr(0, version.find_first_of("(_"));
  if (version.find('/') != std::string_view::npos) return {};
  return {std::string(key.substr(0, end)), std::string(version)};
}

// A dependency's value: "1.0.0", "1.0.0(peer@1)", "1.0.0_peer@1" (5.x), an alias ("/real/1.0.0",
// "/real@1.0.0", 9.x "real@1.0.0"), or a local "link:../x" (none). Before 6.x an "@" can only be
// part of a peer suffix.
NameVersion parse_dependency(std::string_view name, std::string_view value, bool v5) {
  if (value.empty() || starts_with(value, "link:") || starts_with(value, "file:")) return {};
  if (starts_with(value, "/")) return parse_key(value);
  std::string_view plain = value.substr(0, value.find('('));
  if (!v5 && plain.find('@', 1) != std::string_view::npos) return parse_key(value);
  return {std::string(name), std::string(plain.substr(0, plain.find('_')))};
}

// The name and version of a "packages" or "snapshots" entry: its own name/version fields (tarball
// and git dependencies) else its key.
NameVersion identity(const YAML::Node& key, const YAML::Node& entry) {
  NameVersion fields{npm::yaml_scalar(entry, "name"), npm::yaml_scalar(entry, "version")};
  if (fields.ok()) return fields;
  return key.IsScalar() ? parse_key(key.Scalar()) : NameVersion{};
}

// Calls f(name, value) for every scalar dependency of a package entry.
template <typename F>
void for_each_dependency(const YAML::Node& entry, F f) {
  for (const char* field : {"dependencies", "optionalDependencies"}) {
    for (const auto& dep : npm::yaml_map(entry, field)) {
      if (dep.first.IsScalar() && dep.second.IsScalar()) f(dep.first.Scalar(), dep.second.Scalar());
    }
  }
}

std::string snapshot_key(std::string_view name, std::string_view value) {
  if (std::string_view plain = value.substr(0, value.find('('));
      plain.find('@', 1) != std::string_view::npos) {
    return std::string(value);  // an alias names its own snapshot: "real@1.0.0"
  }
  return std::string(name) + "@" + std::string(value);
}

// Version 9: the snapshot keys the importers reach through `fields` (and their dependencies).
std::unordered_set<std::string> reachable(const YAML::Node& root, const YAML::Node& snapshots,
                                          std::initializer_list<const char*> fields) {
  std::unordered_set<std::string> seen;
  std::deque<std::string> queue;
  auto visit = [&](const std::string& name, const std::string& value) {
    if (starts_with(value, "link:")) return;
    std::string key = snapshot_key(name, value);
    if (seen.insert(key).second) queue.push_back(std::move(key));
  };
  for (const auto& importer : npm::yaml_map(root, "importers")) {
    for (const char* field : fields) {
      for (const auto& dep : npm::yaml_map(importer.second, field)) {
        std::string version = npm::yaml_scalar(dep.second, "version");
        if (dep.first.IsScalar() && !version.empty()) visit(dep.first.Scalar(), version);
      }
    }
  }
  std::unordered_map<std::string, YAML::Node> by_key;
  for (const auto& s : snapshots) {
    if (s.first.IsScalar()) by_key.emplace(s.first.Scalar(), s.second);
  }
  while (!queue.empty()) {
    auto it = by_key.find(queue.front());
    queue.pop_front();
    if (it != by_key.end()) for_each_dependency(it->second, visit);
  }
  return seen;
}

// Where the entries come from and how their dev flag is known.
struct Section {
  bool v5 = false;                                        // lockfileVersion 5.x
  const std::unordered_set<std::string>* prod = nullptr;  // 9.x snapshots: keys the importers reach
  const std::unordered_set<std::string>* dev = nullptr;   // ... through devDependencies
  bool only_new = false;  // 9.x packages: only those no snapshot listed (they carry no dev facts)
};

void add_entries(const YAML::Node& entries, const CatalogFile& file, npm::PackageSet& set, const Section& s) {
  const std::unordered_set<std::string>* prod = s.prod;
  const std::unordered_set<std::string>* dev = s.dev;
  for (const auto& kv : entries) {
    NameVersion id = identity(kv.first, kv.second);
    if (!id.ok() || (s.only_new && set.contains(npm::npm_key(id.name, id.version)))) continue;
    Package p = npm::make_package(id.name, id.version, file, kRow, PackageOrigin::kDeclared);
    if (prod != nullptr && kv.first.IsScalar()) {
      p.dev = dev->count(kv.first.Scalar()) != 0 && prod->count(kv.first.Scalar()) == 0;
    } else {
      p.dev = npm::yaml_scalar(kv.second, "dev") == "true";
    }
    size_t index = set.add(std::move(p));
    for_each_dependency(kv.second, [&](const std::string& name, const std::string& value) {
      if (NameVersion dep = parse_dependency(name, value, s.v5); dep.ok()) {
        set.add_dependency(index, npm::npm_key(dep.name, dep.version));
      }
    });
  }
}

}  // namespace

uint64_t wants_pnpm_lock(const FsEntry& entry) {
  if (base_name(entry.path) != "pnpm-lock.yaml" || has_component(entry.path, "node_modules")) return 0;
  return kMaxLockfile;
}

void parse_pnpm_lock(const CatalogFile& file, CatalogResult& out) {
  npm::note_truncation(file, out, "pnpm");
  try {
    YAML::Node root;
    if (!npm::load_yaml(file, out, "pnpm", root)) return;
    std::string version = npm::yaml_scalar(root, "lockfileVersion");
    if (version.empty()) {
      add_diag(out, file, "pnpm.not-a-lockfile", "no lockfileVersion");
      return;
    }
    npm::PackageSet set;
    YAML::Node snapshots = npm::yaml_map(root, "snapshots");
    if (snapshots.IsMap()) {
      // Version 9: the packages hold identities, the snapshots dependencies.
      auto prod = reachable(root, snapshots, {"dependencies", "optionalDependencies"});
      auto dev = reachable(root, snapshots, {"devDependencies"});
      add_entries(snapshots, file, set, Section{false, &prod, &dev, false});
      add_entries(npm::yaml_map(root, "packages"), file, set, Section{false, nullptr, nullptr, true});
    } else {
      bool v5 = version[0] < '6' && version.find('.') == 1;
      add_entries(npm::yaml_map(root, "packages"), file, set, Section{v5, nullptr, nullptr, false});
    }
    set.emit(out);
  } catch (const std::exception& e) {
    add_diag(out, file, "pnpm.unreadable", std::string("cannot read pnpm-lock.yaml: ") + e.what());
  }
}

}  // namespace customs
