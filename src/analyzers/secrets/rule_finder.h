#pragma once
// Internal to the scanner: the one multi-pattern pass that says which rules may match a text.
// Two implementations, chosen by SecretScanOptions::backend and compared in bench/secrets:
// Hyperscan (every rule's regex in one database, one pass) and RE2::Set (one pass over the rules'
// keywords, then each rule whose keyword occurs runs on its own).
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "analyzers/secrets/scanner.h"

namespace customs {

class RuleFinder {
 public:
  virtual ~RuleFinder() = default;
  // Indices into the rule list the finder was built from, ascending, of the rules worth running
  // the precise extraction for on `text`: one of the rule's keywords occurs in it (caselessly), or
  // the rule has none. May over-report (never under-report a rule that the precise RE2 regex
  // matches and whose keyword occurs).
  virtual std::vector<uint32_t> candidates(std::string_view text) const = 0;
};

// Fails with kInvalidInput naming the rule whose regex the library refused.
Result<std::unique_ptr<RuleFinder>> make_hyperscan_finder(const std::vector<const SecretRule*>& rules);
Result<std::unique_ptr<RuleFinder>> make_re2_set_finder(const std::vector<const SecretRule*>& rules);

// The rule's keywords, split on ','.
std::vector<std::string_view> rule_keywords(const SecretRule& rule);

}  // namespace customs
