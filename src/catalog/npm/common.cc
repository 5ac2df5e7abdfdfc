#include "catalog/npm/common.h"

#include <algorithm>

#include "catalog/util.h"

namespace customs::npm {

namespace {

// Deeper than any real lockfile (pnpm nests 4 levels, yarn berry 3) and shallow enough for
// yaml-cpp's recursion.
constexpr size_t kMaxYamlDepth = 64;

// How many nested flow collections ("[", "{") the line opens beyond what it closes, outside quotes
// and comments; `depth` carries over lines.
bool flow_depth_ok(std::string_view line, size_t& depth) {
  char quote = 0;
  for (char c : line) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      break;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxYamlDepth) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

// Block nesting: a stack of indentation columns, plus one level per "- " or "? " that starts a
// nested node on the same line.
bool block_depth_ok(std::string_view line, std::vector<size_t>& indents) {
  size_t col = 0;
  size_t inline_levels = 0;
  while (col < line.size()) {
    if (line[col] == ' ') {
      ++col;
    } else if ((line[col] == '-' || line[col] == '?') && (col + 1 == line.size() || line[col + 1] == ' ')) {
      ++inline_levels;
      ++col;
    } else {
      break;
    }
  }
  if (col == line.size() || line[col] == '#') return true;
  while (!indents.empty() && indents.back() >= col) indents.pop_back();
  indents.push_back(col);
  return indents.size() + inline_levels <= kMaxYamlDepth;
}

}  // namespace

std::pair<std::string_view, std::string_view> split_name(std::string_view full_name) {
  if (!full_name.empty() && full_name[0] == '@') {
    size_t slash = full_name.find('/');
    if (slash != std::string_view::npos) return {full_name.substr(0, slash), full_name.substr(slash + 1)};
  }
  return {std::string_view(), full_name};
}

std::pair<std::string_view, std::string_view> split_name_at_version(std::string_view spec) {
  size_t at = spec.size() > 1 ? spec.find('@', 1) : std::string_view::npos;
  if (at == std::string_view::npos) return {};
  return {spec.substr(0, at), spec.substr(at + 1)};
}

std::string npm_key(std::string_view full_name, std::string_view version) {
  auto [ns, name] = split_name(full_name);
  return package_key(PackageType::kNpm, ns, name, version);
}

Package make_package(std::string_view full_name, std::string_view version, const CatalogFile& file,
                     std::string_view cataloger, PackageOrigin origin) {
  Package p;
  p.type = PackageType::kNpm;
  auto [ns, name] = split_name(full_name);
  p.namespace_ = std::string(ns);
  p.name = std::string(name);
  p.version = std::string(version);
  p.cataloger = std::string(cataloger);
  p.origin = origin;
  p.path = std::string(file.path);
  return p;
}

size_t PackageSet::add(Package p) {
  std::string key = package_key(p);
  auto [it, inserted] = index_.try_emplace(std::move(key), packages_.size());
  if (inserted) {
    packages_.push_back(std::move(p));
    return it->second;
  }
  Package& existing = packages_[it->second];
  existing.dev = existing.dev && p.dev;
  for (std::string& dep : p.depends_on) existing.depends_on.push_back(std::move(dep));
  return it->second;
}

void PackageSet::add_dependency(size_t index, std::string key) {
  packages_[index].depends_on.push_back(std::move(key));
}

void PackageSet::emit(CatalogResult& out) {
  for (Package& p : packages_) {
    std::sort(p.depends_on.begin(), p.depends_on.end());
    p.depends_on.erase(std::unique(p.depends_on.begin(), p.depends_on.end()), p.depends_on.end());
    out.packages.push_back(std::move(p));
  }
  packages_.clear();
  index_.clear();
}

void note_truncation(const CatalogFile& file, CatalogResult& out, std::string_view ecosystem) {
  if (!file.truncated) return;
  add_diag(out, file, std::string(ecosystem) + ".truncated",
           "file is larger than the size read; packages after the cut are missing");
}

bool yaml_depth_is_safe(std::string_view text) {
  size_t flow_depth = 0;
  std::vector<size_t> indents;
  for (std::string_view line : split_lines(text)) {
    if (!flow_depth_ok(line, flow_depth) || !block_depth_ok(line, indents)) return false;
  }
  return true;
}

bool load_yaml(const CatalogFile& file, CatalogResult& out, std::string_view ecosystem, YAML::Node& root) {
  std::string eco(ecosystem);
  if (!yaml_depth_is_safe(file.content)) {
    add_diag(out, file, eco + ".too-deep", "YAML nested deeper than any lockfile; not parsed");
    return false;
  }
  try {
    root = YAML::Load(std::string(file.content));
    return true;
  } catch (const YAML::Exception& e) {
    add_diag(out, file, eco + ".malformed-yaml", "malformed YAML: " + e.msg,
             e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0);
  } catch (const std::exception& e) {
    add_diag(out, file, eco + ".malformed-yaml", std::string("malformed YAML: ") + e.what());
  }
  return false;
}

std::string yaml_scalar(const YAML::Node& map, const char* key) {
  if (!map.IsMap()) return {};
  const YAML::Node value = map[key];  // an invalid node when absent: only IsDefined() is safe on it
  return value.IsDefined() && value.IsScalar() ? value.Scalar() : std::string();
}

YAML::Node yaml_map(const YAML::Node& map, const char* key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node value = map[key];
  return value.IsDefined() && value.IsMap() ? value : YAML::Node(YAML::NodeType::Undefined);
}

}  // namespace customs::npm
