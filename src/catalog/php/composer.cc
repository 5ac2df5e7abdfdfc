// Composer's vendor/composer/installed.json and composer.lock: lists of package objects with
// "name" ("vendor/package"), "version" (as composer writes it: "3.5.0", "v7.0.3", "dev-main"),
// "license" (an array of SPDX ids), "authors", "homepage" and "require" (name -> constraint).
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "catalog/php/php.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {

namespace {

using nlohmann::json;

constexpr uint64_t kMaxFile = 256ull << 20;

struct Listed {
  const json* package;
  bool dev;
};

// "vendor/package" -> {"vendor", "package"}; a name without "/" has no vendor.
std::pair<std::string, std::string> split_name(std::string_view full) {
  size_t slash = full.find('/');
  if (slash == std::string_view::npos) return {std::string(), std::string(full)};
  return {std::string(full.substr(0, slash)), std::string(full.substr(slash + 1))};
}

// Platform requirements name the runtime, not packages: php, php-64bit, ext-json, lib-pcre,
// composer-plugin-api, composer-runtime-api.
bool is_platform(std::string_view name) {
  return name == "php" || starts_with(name, "php-") || starts_with(name, "ext-") ||
         starts_with(name, "lib-") || starts_with(name, "composer-") || name == "composer" || name == "hhvm";
}

std::vector<std::string> licenses_of(const json& package) {
  auto it = package.find("license");
  if (it == package.end()) return {};
  if (it->is_string()) return split_licenses(it->get<std::string>(), ',');
  std::vector<std::string> out;
  if (!it->is_array()) return out;
  for (const json& v : *it) {
    if (!v.is_string()) continue;
    std::string id(trim(v.get<std::string>()));
    if (!id.empty() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
  }
  return out;
}

// The first author with a name: "Name <email>".
std::string supplier_of(const json& package) {
  auto it = package.find("authors");
  if (it == package.end() || !it->is_array()) return {};
  for (const json& author : *it) {
    std::string name(trim(json_string(author, "name")));
    if (name.empty()) continue;
    if (std::string email = json_string(author, "email"); !email.empty()) name += " <" + email + ">";
    return name;
  }
  return {};
}

// Emits each listed name@version once; "require" names resolve to the versions this file lists.
void emit(const std::vector<Listed>& listed, const CatalogFile& file, std::string_view row,
          PackageOrigin origin, CatalogResult& out) {
  std::unordered_map<std::string, std::string> versions;  // lowercased name -> version
  for (const Listed& l : listed) {
    std::string name = json_string(*l.package, "name"), version = json_string(*l.package, "version");
    if (!name.empty() && !version.empty()) versions.emplace(to_lower(name), version);
  }
  std::unordered_set<std::string> emitted;
  size_t incomplete = 0;
  for (const Listed& l : listed) {
    const json& obj = *l.package;
    std::string full = json_string(obj, "name"), version = json_string(obj, "version");
    if (full.empty() || version.empty()) {
      ++incomplete;
      continue;
    }
    auto [vendor, name] = split_name(full);
    Package p;
    p.type = PackageType::kComposer;
    p.namespace_ = std::move(vendor);
    p.name = std::move(name);
    p.version = std::move(version);
    if (!emitted.insert(to_lower(package_key(p))).second) continue;  // composer names ignore case
    p.licenses = licenses_of(obj);
    p.supplier = supplier_of(obj);
    p.homepage = json_string(obj, "homepage");
    p.cataloger = std::string(row);
    p.origin = origin;
    p.dev = l.dev;
    p.path = std::string(file.path);
    if (auto req = obj.find("require"); req != obj.end() && req->is_object()) {
      for (const auto& [dep, constraint] : req->items()) {
        std::string lower = to_lower(dep);
        auto it = is_platform(lower) ? versions.end() : versions.find(lower);
        if (it == versions.end()) continue;
        auto [dep_vendor, dep_name] = split_name(lower);
        p.depends_on.push_back(package_key(PackageType::kComposer, dep_vendor, dep_name, it->second));
      }
      std::sort(p.depends_on.begin(), p.depends_on.end());
      p.depends_on.erase(std::unique(p.depends_on.begin(), p.depends_on.end()), p.depends_on.end());
    }
    out.packages.push_back(std::move(p));
  }
  if (incomplete > 0) {
    add_diag(out, file, "composer.incomplete-package",
             std::to_string(incomplete) + " packages without name or version");
  }
}

// Parses the file as JSON into doc; false, with a diagnostic, when it is not JSON.
bool load(const CatalogFile& file, CatalogResult& out, json& doc) {
  if (file.truncated) {
    add_diag(out, file, "composer.truncated",
             "file is larger than the size read; packages after the cut are missing");
  }
  auto parsed = parse_json_bytes(file.content, file.path);
  if (!parsed.ok()) {
    const Error& e = parsed.error();
    add_diag(out, file, "composer.malformed-json", e.message, e.where.line, e.where.column);
    return false;
  }
  doc = std::move(*parsed);
  return true;
}

void append_array(const json& doc, std::string_view key, bool dev, std::vector<Listed>& listed) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_array()) return;
  for (const json& p : *it) {
    if (p.is_object()) listed.push_back({&p, dev});
  }
}

}  // namespace

uint64_t wants_composer_installed(const FsEntry& entry) {
  std::string_view path = entry.path;
  if (base_name(path) != "installed.json") return 0;
  std::string_view dir = dir_name(path);
  return base_name(dir) == "composer" && base_name(dir_name(dir)) == "vendor" ? kMaxFile : 0;
}

uint64_t wants_composer_lock(const FsEntry& entry) {
  if (base_name(entry.path) != "composer.lock" || has_component(entry.path, "vendor")) return 0;
  return kMaxFile;
}

void parse_composer_installed(const CatalogFile& file, CatalogResult& out) {
  json doc;
  if (!load(file, out, doc)) return;
  std::vector<Listed> listed;
  if (doc.is_array()) {  // version 1 (composer 1.x): the packages themselves
    for (const json& p : doc) {
      if (p.is_object()) listed.push_back({&p, false});
    }
  } else if (doc.is_object() && doc.contains("packages")) {
    std::unordered_set<std::string> dev_names;
    if (auto it = doc.find("dev-package-names"); it != doc.end() && it->is_array()) {
      for (const json& n : *it) {
        if (n.is_string()) dev_names.insert(to_lower(n.get<std::string>()));
      }
    }
    append_array(doc, "packages", false, listed);
    for (Listed& l : listed) l.dev = dev_names.count(to_lower(json_string(*l.package, "name"))) != 0;
  } else {
    add_diag(out, file, "composer.not-installed-json",
             "neither a package array nor an object with \"packages\"");
    return;
  }
  emit(listed, file, "composer-installed", PackageOrigin::kInstalled, out);
}

void parse_composer_lock(const CatalogFile& file, CatalogResult& out) {
  json doc;
  if (!load(file, out, doc)) return;
  if (!doc.is_object() || (!doc.contains("packages") && !doc.contains("packages-dev"))) {
    add_diag(out, file, "composer.not-a-lockfile", "no \"packages\" or \"packages-dev\"");
    return;
  }
  std::vector<Listed> listed;
  append_array(doc, "packages", false, listed);
  append_array(doc, "packages-dev", true, listed);
  emit(listed, file, "composer-lock", PackageOrigin::kDeclared, out);
}

std::vector<Cataloger> php_catalogers() {
  return {
      {"composer-installed", "php", 1, &wants_composer_installed, &parse_composer_installed},
      {"composer-lock", "php", 1, &wants_composer_lock, &parse_composer_lock},
  };
}

}  // namespace customs
