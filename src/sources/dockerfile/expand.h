#pragma once
// Variable expansion and quote removal for one Dockerfile word, following BuildKit's shell lexer
// (frontend/dockerfile/shell): $V, ${V}, ${V:-w} ${V-w} ${V:+w} ${V+w} ${V:?w} ${V?w},
// ${V#p} ${V##p} ${V%p} ${V%%p} ${V/p/r} ${V//p/r}, escapes, no expansion inside single quotes.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace customs::df {

enum class VarState {
  kUndeclared,  // not declared anywhere visible (may still come from the base image's env)
  kUnknown,     // declared but without a value we know (ARG NAME, TARGETARCH, ...)
  kKnown,
};

// Looks a variable up; sets *value only for kKnown.
using VarLookup = std::function<VarState(std::string_view name, std::string* value)>;

struct Expansion {
  std::string value;                // quotes removed, variables expanded
  std::vector<std::string> fields;  // value split into words as BuildKit's ProcessWords would
  bool expanded_all = true;         // false when a variable without a known value was used
  std::string error;                // set for malformed words (unterminated quote, bad ${...})
};

// Processes `raw`. Variables without a known value expand to "" (or to the ${V:-w} default) and
// clear expanded_all. With expand_vars false, '$' is an ordinary character.
Expansion expand_word(std::string_view raw, char escape, const VarLookup& lookup, bool expand_vars = true);

}  // namespace customs::df
