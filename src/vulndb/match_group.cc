#include "vulndb/match_group.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "core/hash.h"
#include "vulndb/severity.h"
#include "vulndb/versions/version.h"

namespace customs {

namespace {

bool is_cve(std::string_view id) { return id.starts_with("CVE-"); }

std::set<std::string> ids_of(const Advisory& a) {
  std::set<std::string> ids(a.aliases.begin(), a.aliases.end());
  ids.insert(a.id);
  return ids;
}

// A record that covers several CVEs (not itself a CVE record).
bool is_bundle(const Advisory& a) {
  if (is_cve(a.id)) return false;
  return std::count_if(a.aliases.begin(), a.aliases.end(), [](const std::string& s) { return is_cve(s); }) >
         1;
}

struct Groups {
  std::vector<size_t> parent;
  size_t find(size_t i) { return parent[i] == i ? i : parent[i] = find(parent[i]); }
  void unite(size_t a, size_t b) { parent[find(a)] = find(b); }
};

// Groups of candidate indexes (see the header for the rules).
std::vector<std::vector<size_t>> group_indexes(const std::vector<MatchCandidate>& c) {
  Groups g;
  g.parent.resize(c.size());
  std::iota(g.parent.begin(), g.parent.end(), 0);
  std::vector<std::set<std::string>> ids;
  ids.reserve(c.size());
  for (const auto& x : c) ids.push_back(ids_of(*x.advisory));
  auto share = [&](size_t i, size_t j) {
    return std::any_of(ids[i].begin(), ids[i].end(),
                       [&](const std::string& s) { return ids[j].count(s) > 0; });
  };
  for (size_t i = 0; i < c.size(); ++i) {
    for (size_t j = i + 1; j < c.size(); ++j) {
      if (!is_bundle(*c[i].advisory) && !is_bundle(*c[j].advisory) && share(i, j)) g.unite(i, j);
    }
  }
  std::vector<size_t> attached(c.size(), SIZE_MAX);  // bundle -> a non-bundle it joins
  for (size_t i = 0; i < c.size(); ++i) {
    if (!is_bundle(*c[i].advisory)) continue;
    for (size_t j = 0; j < c.size() && attached[i] == SIZE_MAX; ++j) {
      if (!is_bundle(*c[j].advisory) && share(i, j)) attached[i] = j;
    }
  }
  std::map<size_t, std::vector<size_t>> by_root;
  for (size_t i = 0; i < c.size(); ++i) {
    if (attached[i] == SIZE_MAX) by_root[g.find(i)].push_back(i);
  }
  // A bundle joins every group holding one of its CVEs.
  for (size_t i = 0; i < c.size(); ++i) {
    if (attached[i] == SIZE_MAX) continue;
    for (auto& [root, members] : by_root) {
      bool holds =
          std::any_of(members.begin(), members.end(), [&](size_t m) { return share(i, m) && m != i; });
      if (holds) members.push_back(i);
    }
  }
  std::vector<std::vector<size_t>> out;
  out.reserve(by_root.size());
  for (auto& [root, members] : by_root) out.push_back(std::move(members));
  return out;
}

// The group's id: a CVE record's id, else the smallest CVE alias of a non-bundle, else the first id.
std::string primary_id(const std::vector<MatchCandidate>& c, const std::vector<size_t>& members) {
  std::string alias_cve;
  for (size_t m : members) {
    const Advisory& a = *c[m].advisory;
    if (is_cve(a.id)) return a.id;
    if (is_bundle(a)) continue;
    for (const auto& s : a.aliases) {
      if (is_cve(s) && (alias_cve.empty() || s < alias_cve)) alias_cve = s;
    }
  }
  return alias_cve.empty() ? c[members.front()].advisory->id : alias_cve;
}

std::string vendor_of(std::string_view ecosystem) {
  std::string base(ecosystem.substr(0, ecosystem.find(':')));
  std::transform(base.begin(), base.end(), base.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return base == "rocky linux" ? "rocky" : base;
}

void add_unique(std::vector<std::string>& to, const std::string& s) {
  if (!s.empty() && std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

void sort_fixes(std::vector<std::string>& fixes, std::string_view ecosystem) {
  auto scheme = scheme_for_ecosystem(ecosystem);
  if (!scheme) return;
  std::stable_sort(fixes.begin(), fixes.end(), [&](const std::string& a, const std::string& b) {
    auto c = compare_versions(*scheme, a, b);
    return c && *c < 0;
  });
}

Vulnerability make_vulnerability(const std::vector<MatchCandidate>& c, const std::vector<size_t>& members,
                                 const Package& p, const PackageQuery& q, VulnStore& store,
                                 const std::vector<std::string>& order) {
  Vulnerability v;
  v.id = primary_id(c, members);
  v.package_type = p.type;
  v.package_name = q.name;
  v.installed_version = p.version;
  v.purl = p.purl;
  v.package_ref = p.ref;
  v.path = p.path;
  v.layer_index = p.layer_index;
  v.layer_digest = p.layer_digest;
  v.layer_created_by = p.layer_created_by;
  v.in_base_image = p.in_base_image;
  v.os_owner = p.os_owner;
  std::vector<SeverityRating> ratings;
  std::set<std::string> cves;
  bool any_plain_state = false;
  for (size_t m : members) {
    const Advisory& a = *c[m].advisory;
    const Affected& x = *c[m].affected;
    for (const auto& id : ids_of(a)) {
      if (id != v.id) add_unique(v.aliases, id);
      if (is_cve(id) && (!is_bundle(a) || id == v.id)) cves.insert(id);
    }
    add_unique(v.sources, a.source);
    if (v.summary.empty()) v.summary = a.summary;
    for (const auto& r : a.references) add_unique(v.references, r);
    if (v.ecosystem.empty()) {
      v.ecosystem = x.ecosystem;
      v.advisory_package = x.package;
    }
    for (const auto& f : c[m].fixed_versions) add_unique(v.fixed_versions, f);
    if (x.state == FixState::kAffected)
      any_plain_state = true;
    else if (v.state == FixState::kAffected)
      v.state = x.state;
    if (!x.note.empty() && v.note.find(x.note) == std::string::npos)
      v.note += (v.note.empty() ? "" : "; ") + x.note;
    ratings.insert(ratings.end(), a.severities.begin(), a.severities.end());
    if (!x.severity_label.empty())
      ratings.push_back({vendor_of(x.ecosystem), "text", "", std::nullopt, x.severity_label});
  }
  if (!v.fixed_versions.empty() || any_plain_state) v.state = FixState::kAffected;
  sort_fixes(v.fixed_versions, v.ecosystem);
  std::sort(v.aliases.begin(), v.aliases.end());
  for (const auto& cve : cves) {
    if (auto r = store.cve_ratings(cve)) ratings.insert(ratings.end(), r->ratings.begin(), r->ratings.end());
    if (!v.kev) v.kev = store.kev(cve);
    if (!v.epss) v.epss = store.epss(cve);
  }
  decide_severity(v, ratings, order);
  v.fingerprint = vulnerability_fingerprint(v.id, package_key(p.type, p.namespace_, p.name, ""), p.path);
  return v;
}

}  // namespace

std::string vulnerability_fingerprint(std::string_view id, std::string_view package_key_without_version,
                                      std::string_view path) {
  std::string seed =
      std::string(id) + "\n" + std::string(package_key_without_version) + "\n" + std::string(path);
  return sha256_hex(seed).substr(0, 32);
}

std::vector<Vulnerability> group_candidates(const std::vector<MatchCandidate>& candidates, const Package& p,
                                            const PackageQuery& q, VulnStore& store,
                                            const std::vector<std::string>& severity_order) {
  std::vector<Vulnerability> out;
  for (const auto& members : group_indexes(candidates))
    out.push_back(make_vulnerability(candidates, members, p, q, store, severity_order));
  return out;
}

}  // namespace customs
