#pragma once
// The rewriting steps of node-semver's Range.parseRange (classes/range.js), one per function, each
// doing what its regular expression replacement does to the text. Internal to npm_range.cc.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace customs::npm_range {

// hyphenReplace: "A - B" (both x-ranges) to ">=A <=B" and its x-range variants; nullopt when
// `part` is not a hyphen range.
std::optional<std::string> expand_hyphen(std::string_view part);

// COMPARATORTRIM, TILDETRIM and CARETTRIM: the space between an operator and its version goes.
std::string trim_operators(std::string_view s);

// parseComparator: one space-free token (build metadata, "^", "~", x-ranges, "*") to the text of
// one or more comparators ("" is the comparator that matches anything).
std::vector<std::string> expand_token(std::string_view token);

}  // namespace customs::npm_range
