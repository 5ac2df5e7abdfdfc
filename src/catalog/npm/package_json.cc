// Installed packages: node_modules/<name>/package.json and node_modules/@scope/<name>/package.json.
#include <algorithm>
#include <string>

#include "catalog/npm/common.h"
#include "catalog/npm/npm.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {

namespace {

constexpr std::string_view kRow = "npm-package-json";
// package.json files are small; the largest real ones (with long "readme" fields) stay well under.
constexpr uint64_t kMaxPackageJson = 8ull << 20;

// npm's "people field": "Name <email> (url)" or {"name", "email", "url"}; the object form is
// rendered in the string form so both read the same.
std::string person(const nlohmann::json& value) {
  if (value.is_string()) return std::string(trim(value.get<std::string>()));
  std::string name(trim(json_string(value, "name")));
  if (name.empty()) return {};
  if (std::string email = json_string(value, "email"); !email.empty()) name += " <" + email + ">";
  if (std::string url = json_string(value, "url"); !url.empty()) name += " (" + url + ")";
  return name;
}

// "license": "MIT" | {"type": "MIT"}; legacy "licenses": [{"type": "MIT"}] | ["MIT"].
std::vector<std::string> licenses_of(const nlohmann::json& doc) {
  std::vector<std::string> out;
  auto add = [&out](const nlohmann::json& v) {
    std::string text = v.is_string() ? v.get<std::string>() : json_string(v, "type");
    text = std::string(trim(text));
    if (!text.empty() && std::find(out.begin(), out.end(), text) == out.end()) out.push_back(text);
  };
  if (auto it = doc.find("license"); it != doc.end()) add(*it);
  if (auto it = doc.find("licenses"); out.empty() && it != doc.end()) {
    if (it->is_array()) {
      for (const auto& v : *it) add(v);
    } else {
      add(*it);
    }
  }
  return out;
}

}  // namespace

uint64_t wants_npm_package_json(const FsEntry& entry) {
  std::string_view path = entry.path;
  if (base_name(path) != "package.json") return 0;
  std::string_view dir = dir_name(path);  // .../node_modules/<name> or .../node_modules/@scope/<name>
  std::string_view package_dir = base_name(dir);
  if (package_dir.empty() || package_dir[0] == '@' || package_dir[0] == '.') return 0;
  std::string_view parent = dir_name(dir);
  if (base_name(parent) == "node_modules") return kMaxPackageJson;
  std::string_view scope = base_name(parent);
  if (scope.size() > 1 && scope[0] == '@' && base_name(dir_name(parent)) == "node_modules")
    return kMaxPackageJson;
  return 0;
}

void parse_npm_package_json(const CatalogFile& file, CatalogResult& out) {
  npm::note_truncation(file, out, "npm");
  auto parsed = parse_json_bytes(file.content, file.path);
  if (!parsed.ok()) {
    const Error& e = parsed.error();
    add_diag(out, file, "npm.malformed-json", e.message, e.where.line, e.where.column);
    return;
  }
  const nlohmann::json& doc = *parsed;
  if (!doc.is_object()) {
    add_diag(out, file, "npm.not-an-object", "package.json is not a JSON object");
    return;
  }
  std::string name = json_string(doc, "name");
  std::string version = json_string(doc, "version");
  if (name.empty() || version.empty()) return;  // a private workspace root, not a published package
  Package p = npm::make_package(name, version, file, kRow, PackageOrigin::kInstalled);
  p.licenses = licenses_of(doc);
  if (auto it = doc.find("author"); it != doc.end()) p.supplier = person(*it);
  p.homepage = json_string(doc, "homepage");
  out.packages.push_back(std::move(p));
}

}  // namespace customs
