#pragma once
// npm version ranges, as node-semver 7 (the npm `semver` package) reads and tests them:
// "||" alternatives of space-separated comparator sets; hyphen ranges ("1.2 - 2"), x-ranges
// ("1.x", "*", ">=1.2"), "~" and "^" ranges, and comparators (<, <=, >, >=, =).
#include <optional>
#include <string_view>

namespace customs {

// semver.satisfies(version, range) without options: true when `version` satisfies some comparator
// set of `range`. A prerelease version only satisfies a set that has a comparator with a
// prerelease on the same major.minor.patch. nullopt when `range` is not a valid range or
// `version` not a valid version (where satisfies() would answer false).
std::optional<bool> npm_range_satisfies(std::string_view version, std::string_view range);

// True when node-semver accepts `range` (semver.validRange() is not null).
bool npm_range_valid(std::string_view range);

}  // namespace customs
