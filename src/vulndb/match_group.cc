#include "vulndb/match_group.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "core/hash.h"
#include "vulndb/severity.h"
#include "vulndb/versions/version.h"

namespace customs {

namespace {

bool is_cve(std::string_view id) { return id.starts_with("CVE-"); }

// Whether two sorted id lists have an id in common.
bool share_id(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    int c = i->compare(*j);
    if (c == 0) return true;
    if (c < 0)
      ++i;
    else
      ++j;
  }
  return false;
}

struct UnionFind {
  std::vector<size_t> parent;
  size_t find(size_t i) { return parent[i] == i ? i : parent[i] = find(parent[i]); }
  void unite(size_t a, size_t b) { parent[find(a)] = find(b); }
};

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
  if (fixes.size() < 2) return;
  auto scheme = scheme_for_ecosystem(ecosystem);
  if (!scheme) return;
  std::stable_sort(fixes.begin(), fixes.end(), [&](const std::string& a, const std::string& b) {
    auto c = compare_versions(*scheme, a, b);
    return c && *c < 0;
  });
}

// The members' advisory and affected entries, in order: what a group's facts depend on.
std::vector<const void*> member_key(const std::vector<MatchCandidate>& c, const std::vector<size_t>& members,
                                    bool os_package) {
  std::vector<const void*> key;
  key.reserve(members.size() * 2 + 1);
  for (size_t m : members) {
    key.push_back(c[m].advisory);
    key.push_back(c[m].affected);
  }
  key.push_back(os_package ? &key : nullptr);  // any non-null marker
  return key;
}

}  // namespace

size_t GroupBuilder::KeyHash::operator()(const std::vector<const void*>& k) const {
  size_t h = k.size();
  for (const void* p : k) h = h * 1000003U ^ std::hash<const void*>()(p);
  return h;
}

const GroupBuilder::Ids& GroupBuilder::ids_of(const Advisory& a) {
  auto [it, inserted] = ids_.try_emplace(&a);
  if (!inserted) return it->second;
  std::set<std::string> ids(a.aliases.begin(), a.aliases.end());
  ids.insert(a.id);
  it->second.ids.assign(ids.begin(), ids.end());
  // A record that covers several CVEs (not itself a CVE record).
  it->second.bundle = !is_cve(a.id) && std::count_if(a.aliases.begin(), a.aliases.end(),
                                                     [](const std::string& s) { return is_cve(s); }) > 1;
  return it->second;
}

// Groups of candidate indexes (see the header for the rules).
std::vector<std::vector<size_t>> GroupBuilder::group_indexes(const std::vector<MatchCandidate>& c) {
  std::vector<const Ids*> ids;
  ids.reserve(c.size());
  for (const auto& x : c) ids.push_back(&ids_of(*x.advisory));
  auto share = [&](size_t i, size_t j) { return share_id(ids[i]->ids, ids[j]->ids); };
  UnionFind g;
  g.parent.resize(c.size());
  std::iota(g.parent.begin(), g.parent.end(), 0);
  for (size_t i = 0; i < c.size(); ++i) {
    for (size_t j = i + 1; j < c.size(); ++j) {
      if (!ids[i]->bundle && !ids[j]->bundle && share(i, j)) g.unite(i, j);
    }
  }
  std::vector<size_t> attached(c.size(), SIZE_MAX);  // bundle -> a non-bundle it joins
  for (size_t i = 0; i < c.size(); ++i) {
    if (!ids[i]->bundle) continue;
    for (size_t j = 0; j < c.size() && attached[i] == SIZE_MAX; ++j) {
      if (!ids[j]->bundle && share(i, j)) attached[i] = j;
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

std::vector<CandidateGroup> GroupBuilder::group(const std::vector<MatchCandidate>& candidates,
                                                bool os_package) {
  std::vector<const void*> key;
  key.reserve(candidates.size());
  for (const auto& c : candidates) key.push_back(c.advisory);
  auto [it, inserted] = groupings_.try_emplace(std::move(key));
  if (inserted) it->second = group_indexes(candidates);
  std::vector<CandidateGroup> out;
  out.reserve(it->second.size());
  for (const auto& members : it->second) out.push_back({facts_for(candidates, members, os_package), members});
  return out;
}

std::shared_ptr<const GroupFacts> GroupBuilder::facts_for(const std::vector<MatchCandidate>& c,
                                                          const std::vector<size_t>& members,
                                                          bool os_package) {
  auto [it, inserted] = facts_.try_emplace(member_key(c, members, os_package));
  if (inserted) it->second = std::make_shared<const GroupFacts>(make_facts(c, members, os_package));
  return it->second;
}

GroupFacts GroupBuilder::make_facts(const std::vector<MatchCandidate>& c, const std::vector<size_t>& members,
                                    bool os_package) {
  GroupFacts f;
  f.id = primary_id(c, members);
  std::vector<SeverityRating> ratings;
  std::set<std::string> cves;
  for (size_t m : members) {
    const Advisory& a = *c[m].advisory;
    const Affected& x = *c[m].affected;
    const Ids& ids = ids_of(a);
    for (const auto& id : ids.ids) {
      if (id != f.id) add_unique(f.aliases, id);
      if (is_cve(id) && (!ids.bundle || id == f.id)) cves.insert(id);
    }
    add_unique(f.sources, a.source);
    if (f.summary.empty()) f.summary = a.summary;
    for (const auto& r : a.references) add_unique(f.references, r);
    if (f.ecosystem.empty()) {
      f.ecosystem = x.ecosystem;
      f.advisory_package = x.package;
    }
    if (x.state == FixState::kAffected)
      f.any_plain_state = true;
    else if (f.state == FixState::kAffected)
      f.state = x.state;
    if (!x.note.empty() && f.note.find(x.note) == std::string::npos)
      f.note += (f.note.empty() ? "" : "; ") + x.note;
    ratings.insert(ratings.end(), a.severities.begin(), a.severities.end());
    if (!x.severity_label.empty())
      ratings.push_back({vendor_of(x.ecosystem), "text", "", std::nullopt, x.severity_label});
  }
  std::sort(f.aliases.begin(), f.aliases.end());
  for (const auto& cve : cves) {
    if (auto r = store_.cve_ratings(cve)) ratings.insert(ratings.end(), r->ratings.begin(), r->ratings.end());
    if (!f.kev) f.kev = store_.kev(cve);
    if (!f.epss) f.epss = store_.epss(cve);
  }
  SeverityDecision d = decide_severity(ratings, order_, os_package);
  f.ratings = std::move(d.ratings);
  f.severity = std::move(d.severity);
  f.severity_rank = severity_rank(f.severity);
  f.severity_source = std::move(d.source);
  f.score = d.score;
  return f;
}

std::string GroupBuilder::primary_id(const std::vector<MatchCandidate>& c,
                                     const std::vector<size_t>& members) {
  std::string alias_cve;
  for (size_t m : members) {
    const Advisory& a = *c[m].advisory;
    if (is_cve(a.id)) return a.id;
    if (ids_of(a).bundle) continue;
    for (const auto& s : a.aliases) {
      if (is_cve(s) && (alias_cve.empty() || s < alias_cve)) alias_cve = s;
    }
  }
  return alias_cve.empty() ? c[members.front()].advisory->id : alias_cve;
}

std::vector<std::string> group_fixed_versions(const std::vector<MatchCandidate>& candidates,
                                              const std::vector<size_t>& members,
                                              std::string_view ecosystem) {
  std::vector<std::string> fixes;
  for (size_t m : members) {
    for (const auto& f : candidates[m].fixed_versions) add_unique(fixes, f);
  }
  sort_fixes(fixes, ecosystem);
  return fixes;
}

std::string vulnerability_fingerprint(std::string_view id, std::string_view package_key_without_version,
                                      std::string_view path) {
  std::string seed;
  seed.reserve(id.size() + package_key_without_version.size() + path.size() + 2);
  seed.append(id).append("\n").append(package_key_without_version).append("\n").append(path);
  return sha256_hex(seed).substr(0, 32);
}

}  // namespace customs
