// META-INF/MANIFEST.MF: the main section, and the package it describes when no pom.properties does.
#include <algorithm>

#include "catalog/java/java.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

// One token: no whitespace, something a build tool could have written as an artifactId.
bool is_single_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c == ' ' || c == '\t') return false;
  return true;
}

// "org.apache.commons" (no spaces, at least one dot, no empty segment).
bool is_dotted_identifier(std::string_view s) {
  if (!is_single_token(s) || s.find('.') == std::string_view::npos) return false;
  return s.front() != '.' && s.back() != '.' && s.find("..") == std::string_view::npos;
}

// Bundle-SymbolicName without its directives: "org.foo.bar;singleton:=true" -> "org.foo.bar".
std::string_view symbolic_name(const JarManifest& m) {
  std::string_view bsn = m.get("Bundle-SymbolicName");
  return trim(bsn.substr(0, bsn.find(';')));
}

// The first version attribute whose value is usable: one token, no unresolved "${...}".
std::string_view first_version(const JarManifest& m) {
  for (std::string_view key : {"Implementation-Version", "Bundle-Version", "Specification-Version"}) {
    std::string_view v = m.get(key);
    if (!v.empty() && !contains(v, "${") && is_single_token(v)) return v;
  }
  return {};
}

std::string manifest_name(const JarManifest& m, std::string_view archive_path) {
  std::string_view title = m.get("Implementation-Title");
  if (is_single_token(title) && !contains(title, "${")) return std::string(title);
  if (auto from_file = parse_jar_file_name(archive_path)) return from_file->name;
  for (std::string_view key : {"Bundle-Name", "Specification-Title"}) {
    std::string_view v = m.get(key);
    if (is_single_token(v) && !contains(v, "${")) return std::string(v);
  }
  std::string_view bsn = symbolic_name(m);
  if (is_single_token(bsn)) return std::string(bsn);
  std::string_view module = m.get("Automatic-Module-Name");
  if (is_single_token(module)) return std::string(module);
  return {};
}

std::string manifest_group(const JarManifest& m, std::string_view name) {
  std::string_view vendor_id = m.get("Implementation-Vendor-Id");
  if (is_dotted_identifier(vendor_id)) return std::string(vendor_id);
  std::string_view bsn = symbolic_name(m);
  if (bsn.size() > name.size() + 1 && ends_with(bsn, name) && bsn[bsn.size() - name.size() - 1] == '.') {
    std::string_view prefix = bsn.substr(0, bsn.size() - name.size() - 1);
    if (is_dotted_identifier(prefix) || is_single_token(prefix)) return std::string(prefix);
  }
  return {};
}

// Bundle-License: comma-separated clauses, each a name or URL with ";key=value" parameters;
// commas inside double quotes do not separate.
std::vector<std::string> bundle_licenses(std::string_view text) {
  std::vector<std::string> out;
  std::string clause;
  bool quoted = false;
  auto flush = [&] {
    std::string_view name = trim(std::string_view(clause).substr(0, clause.find(';')));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    name = trim(name);
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.emplace_back(name);
    clause.clear();
  };
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) {
      flush();
      continue;
    }
    clause += c;
  }
  flush();
  return out;
}

std::string_view first_of(const JarManifest& m, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys)
    if (std::string_view v = m.get(key); !v.empty()) return v;
  return {};
}

}  // namespace

std::string_view JarManifest::get(std::string_view name) const {
  for (const auto& [key, value] : attributes)
    if (iequals(key, name)) return value;
  return {};
}

JarManifest parse_manifest(std::string_view text) {
  JarManifest m;
  int line_no = 0;
  for (std::string_view line : split_lines(text)) {
    ++line_no;
    if (line.empty()) break;  // the end of the main section
    if (line.front() == ' ') {
      if (m.attributes.empty()) {
        if (m.first_malformed_line == 0) m.first_malformed_line = line_no;
        continue;
      }
      m.attributes.back().second.append(line.substr(1));
      continue;
    }
    size_t colon = line.find(": ");
    if (colon == std::string_view::npos || colon == 0) {
      // "Key:" with nothing after it is an empty value, as the JDK reads it.
      if (line.size() > 1 && line.back() == ':') {
        m.attributes.emplace_back(std::string(line.substr(0, line.size() - 1)), std::string());
      } else if (m.first_malformed_line == 0) {
        m.first_malformed_line = line_no;
      }
      continue;
    }
    m.attributes.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(colon + 2)));
  }
  for (auto& attribute : m.attributes) attribute.second = std::string(trim(attribute.second));
  return m;
}

std::optional<Package> package_from_manifest(const JarManifest& manifest, std::string_view archive_path) {
  Package p;
  p.type = PackageType::kMaven;
  p.name = manifest_name(manifest, archive_path);
  if (p.name.empty()) return std::nullopt;
  p.version = std::string(first_version(manifest));
  if (p.version.empty()) {
    auto from_file = parse_jar_file_name(archive_path);
    if (!from_file) return std::nullopt;
    p.version = from_file->version;
    p.version_source = "file name";
  }
  p.namespace_ = manifest_group(manifest, p.name);
  p.licenses = bundle_licenses(manifest.get("Bundle-License"));
  p.supplier = std::string(first_of(manifest, {"Implementation-Vendor", "Bundle-Vendor"}));
  p.homepage = std::string(first_of(manifest, {"Bundle-DocURL", "Implementation-URL"}));
  return p;
}

}  // namespace customs
