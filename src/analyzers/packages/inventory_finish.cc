#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "analyzers/packages/inventory.h"

namespace customs {
namespace {

// The distribution namespace of an OS package's purl: the os-release ID, else the ecosystem's
// usual distribution.
std::string os_namespace(const Package& p, const std::optional<OsInfo>& os) {
  if (os && !os->id.empty()) return os->id;
  switch (p.type) {
    case PackageType::kDeb: return "debian";
    case PackageType::kApk: return "alpine";
    default: return "";
  }
}

// "1:2.3-4" -> {"1", "2.3-4"}; no epoch -> {"", version}.
std::pair<std::string, std::string> split_epoch(const std::string& version) {
  size_t colon = version.find(':');
  if (colon == std::string::npos || colon == 0) return {"", version};
  for (size_t i = 0; i < colon; ++i)
    if (version[i] < '0' || version[i] > '9') return {"", version};
  return {version.substr(0, colon), version.substr(colon + 1)};
}

std::string make_purl(const Package& p, const std::optional<OsInfo>& os) {
  PackageUrl u;
  u.type = std::string(purl_type(p.type));
  u.namespace_ = p.namespace_;
  u.name = p.type == PackageType::kPypi ? normalize_python_name(p.name) : p.name;
  u.version = p.version;
  if (is_os_package(p.type)) {
    u.namespace_ = os_namespace(p, os);
    auto [epoch, rest] = split_epoch(p.version);
    u.version = rest;
    u.qualifiers.emplace_back("arch", p.arch);
    u.qualifiers.emplace_back("epoch", epoch);
    if (os && !os->id.empty() && !os->version_id.empty())
      u.qualifiers.emplace_back("distro", os->id + "-" + os->version_id);
  }
  return to_string(u);
}

int origin_rank(PackageOrigin o) {
  switch (o) {
    case PackageOrigin::kInstalled: return 0;
    case PackageOrigin::kBinary: return 1;
    case PackageOrigin::kDeclared: return 2;
  }
  return 3;
}

void append_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const auto& s : from)
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

// One package per purl: the strongest evidence (installed, then binary, then declared; then the
// lowest layer, then the path) keeps its fields, the others add their locations and relations.
std::vector<Package> merge_duplicates(std::vector<Package> packages) {
  std::sort(packages.begin(), packages.end(), [](const Package& a, const Package& b) {
    return std::make_tuple(a.purl, origin_rank(a.origin), a.layer_index, a.path) <
           std::make_tuple(b.purl, origin_rank(b.origin), b.layer_index, b.path);
  });
  std::vector<Package> out;
  for (auto& p : packages) {
    if (p.locations.empty() && !p.path.empty()) p.locations.push_back(p.path);
    if (!out.empty() && out.back().purl == p.purl) {
      Package& kept = out.back();
      append_unique(kept.locations, p.locations);
      append_unique(kept.depends_on, p.depends_on);
      append_unique(kept.licenses, p.licenses);
      append_unique(kept.files, p.files);
      continue;
    }
    out.push_back(std::move(p));
  }
  return out;
}

// The outer file of a path inside archives ("app.jar!/lib/x.jar" -> "app.jar").
std::string_view outer_file(std::string_view path) { return path.substr(0, path.find("!/")); }

void mark_os_owners(std::vector<Package>& packages) {
  std::unordered_map<std::string_view, const Package*> owner;
  for (const auto& p : packages)
    if (is_os_package(p.type))
      for (const auto& f : p.files) owner.emplace(f, &p);
  if (owner.empty()) return;
  for (auto& p : packages) {
    if (is_os_package(p.type)) continue;
    auto it = owner.find(outer_file(p.path));
    if (it != owner.end()) p.os_owner = it->second->purl;
  }
}

// Lockfiles that an OS package ships as data (a gem's own Gemfile.lock, a Debian node module's
// npm-shrinkwrap.json) describe their authors' development trees, not software installed here:
// their entries are dropped. Returns how many.
size_t drop_os_shipped_lockfile_entries(std::vector<Package>& packages) {
  size_t before = packages.size();
  std::erase_if(packages,
                [](const Package& p) { return p.origin == PackageOrigin::kDeclared && !p.os_owner.empty(); });
  return before - packages.size();
}

void assign_refs(std::vector<Package>& packages) {
  std::map<std::string, int> used;
  for (auto& p : packages) {
    int n = used[p.purl]++;
    p.ref = n == 0 ? p.purl : p.purl + "#" + std::to_string(n + 1);
  }
}

void sort_packages(std::vector<Package>& packages) {
  std::sort(packages.begin(), packages.end(), [](const Package& a, const Package& b) {
    return std::make_tuple(a.type, a.namespace_, a.name, a.version, a.path) <
           std::make_tuple(b.type, b.namespace_, b.name, b.version, b.path);
  });
}

}  // namespace

void finish_inventory(Inventory& inv, Diagnostics& diagnostics) {
  size_t dev = 0;
  std::vector<Package> kept;
  kept.reserve(inv.packages.size());
  for (auto& p : inv.packages) {
    if (p.dev) {
      ++dev;
      continue;
    }
    if (p.purl.empty()) p.purl = make_purl(p, inv.os);
    kept.push_back(std::move(p));
  }
  if (dev > 0) {
    Location where{inv.target};
    diagnostics.add(
        DiagLevel::kNote, "catalog.dev-dependencies",
        std::to_string(dev) + " development-only lockfile entries left out (they are not shipped)", where);
  }
  inv.packages = merge_duplicates(std::move(kept));
  mark_os_owners(inv.packages);
  if (size_t shipped = drop_os_shipped_lockfile_entries(inv.packages); shipped > 0) {
    Location where{inv.target};
    diagnostics.add(
        DiagLevel::kNote, "catalog.os-shipped-lockfiles",
        std::to_string(shipped) +
            " entries of lockfiles that OS packages ship as data left out (they describe the package "
            "authors' development trees, not installed software)",
        where);
  }
  sort_packages(inv.packages);
  assign_refs(inv.packages);
  for (auto& p : inv.removed)
    if (p.purl.empty()) p.purl = make_purl(p, inv.os);
  sort_packages(inv.removed);
}

}  // namespace customs
