#include "vulndb/matcher.h"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <unordered_map>

#include "core/strings.h"
#include "vulndb/match_group.h"
#include "vulndb/match_range.h"
#include "vulndb/package_query.h"
#include "vulndb/severity.h"

namespace customs {

namespace {

// What triage_less() orders by.
struct TriageKey {
  bool kev = false;
  bool fixable = false;
  int epss = -1;
  int severity = 0;
  double score = -1;
  std::string_view package;
  std::string_view id;
  std::string_view path;
};

int rank_epss(const std::optional<EpssScore>& e) { return e ? static_cast<int>(e->epss * 1000) : -1; }

bool key_less(const TriageKey& a, const TriageKey& b) {
  auto ka = std::make_tuple(a.kev, a.fixable, a.epss, a.severity, a.score);
  auto kb = std::make_tuple(b.kev, b.fixable, b.epss, b.severity, b.score);
  if (ka != kb) return ka > kb;
  if (a.package != b.package) return a.package < b.package;
  if (a.id != b.id) return a.id < b.id;
  return a.path < b.path;
}

// A package with findings: what its findings share.
struct MatchedPackage {
  size_t index = 0;  // in the inventory
  std::string name;  // as advisories name it (PackageQuery::name)
  std::string key;   // package_key() without version, for fingerprints
  bool os_owned = false;
};

// One finding before it becomes a Vulnerability: small, so sorting it is cheap.
struct Found {
  size_t package = 0;  // index into Scan::matched
  std::shared_ptr<const GroupFacts> facts;
  std::vector<std::string> fixed_versions;  // nearest first
};

// The state of one match_inventory() call.
struct Scan {
  const Inventory& inventory;
  VulnStore& store;
  const MatchOptions& options;
  GroupBuilder groups;
  RangeEvaluator ranges;
  MatchResult out;
  std::unordered_map<std::string, std::vector<std::shared_ptr<const Advisory>>> advisories;  // by query
  std::vector<MatchedPackage> matched;
  std::vector<Found> found;
};

bool in_ecosystems(const Affected& a, const PackageQuery& q) {
  if (std::find(q.ecosystems.begin(), q.ecosystems.end(), a.ecosystem) == q.ecosystems.end()) return false;
  return a.package == q.name ||
         lookup_package_key(a.ecosystem, a.package) == lookup_package_key(a.ecosystem, q.name);
}

// The candidate of one advisory for one package: its first affected entry that applies.
std::optional<MatchCandidate> candidate_for(const Advisory& adv, const PackageQuery& q, const Package& p,
                                            Scan& s) {
  MatchResult& out = s.out;
  for (const Affected& a : adv.affected) {
    if (!in_ecosystems(a, q) || a.state == FixState::kNotAffected) continue;
    if (a.ranges.empty() && a.versions.empty()) {
      if (a.state == FixState::kAffected) continue;  // an entry that says nothing
      return MatchCandidate{&adv, &a, {}};
    }
    RangeResult r = s.ranges.evaluate(a, q.version);
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

// The advisories that can concern a query, read once per scan.
Result<const std::vector<std::shared_ptr<const Advisory>>*> advisories_for(Scan& s, const PackageQuery& q) {
  auto [it, inserted] = s.advisories.try_emplace(join(q.ecosystems, ",") + "\n" + q.name);
  if (inserted) {
    auto found = s.store.shared_advisories_for(q.ecosystems, q.name);
    if (!found) return found.error();
    it->second = std::move(*found);
  }
  return &it->second;
}

// Matches one package, adding its findings to s.found.
Status match_package(Scan& s, const Package& p, size_t index) {
  ++s.out.stats.packages;
  bool os_owned = !is_os_package(p.type) && !p.os_owner.empty();
  if (os_owned && s.options.os_owned == OsOwnedMode::kSkip) {
    ++s.out.stats.os_owned_skipped;
    return ok_status();
  }
  std::string why;
  auto q = query_for(p, s.inventory.os, &why);
  if (!q) {
    ++s.out.stats.not_matchable;
    return ok_status();
  }
  auto advisories = advisories_for(s, *q);
  if (!advisories) return advisories.error();
  std::vector<MatchCandidate> candidates;
  for (const auto& adv : **advisories) {
    if (auto c = candidate_for(*adv, *q, p, s)) candidates.push_back(std::move(*c));
  }
  if (candidates.empty()) return ok_status();
  ++s.out.stats.matched_packages;
  s.matched.push_back({index, std::move(q->name), package_key(p.type, p.namespace_, p.name, ""), os_owned});
  for (auto& g : s.groups.group(candidates, is_os_package(p.type))) {
    auto fixes = group_fixed_versions(candidates, g.members, g.facts->ecosystem);
    s.found.push_back({s.matched.size() - 1, std::move(g.facts), std::move(fixes)});
  }
  return ok_status();
}

TriageKey key_of(const Scan& s, const Found& f) {
  const GroupFacts& g = *f.facts;
  const MatchedPackage& m = s.matched[f.package];
  return {g.kev.has_value(),
          !f.fixed_versions.empty(),
          rank_epss(g.epss),
          g.severity_rank,
          g.score.value_or(-1),
          m.name,
          g.id,
          s.inventory.packages[m.index].path};
}

// Turns a finding into a Vulnerability at the end of s.out.vulnerabilities.
void add_vulnerability(Scan& s, Found& f) {
  const GroupFacts& g = *f.facts;
  const MatchedPackage& m = s.matched[f.package];
  const Package& p = s.inventory.packages[m.index];
  Vulnerability& v = s.out.vulnerabilities.emplace_back();
  v.id = g.id;
  v.aliases = g.aliases;
  v.sources = g.sources;
  v.summary = g.summary;
  v.references = g.references;
  v.package_type = p.type;
  v.package_name = m.name;
  v.installed_version = p.version;
  v.purl = p.purl;
  v.package_ref = p.ref;
  v.path = p.path;
  v.layer_index = p.layer_index;
  v.layer_digest = p.layer_digest;
  v.layer_created_by = p.layer_created_by;
  v.in_base_image = p.in_base_image;
  v.os_owner = p.os_owner;
  v.ecosystem = g.ecosystem;
  v.advisory_package = g.advisory_package;
  v.state = !f.fixed_versions.empty() || g.any_plain_state ? FixState::kAffected : g.state;
  v.fixed_versions = std::move(f.fixed_versions);
  v.note = g.note;
  v.matched_as_os_owned = m.os_owned;
  if (m.os_owned) {
    v.note = (v.note.empty() ? "" : v.note + "; ") + "files owned by " + p.os_owner +
             ": the distribution may have patched it without changing the version";
  }
  v.ratings = g.ratings;
  v.severity = g.severity;
  v.severity_source = g.severity_source;
  v.score = g.score;
  v.kev = g.kev;
  v.epss = g.epss;
  v.fingerprint = vulnerability_fingerprint(v.id, m.key, p.path);
}

// Sorts the findings by triage order and turns each into a Vulnerability, in place, once.
void emit_sorted(Scan& s) {
  std::vector<TriageKey> keys;
  keys.reserve(s.found.size());
  for (const Found& f : s.found) keys.push_back(key_of(s, f));
  std::vector<size_t> order(s.found.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key_less(keys[a], keys[b]); });
  s.out.vulnerabilities.reserve(order.size());
  for (size_t i : order) add_vulnerability(s, s.found[i]);
}

}  // namespace

bool triage_less(const Vulnerability& a, const Vulnerability& b) {
  auto key = [](const Vulnerability& v) {
    return TriageKey{v.kev.has_value(),
                     !v.fixed_versions.empty(),
                     rank_epss(v.epss),
                     severity_rank(v.severity),
                     v.score.value_or(-1),
                     v.package_name,
                     v.id,
                     v.path};
  };
  return key_less(key(a), key(b));
}

Result<MatchResult> match_inventory(const Inventory& inventory, VulnStore& store,
                                    const MatchOptions& options) {
  if (Status s = store.begin_read(); !s) return s.error();
  struct EndRead {
    VulnStore& store;
    ~EndRead() { store.end_read(); }
  } end_read{store};
  Scan scan{inventory, store, options, GroupBuilder(store, options.severity_order), {}, {}, {}, {}, {}};
  for (size_t i = 0; i < inventory.packages.size(); ++i) {
    if (Status s = match_package(scan, inventory.packages[i], i); !s) return s.error();
  }
  emit_sorted(scan);
  return std::move(scan.out);
}

}  // namespace customs
