#pragma once
// Semantic versions as node-semver 7 (the npm `semver` package) parses and orders them, shared by
// the semver scheme (semver.cc) and npm range satisfaction (npm_range.cc).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace customs {

// node-semver's MAX_SAFE_INTEGER: major, minor and patch above it are invalid.
inline constexpr uint64_t kSemverMaxSafe = 9007199254740991ULL;

struct NodeSemver {
  uint64_t major = 0;
  uint64_t minor = 0;
  uint64_t patch = 0;
  // Views into the parsed text (or into static literals); empty for a release.
  std::vector<std::string_view> prerelease;
};

// SemVer constructor, strict mode: at most 256 characters, JavaScript trim(), an optional "v",
// major.minor.patch without leading zeros, "-" prerelease, "+" build (checked, then dropped).
std::optional<NodeSemver> parse_node_semver(std::string_view s);

// SemVer.compare(): main numbers, then prerelease precedence (a release is greater; numeric
// identifiers sort below alphanumeric ones and compare as JavaScript numbers, so two numeric
// identifiers beyond 2^53 that round to the same double compare equal).
int compare_node_semver(const NodeSemver& a, const NodeSemver& b);

// A numeric identifier without leading zeros ("0|[1-9][0-9]*"), no greater than kSemverMaxSafe.
std::optional<uint64_t> parse_semver_number(std::string_view s);

// "a.b.c" prerelease identifiers (each [0-9A-Za-z-]+, numeric ones without leading zeros) into
// `out`; false when malformed.
bool parse_semver_prerelease(std::string_view s, std::vector<std::string_view>& out);

// "a.b" build identifiers (each [0-9A-Za-z-]+).
bool valid_semver_build(std::string_view s);

// The byte length of the JavaScript whitespace or line terminator (what String.trim() and the
// regular expression class \s match, in UTF-8) at the start of `s`, or 0.
size_t js_space_at(std::string_view s);
// The same for one ending at the end of `s`.
size_t js_space_before_end(std::string_view s);
// String.prototype.trim().
std::string_view js_trim(std::string_view s);
// String.length: UTF-16 code units of the UTF-8 text.
size_t js_length(std::string_view s);

}  // namespace customs
