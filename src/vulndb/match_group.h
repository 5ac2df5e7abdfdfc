#pragma once
// Merging the advisories that matched one package into vulnerabilities: records that name each
// other (an id or alias in common: GHSA, PYSEC, GO and CVE records of one flaw) become one
// vulnerability; a bundle that covers several CVEs (a DSA, a DLA) is attached to each of its
// CVEs that matched on its own, and stands alone only when none did.
//
// What a group says apart from the package's version (ids, references, ratings scored, the
// severity decided, KEV and EPSS) is worked out once per scan and shared by every package whose
// candidates form the same group.
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "vulndb/store.h"
#include "vulndb/vulnerability.h"

namespace customs {

struct MatchCandidate {
  const Advisory* advisory = nullptr;
  const Affected* affected = nullptr;
  std::vector<std::string> fixed_versions;  // nearest first
};

// The part of a Vulnerability that only depends on the group's members (and on whether the
// package is an OS package, which picks the default severity order).
struct GroupFacts {
  std::string id;                    // the CVE when the group has one, else the first advisory's id
  std::vector<std::string> aliases;  // sorted
  std::vector<std::string> sources;
  std::string summary;
  std::vector<std::string> references;
  std::string ecosystem;                 // of the first member
  std::string advisory_package;          // of the first member
  FixState state = FixState::kAffected;  // the first non-plain state a member gives
  bool any_plain_state = false;          // a member whose state is kAffected (ranges decide)
  std::string note;
  std::vector<RatingView> ratings;
  std::string severity = "unknown";
  int severity_rank = 0;
  std::string severity_source;
  std::optional<double> score;
  std::optional<KevEntry> kev;
  std::optional<EpssScore> epss;
};

// One group of a package's candidates: indexes into the candidate list, in candidate order.
struct CandidateGroup {
  std::shared_ptr<const GroupFacts> facts;
  std::vector<size_t> members;
};

// Groups candidates for one scan, remembering groupings and facts across packages. Not thread-safe.
class GroupBuilder {
 public:
  // NVD ratings, KEV and EPSS are looked up in `store` by the group's CVE ids; severity is
  // decided under `severity_order` (empty: the default for the package kind).
  GroupBuilder(VulnStore& store, std::vector<std::string> severity_order)
      : store_(store), order_(std::move(severity_order)) {}

  // The groups of `candidates` (non-empty) for a package (OS package or not), in a stable order.
  std::vector<CandidateGroup> group(const std::vector<MatchCandidate>& candidates, bool os_package);

 private:
  struct Ids {
    std::vector<std::string> ids;  // id and aliases, sorted, unique
    bool bundle = false;
  };
  const Ids& ids_of(const Advisory& a);
  std::vector<std::vector<size_t>> group_indexes(const std::vector<MatchCandidate>& c);
  // A CVE record's id, else the smallest CVE alias of a non-bundle, else the first member's id.
  std::string primary_id(const std::vector<MatchCandidate>& c, const std::vector<size_t>& members);
  std::shared_ptr<const GroupFacts> facts_for(const std::vector<MatchCandidate>& c,
                                              const std::vector<size_t>& members, bool os_package);
  GroupFacts make_facts(const std::vector<MatchCandidate>& c, const std::vector<size_t>& members,
                        bool os_package);

  struct KeyHash {
    size_t operator()(const std::vector<const void*>& k) const;
  };
  VulnStore& store_;
  std::vector<std::string> order_;
  std::unordered_map<const Advisory*, Ids> ids_;
  std::unordered_map<std::vector<const void*>, std::vector<std::vector<size_t>>, KeyHash> groupings_;
  std::unordered_map<std::vector<const void*>, std::shared_ptr<const GroupFacts>, KeyHash> facts_;
};

// The fixed versions of a group's members for one package: unique, nearest first.
std::vector<std::string> group_fixed_versions(const std::vector<MatchCandidate>& candidates,
                                              const std::vector<size_t>& members, std::string_view ecosystem);

// The fingerprint of a vulnerability in a package at a path: stable across runs and versions.
std::string vulnerability_fingerprint(std::string_view id, std::string_view package_key_without_version,
                                      std::string_view path);

}  // namespace customs
