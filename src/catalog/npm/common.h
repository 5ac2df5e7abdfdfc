#pragma once
// Helpers shared by the npm parsers: npm names, package construction and the per-file package set
// that emits each name@version once.
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "catalog/catalog.h"

namespace customs::npm {

// "@scope/name" -> {"@scope", "name"}; "name" -> {"", "name"}.
std::pair<std::string_view, std::string_view> split_name(std::string_view full_name);

// "name@version" and "@scope/name@version" -> {name, version}; the "@" that separates is the last
// one after the first character. {"", ""} when there is none.
std::pair<std::string_view, std::string_view> split_name_at_version(std::string_view spec);

// package_key of an npm package named "@scope/name" or "name".
std::string npm_key(std::string_view full_name, std::string_view version);

// A fresh npm package with identity, cataloger, origin and path filled.
Package make_package(std::string_view full_name, std::string_view version, const CatalogFile& file,
                     std::string_view cataloger, PackageOrigin origin);

// The packages of one lockfile, each name@version once: a second entry of the same name@version
// adds its dependencies, and the package is dev only when every entry of it is dev.
class PackageSet {
 public:
  // The index of the package with p's name@version (p is merged into it when it exists).
  size_t add(Package p);
  void add_dependency(size_t index, std::string key);
  bool empty() const { return packages_.empty(); }
  bool contains(const std::string& key) const { return index_.count(key) != 0; }
  // Sorts and de-duplicates every depends_on, then moves the packages into out.
  void emit(CatalogResult& out);

 private:
  std::vector<Package> packages_;
  std::unordered_map<std::string, size_t> index_;
};

// Diagnoses file.truncated with code "<ecosystem>.truncated".
void note_truncation(const CatalogFile& file, CatalogResult& out, std::string_view ecosystem);

// False when the YAML text nests flow collections or indentation deeper than yaml-cpp's recursive
// parser can take safely (hostile input); the caller diagnoses and gives up.
bool yaml_depth_is_safe(std::string_view text);

// Parses the file as YAML into `root`. False, with a diagnostic "<ecosystem>.malformed-yaml" (at
// the line yaml-cpp names) or "<ecosystem>.too-deep", when it cannot.
bool load_yaml(const CatalogFile& file, CatalogResult& out, std::string_view ecosystem, YAML::Node& root);

// The scalar at `key` of a YAML map, or "" when the node is not a map or the value not a scalar.
std::string yaml_scalar(const YAML::Node& map, const char* key);
// The map at `key` of a YAML map, or an undefined node.
YAML::Node yaml_map(const YAML::Node& map, const char* key);

}  // namespace customs::npm
