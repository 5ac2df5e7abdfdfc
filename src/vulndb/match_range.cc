#include "vulndb/match_range.h"

#include <algorithm>

namespace customs {

namespace {

using Kind = RangeEvent::Kind;

struct Comparer {
  VersionScheme scheme;
  std::string problem;

  // a vs b; records the first failure and returns nullopt.
  std::optional<int> operator()(std::string_view a, std::string_view b) {
    auto r = compare_versions(scheme, a, b);
    if (!r && problem.empty()) {
      bool a_bad = !is_valid_version(scheme, a);
      problem = "\"" + std::string(a_bad ? a : b) + "\" is not a valid " + std::string(to_string(scheme)) +
                " version";
    }
    return r;
  }
};

bool is_zero(const RangeEvent& e) { return e.kind == Kind::kIntroduced && e.version == "0"; }

// Sorts events by version with introduced "0" first; false when two events cannot be compared.
bool sort_events(std::vector<RangeEvent>& events, Comparer& cmp) {
  bool ok = true;
  std::stable_sort(events.begin(), events.end(), [&](const RangeEvent& a, const RangeEvent& b) {
    if (is_zero(a) || is_zero(b)) return is_zero(a) && !is_zero(b);
    auto r = cmp(a.version, b.version);
    if (!r) ok = false;
    return r && *r < 0;
  });
  return ok;
}

// One range, its events already sorted: nullopt when a comparison failed.
std::optional<bool> in_range(const std::vector<RangeEvent>& events, std::string_view v, Comparer& cmp) {
  bool affected = false;
  for (const RangeEvent& e : events) {
    if (is_zero(e)) {
      affected = true;
      continue;
    }
    auto c = cmp(v, e.version);
    if (!c) return std::nullopt;
    switch (e.kind) {
      case Kind::kIntroduced:
        if (*c >= 0) affected = true;
        break;
      case Kind::kFixed:
      case Kind::kLimit:
        if (*c >= 0) affected = false;
        break;
      case Kind::kLastAffected:
        if (*c > 0) affected = false;
        break;
    }
  }
  return affected;
}

void add_fixes(const AffectedRange& range, std::string_view v, Comparer& cmp,
               std::vector<std::string>& fixes) {
  for (const RangeEvent& e : range.events) {
    if (e.kind != Kind::kFixed) continue;
    auto c = cmp(e.version, v);
    if (c && *c > 0 && std::find(fixes.begin(), fixes.end(), e.version) == fixes.end())
      fixes.push_back(e.version);
  }
}

}  // namespace

std::optional<VersionScheme> scheme_for_range(const AffectedRange& range, std::string_view ecosystem) {
  if (range.type == "SEMVER") return VersionScheme::kSemver;
  if (range.type == "ECOSYSTEM") return scheme_for_ecosystem(ecosystem);
  return std::nullopt;
}

RangeResult evaluate_affected(const Affected& affected, std::string_view version) {
  RangeEvaluator once;
  return once.evaluate(affected, version);
}

const RangeEvaluator::SortedEvents& RangeEvaluator::sorted(const AffectedRange& range, VersionScheme scheme) {
  auto [it, inserted] = sorted_.try_emplace(&range);
  if (inserted) {
    Comparer cmp{scheme, {}};
    it->second.events = range.events;
    if (!sort_events(it->second.events, cmp)) it->second.problem = cmp.problem;
  }
  return it->second;
}

RangeResult RangeEvaluator::evaluate(const Affected& affected, std::string_view version) {
  RangeResult result;
  std::string problem;
  bool incomparable = false;
  std::optional<VersionScheme> fix_scheme;  // the scheme of the range the fixes came from
  for (const AffectedRange& range : affected.ranges) {
    auto scheme = scheme_for_range(range, affected.ecosystem);
    if (!scheme) continue;
    Comparer cmp{*scheme, {}};
    const SortedEvents& events = sorted(range, *scheme);
    auto hit = events.problem.empty() ? in_range(events.events, version, cmp) : std::nullopt;
    if (!hit) {
      incomparable = true;
      if (problem.empty()) problem = events.problem.empty() ? cmp.problem : events.problem;
      continue;
    }
    if (*hit) {
      result.verdict = RangeVerdict::kAffected;
      if (!fix_scheme) fix_scheme = scheme;
      if (fix_scheme == scheme) add_fixes(range, version, cmp, result.fixed_versions);
    }
  }
  auto scheme = scheme_for_ecosystem(affected.ecosystem);
  for (const std::string& listed : affected.versions) {
    if (result.verdict == RangeVerdict::kAffected) break;  // the ranges decided already
    bool same = listed == version;
    if (!same && scheme) same = compare_versions(*scheme, listed, version) == 0;
    if (same) result.verdict = RangeVerdict::kAffected;
  }
  if (result.verdict != RangeVerdict::kAffected && incomparable) {
    result.verdict = RangeVerdict::kIncomparable;
    result.problem = problem;
  }
  if (fix_scheme && result.fixed_versions.size() > 1) {
    std::sort(result.fixed_versions.begin(), result.fixed_versions.end(),
              [&](const std::string& a, const std::string& b) {
                auto c = compare_versions(*fix_scheme, a, b);
                return c && *c < 0;
              });
  }
  return result;
}

}  // namespace customs
