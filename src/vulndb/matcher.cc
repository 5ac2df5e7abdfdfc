#include "vulndb/matcher.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/strings.h"
#include "vulndb/match_group.h"
#include "vulndb/match_range.h"
#include "vulndb/package_query.h"
#include "vulndb/severity.h"

namespace customs {

namespace {

std::string key_of(const PackageQuery& q) { return join(q.ecosystems, ",") + "\n" + q.name; }

bool in_ecosystems(const Affected& a, const PackageQuery& q) {
  if (std::find(q.ecosystems.begin(), q.ecosystems.end(), a.ecosystem) == q.ecosystems.end()) return false;
  return a.package == q.name ||
         lookup_package_key(a.ecosystem, a.package) == lookup_package_key(a.ecosystem, q.name);
}

// The candidate of one advisory for one package: its first affected entry that applies.
std::optional<MatchCandidate> candidate_for(const Advisory& adv, const PackageQuery& q, const Package& p,
                                            MatchResult& out) {
  for (const Affected& a : adv.affected) {
    if (!in_ecosystems(a, q) || a.state == FixState::kNotAffected) continue;
    if (a.ranges.empty() && a.versions.empty()) {
      if (a.state == FixState::kAffected) continue;  // an entry that says nothing
      return MatchCandidate{&adv, &a, {}};
    }
    RangeResult r = evaluate_affected(a, q.version);
    if (r.verdict == RangeVerdict::kIncomparable) {
      ++out.stats.incomparable;
      out.diagnostics.warning(
          "vuln.version-incomparable",
          adv.id + " not evaluated for " + p.name + " " + p.version + ": " + r.problem,
          Location{p.path, 0, 0, 0, 0, p.layer_digest, static_cast<int>(p.layer_index), "", p.path});
      continue;
    }
    if (r.verdict == RangeVerdict::kAffected) return MatchCandidate{&adv, &a, std::move(r.fixed_versions)};
  }
  return std::nullopt;
}

int rank_epss(const Vulnerability& v) { return v.epss ? static_cast<int>(v.epss->epss * 1000) : -1; }

// Sorts by triage_less through an index: a Vulnerability is large, so elements are moved once.
void sort_for_triage(std::vector<Vulnerability>& v) {
  std::vector<size_t> order(v.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return triage_less(v[a], v[b]); });
  std::vector<Vulnerability> sorted;
  sorted.reserve(v.size());
  for (size_t i : order) sorted.push_back(std::move(v[i]));
  v = std::move(sorted);
}

}  // namespace

bool triage_less(const Vulnerability& a, const Vulnerability& b) {
  auto key = [](const Vulnerability& v) {
    return std::make_tuple(v.kev.has_value(), !v.fixed_versions.empty(), rank_epss(v),
                           severity_rank(v.severity), v.score.value_or(-1));
  };
  auto ka = key(a);
  auto kb = key(b);
  if (ka != kb) return ka > kb;
  if (a.package_name != b.package_name) return a.package_name < b.package_name;
  if (a.id != b.id) return a.id < b.id;
  return a.path < b.path;
}

Result<MatchResult> match_inventory(const Inventory& inventory, VulnStore& store,
                                    const MatchOptions& options) {
  MatchResult out;
  if (Status s = store.begin_read(); !s) return s.error();
  struct EndRead {
    VulnStore& store;
    ~EndRead() { store.end_read(); }
  } end_read{store};
  std::map<std::string, std::vector<std::shared_ptr<const Advisory>>> cache;
  for (const Package& p : inventory.packages) {
    ++out.stats.packages;
    bool os_owned = !is_os_package(p.type) && !p.os_owner.empty();
    if (os_owned && options.os_owned == OsOwnedMode::kSkip) {
      ++out.stats.os_owned_skipped;
      continue;
    }
    std::string why;
    auto q = query_for(p, inventory.os, &why);
    if (!q) {
      ++out.stats.not_matchable;
      continue;
    }
    auto [it, inserted] = cache.try_emplace(key_of(*q));
    if (inserted) {
      auto found = store.shared_advisories_for(q->ecosystems, q->name);
      if (!found) return found.error();
      it->second = std::move(*found);
    }
    std::vector<MatchCandidate> candidates;
    for (const auto& adv : it->second) {
      if (auto c = candidate_for(*adv, *q, p, out)) candidates.push_back(std::move(*c));
    }
    if (candidates.empty()) continue;
    ++out.stats.matched_packages;
    for (auto& v : group_candidates(candidates, p, *q, store, options.severity_order)) {
      v.matched_as_os_owned = os_owned;
      if (os_owned) {
        v.note = (v.note.empty() ? "" : v.note + "; ") + "files owned by " + p.os_owner +
                 ": the distribution may have patched it without changing the version";
      }
      out.vulnerabilities.push_back(std::move(v));
    }
  }
  sort_for_triage(out.vulnerabilities);
  return out;
}

}  // namespace customs
