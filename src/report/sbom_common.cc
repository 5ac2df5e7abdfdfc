#include "report/sbom_common.h"

#include "core/strings.h"

#include <ctime>
#include <set>
#include <unordered_map>

#include "core/hash.h"

namespace customs {
namespace {

// Everything that makes two inventories different documents, one field a line.
std::string inventory_fingerprint(const Inventory& inv, const std::string& timestamp) {
  std::string s;
  for (const std::string* f : {&inv.target, &inv.target_kind, &inv.name, &inv.manifest_digest,
                               &inv.config_digest, &inv.architecture, &timestamp})
    s += *f + "\n";
  if (inv.os) s += inv.os->id + " " + inv.os->version_id + "\n";
  for (const Package& p : inv.packages) {
    s += package_key(p) + "\t" + sbom_purl(p) + "\t" + p.ref + "\t" + p.layer_digest;
    for (const std::string& path : package_paths(p)) s += "\t" + path;
    s += "\n";
  }
  return s;
}

}  // namespace

std::string sbom_uuid(const Inventory& inv, const SbomWriteOptions& opt) {
  if (!opt.serial_uuid.empty()) return opt.serial_uuid;
  std::string h = sha256_hex(inventory_fingerprint(inv, sbom_timestamp(inv, opt)));
  h[12] = '4';                                                          // version 4
  h[16] = "89ab"[(h[16] <= '9' ? h[16] - '0' : h[16] - 'a' + 10) & 3];  // RFC 4122 variant
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
         h.substr(20, 12);
}

std::string sbom_timestamp(const Inventory& inv, const SbomWriteOptions& opt) {
  if (!opt.timestamp.empty()) return opt.timestamp;
  if (!inv.timestamp.empty()) return inv.timestamp;
  return utc_now();
}

std::string sbom_tool_version(const Inventory& inv, const SbomWriteOptions& opt) {
  if (!opt.tool_version.empty()) return opt.tool_version;
  return inv.tool_version.empty() ? "unknown" : inv.tool_version;
}

std::string sbom_subject_name(const Inventory& inv) {
  if (!inv.name.empty()) return inv.name;
  return inv.target.empty() ? "unknown" : inv.target;
}

std::vector<std::string> unique_package_refs(const Inventory& inv, const std::vector<std::string>& reserved) {
  std::set<std::string> taken(reserved.begin(), reserved.end());
  std::vector<std::string> refs;
  refs.reserve(inv.packages.size());
  for (size_t i = 0; i < inv.packages.size(); ++i) {
    const Package& p = inv.packages[i];
    std::string base =
        !p.ref.empty() ? p.ref : (p.name.empty() ? "package-" + std::to_string(i) : package_key(p));
    std::string ref = base;
    for (int n = 2; taken.count(ref) != 0; ++n) ref = base + "-" + std::to_string(n);
    taken.insert(ref);
    refs.push_back(std::move(ref));
  }
  return refs;
}

std::string sbom_purl(const Package& pkg) {
  if (!pkg.purl.empty()) return pkg.purl;
  PackageUrl purl;
  purl.type = std::string(purl_type(pkg.type));
  purl.namespace_ = pkg.namespace_;
  purl.name = pkg.type == PackageType::kPypi ? normalize_python_name(pkg.name) : pkg.name;
  purl.version = pkg.version;
  if (!pkg.arch.empty()) purl.qualifiers.emplace_back("arch", pkg.arch);
  return to_string(purl);
}

std::vector<std::vector<size_t>> resolve_dependencies(const std::vector<Package>& packages) {
  std::unordered_map<std::string, size_t> by_key;
  by_key.reserve(packages.size());
  for (size_t i = 0; i < packages.size(); ++i) by_key.emplace(package_key(packages[i]), i);
  std::vector<std::vector<size_t>> deps(packages.size());
  for (size_t i = 0; i < packages.size(); ++i) {
    for (const std::string& key : packages[i].depends_on) {
      auto it = by_key.find(key);
      if (it == by_key.end() || it->second == i) continue;
      bool seen = false;
      for (size_t d : deps[i]) seen = seen || d == it->second;
      if (!seen) deps[i].push_back(it->second);
    }
  }
  return deps;
}

std::vector<std::string> package_paths(const Package& pkg) {
  std::vector<std::string> paths;
  if (!pkg.path.empty()) paths.push_back(pkg.path);
  for (const std::string& l : pkg.locations)
    if (!l.empty() && l != pkg.path) paths.push_back(l);
  return paths;
}

std::vector<std::pair<std::string, std::string>> customs_properties(const Package& pkg) {
  std::vector<std::pair<std::string, std::string>> props;
  auto add = [&](const char* name, const std::string& value) {
    if (!value.empty()) props.emplace_back(name, value);
  };
  add("customs:cataloger", pkg.cataloger);
  add("customs:origin", std::string(to_string(pkg.origin)));
  if (pkg.dev) add("customs:dev", "true");
  for (const std::string& path : package_paths(pkg)) add("customs:path", path);
  if (!pkg.layer_digest.empty()) {
    add("customs:layer:index", std::to_string(pkg.layer_index));
    add("customs:layer:diff_id", pkg.layer_digest);
    add("customs:layer:created_by", pkg.layer_created_by);
    add("customs:in_base_image", pkg.in_base_image ? "true" : "false");
  }
  add("customs:source_name", pkg.source_name);
  add("customs:source_version", pkg.source_version);
  add("customs:os_owner", pkg.os_owner);
  add("customs:version_source", pkg.version_source);
  return props;
}

}  // namespace customs
