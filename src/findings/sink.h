#pragma once
// FindingSink: what checks report into. It fills in severity (with overrides), fingerprint,
// and drops findings of disabled rules.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "findings/finding.h"
#include "findings/policy.h"

namespace customs {

class FindingSink {
 public:
  explicit FindingSink(const Policy* policy = nullptr) : policy_(policy) {}

  // Reports one finding. `key` distinguishes occurrences of the same rule in one file for the
  // fingerprint; when empty, the evidence is used. Returns the stored finding (nullptr when the
  // rule is disabled) so a check can attach fix edits; valid until the next report().
  Finding* report(const Rule& rule, Location where, std::string message, std::string evidence = {},
                  std::string key = {});

  std::vector<Finding>& findings() { return findings_; }
  const std::vector<Finding>& findings() const { return findings_; }
  std::vector<Finding> take() { return std::move(findings_); }

 private:
  const Policy* policy_;
  std::vector<Finding> findings_;
  std::map<std::string, int> occurrences_;  // for fingerprints of repeated identical keys
};

// sha256 over "rule|file|key|occurrence", first 32 hex digits.
std::string make_fingerprint(std::string_view rule_id, std::string_view file, std::string_view key,
                             int occurrence);

}  // namespace customs
