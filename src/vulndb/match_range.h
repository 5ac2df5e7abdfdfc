#pragma once
// OSV range semantics (https://ossf.github.io/osv-schema/#evaluation): whether one installed
// version is affected by one affected-package entry, and which fixed versions apply.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vulndb/advisory.h"
#include "vulndb/versions/version.h"

namespace customs {

enum class RangeVerdict {
  kAffected,
  kNotAffected,
  kIncomparable,  // a version could not be compared under the scheme: no verdict, never a guess
};

struct RangeResult {
  RangeVerdict verdict = RangeVerdict::kNotAffected;
  // Every "fixed" version of the entry greater than the installed one, nearest first.
  std::vector<std::string> fixed_versions;
  std::string problem;  // kIncomparable: which version could not be compared, and why
};

// The version scheme of a range: SEMVER ranges compare as semantic versions, ECOSYSTEM ranges under
// the ecosystem's scheme; nullopt for GIT ranges and ecosystems customs cannot compare.
std::optional<VersionScheme> scheme_for_range(const AffectedRange& range, std::string_view ecosystem);

// Evaluates `version` against every range (except GIT: commits are not versions) and the explicit
// `versions` list of `affected`. Events are sorted by version first ("0" lowest), then walked:
// introduced sets affected (v >= introduced), fixed clears it (v >= fixed), last_affected clears it
// (v > last_affected), limit clears it (v >= limit). Ranges are OR-ed with the versions list.
RangeResult evaluate_affected(const Affected& affected, std::string_view version);

// evaluate_affected() for many versions against the same entries: each range's events are sorted
// once. The entries must outlive the evaluator (it remembers them by address). Not thread-safe.
class RangeEvaluator {
 public:
  RangeResult evaluate(const Affected& affected, std::string_view version);

 private:
  struct SortedEvents {
    std::vector<RangeEvent> events;  // sorted; meaningful when problem is empty
    std::string problem;             // why two events could not be compared, "" when they could
  };
  const SortedEvents& sorted(const AffectedRange& range, VersionScheme scheme);

  std::unordered_map<const AffectedRange*, SortedEvents> sorted_;
};

}  // namespace customs
