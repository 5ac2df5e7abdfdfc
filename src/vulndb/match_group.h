#pragma once
// Merging the advisories that matched one package into vulnerabilities: records that name each
// other (an id or alias in common: GHSA, PYSEC, GO and CVE records of one flaw) become one
// vulnerability; a bundle that covers several CVEs (a DSA, a DLA) is attached to each of its
// CVEs that matched on its own, and stands alone only when none did.
#include <string>
#include <vector>

#include "model/package.h"
#include "vulndb/package_query.h"
#include "vulndb/store.h"
#include "vulndb/vulnerability.h"

namespace customs {

struct MatchCandidate {
  const Advisory* advisory = nullptr;
  const Affected* affected = nullptr;
  std::vector<std::string> fixed_versions;  // nearest first
};

// One Vulnerability per group, with severity decided under `severity_order`, NVD ratings, KEV and
// EPSS looked up in `store` by the group's CVE ids.
std::vector<Vulnerability> group_candidates(const std::vector<MatchCandidate>& candidates, const Package& p,
                                            const PackageQuery& q, VulnStore& store,
                                            const std::vector<std::string>& severity_order);

// The fingerprint of a vulnerability in a package at a path: stable across runs and versions.
std::string vulnerability_fingerprint(std::string_view id, std::string_view package_key_without_version,
                                      std::string_view path);

}  // namespace customs
