// yarn.lock: yarn classic (v1), a YAML-like format of its own, and yarn berry (2+), real YAML that
// starts with __metadata. Both key each entry by the descriptors ("name@range") that resolved to it,
// and dependencies name a descriptor, which is how they are resolved to versions.
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/npm/common.h"
#include "catalog/npm/npm.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {

namespace {

constexpr std::string_view kRow = "yarn-lock";
constexpr uint64_t kMaxLockfile = 256ull << 20;

struct Entry {
  std::string name;
  std::string version;
  std::vector<std::string> dependencies;  // descriptors: "name@range"
  int line = 0;
};

std::string_view unquote(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

// Projects of the workspace itself, not packages of a registry.
bool is_local_range(std::string_view range) {
  return starts_with(range, "workspace:") || starts_with(range, "link:") || starts_with(range, "portal:");
}

// The package a descriptor stands for: "a@^1.0.0" -> "a"; an alias "a@npm:b@^1.0.0" -> "b".
std::string_view descriptor_name(std::string_view descriptor) {
  auto [name, range] = npm::split_name_at_version(descriptor);
  if (starts_with(range, "npm:")) {
    auto [real, real_range] = npm::split_name_at_version(range.substr(4));
    if (!real.empty()) return real;
  }
  return name;
}

// Emits the entries, resolving their dependency descriptors through `by_descriptor`.
void emit(const std::vector<Entry>& entries, const std::unordered_map<std::string, size_t>& by_descriptor,
          const CatalogFile& file, CatalogResult& out) {
  npm::PackageSet set;
  for (const Entry& e : entries) {
    if (e.name.empty() || e.version.empty()) continue;
    size_t index = set.add(npm::make_package(e.name, e.version, file, kRow, PackageOrigin::kDeclared));
    for (const std::string& dep : e.dependencies) {
      auto it = by_descriptor.find(dep);
      if (it == by_descriptor.end()) continue;
      const Entry& target = entries[it->second];
      if (!target.name.empty() && !target.version.empty())
        set.add_dependency(index, npm::npm_key(target.name, target.version));
    }
  }
  set.emit(out);
}

// Classic: unindented `"a@^1.0.0", a@^1.1.0:` headers, two-space fields (`version "1.2.0"`),
// four-space lines (`b "^2.0.0"`) under `dependencies:` and `optionalDependencies:`.
void parse_classic(const CatalogFile& file, CatalogResult& out) {
  std::vector<Entry> entries;
  std::unordered_map<std::string, size_t> by_descriptor;
  bool in_current = false;  // the lines belong to an entry we keep
  bool in_dependencies = false;
  int line_no = 0;
  int unexpected = 0, first_unexpected = 0;
  for (std::string_view line : split_lines(file.content)) {
    ++line_no;
    std::string_view content = trim(line);
    if (content.empty() || content[0] == '#') continue;
    size_t indent = line.find_first_not_of(' ');
    if (indent == 0) {
      in_current = false;
      in_dependencies = false;
      if (content.back() != ':') {
        if (unexpected++ == 0) first_unexpected = line_no;
        continue;
      }
      std::vector<std::string> descriptors;
      for (const std::string& d : split(content.substr(0, content.size() - 1), ',')) {
        if (std::string_view u = unquote(d); !u.empty()) descriptors.emplace_back(u);
      }
      if (descriptors.empty() || is_local_range(npm::split_name_at_version(descriptors[0]).second)) continue;
      Entry e;
      e.name = std::string(descriptor_name(descriptors[0]));
      e.line = line_no;
      for (std::string& d : descriptors) by_descriptor.emplace(std::move(d), entries.size());
      entries.push_back(std::move(e));
      in_current = true;
    } else if (in_current && indent <= 2) {
      in_dependencies = content == "dependencies:" || content == "optionalDependencies:";
      if (starts_with(content, "version ")) entries.back().version = std::string(unquote(content.substr(8)));
    } else if (in_current && in_dependencies) {
      size_t space = content.find(' ');
      if (space == std::string_view::npos) continue;
      std::string descriptor(unquote(content.substr(0, space)));
      descriptor += '@';
      descriptor += unquote(content.substr(space + 1));
      entries.back().dependencies.push_back(std::move(descriptor));
    }
  }
  if (unexpected > 0) {
    add_diag(out, file, "yarn.unexpected-line",
             std::to_string(unexpected) + " unindented lines are not entry headers ending in ':'",
             first_unexpected);
  }
  // One diagnostic for the first entry without a version: a damaged file has many.
  for (const Entry& e : entries) {
    if (!e.version.empty()) continue;
    add_diag(out, file, "yarn.missing-version", "entry " + e.name + " has no version", e.line);
    break;
  }
  emit(entries, by_descriptor, file, out);
}

// Berry: a YAML map from "a@npm:^1.0.0, a@npm:^1.1.0" to {version, resolution, dependencies}.
// Dependency values are ranges with their protocol ("npm:^2.0.0"); lockfiles of early berry
// versions left the "npm:" out of them, so both are tried.
void parse_berry(const CatalogFile& file, CatalogResult& out) {
  YAML::Node root;
  if (!npm::load_yaml(file, out, "yarn", root)) return;
  if (!root.IsMap()) {
    add_diag(out, file, "yarn.not-a-map", "yarn.lock is not a YAML map");
    return;
  }
  std::vector<Entry> entries;
  std::unordered_map<std::string, size_t> by_descriptor;
  for (const auto& kv : root) {
    if (!kv.first.IsScalar() || !kv.second.IsMap() || kv.first.Scalar() == "__metadata") continue;
    std::string resolution = npm::yaml_scalar(kv.second, "resolution");
    std::vector<std::string> descriptors;
    for (const std::string& d : split(kv.first.Scalar(), ',')) {
      if (std::string_view t = trim(d); !t.empty()) descriptors.emplace_back(t);
    }
    if (descriptors.empty()) continue;
    std::string_view locator =
        resolution.empty() ? std::string_view(descriptors[0]) : std::string_view(resolution);
    if (is_local_range(npm::split_name_at_version(locator).second)) continue;
    Entry e;
    e.name = std::string(npm::split_name_at_version(locator).first);
    e.version = npm::yaml_scalar(kv.second, "version");
    e.line = static_cast<int>(kv.first.Mark().line) + 1;
    YAML::Node deps = npm::yaml_map(kv.second, "dependencies");
    for (const auto& dep : deps) {
      if (dep.first.IsScalar() && dep.second.IsScalar())
        e.dependencies.push_back(dep.first.Scalar() + "@" + dep.second.Scalar());
    }
    for (std::string& d : descriptors) by_descriptor.emplace(std::move(d), entries.size());
    entries.push_back(std::move(e));
  }
  // Descriptors written without their protocol resolve through the "npm:" one.
  for (Entry& e : entries) {
    for (std::string& dep : e.dependencies) {
      if (by_descriptor.count(dep) != 0) continue;
      auto [name, range] = npm::split_name_at_version(dep);
      if (!name.empty() && range.find(':') == std::string_view::npos)
        dep = std::string(name) + "@npm:" + std::string(range);
    }
  }
  emit(entries, by_descriptor, file, out);
}

bool is_berry(std::string_view text) {
  return starts_with(text, "__metadata:") || text.find("\n__metadata:") != std::string_view::npos;
}

}  // namespace

uint64_t wants_yarn_lock(const FsEntry& entry) {
  if (base_name(entry.path) != "yarn.lock" || has_component(entry.path, "node_modules")) return 0;
  return kMaxLockfile;
}

void parse_yarn_lock(const CatalogFile& file, CatalogResult& out) {
  npm::note_truncation(file, out, "yarn");
  try {
    if (is_berry(file.content)) {
      parse_berry(file, out);
    } else {
      parse_classic(file, out);
    }
  } catch (const std::exception& e) {
    add_diag(out, file, "yarn.unreadable", std::string("cannot read yarn.lock: ") + e.what());
  }
}

}  // namespace customs
