// npm range satisfaction, as node-semver 7's Range (classes/range.js) and Comparator
// (classes/comparator.js) without options (not loose, prereleases excluded).
#include "vulndb/versions/npm_range.h"

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vulndb/versions/npm_range_expand.h"
#include "vulndb/versions/semver.h"

namespace customs {

namespace {

enum class Op { kAny, kEq, kLt, kLe, kGt, kGe };

struct Comparator {
  Op op = Op::kAny;
  NodeSemver version;
};
using ComparatorSet = std::vector<Comparator>;

// Comparator texts are parsed into views, so they live here for the duration of one call.
using Arena = std::deque<std::string>;

// new Comparator(text): "" (and ">=0.0.0", which replaceGTE0 empties) match anything; else an
// operator and a full version.
std::optional<Comparator> parse_comparator(std::string_view text) {
  if (text.empty() || text == ">=0.0.0") return Comparator{};
  size_t i = 0;
  if (i < text.size() && (text[i] == '<' || text[i] == '>')) ++i;
  if (i < text.size() && text[i] == '=') ++i;
  std::string_view op = text.substr(0, i);
  auto v = parse_node_semver(text.substr(i));
  if (!v || js_trim(text.substr(i)).size() != text.size() - i) return std::nullopt;
  Comparator c{Op::kEq, *v};
  if (op == "<") c.op = Op::kLt;
  if (op == "<=") c.op = Op::kLe;
  if (op == ">") c.op = Op::kGt;
  if (op == ">=") c.op = Op::kGe;
  return c;
}

bool test(const Comparator& c, const NodeSemver& v) {
  if (c.op == Op::kAny) return true;
  int r = compare_node_semver(v, c.version);
  switch (c.op) {
    case Op::kEq: return r == 0;
    case Op::kLt: return r < 0;
    case Op::kLe: return r <= 0;
    case Op::kGt: return r > 0;
    case Op::kGe: return r >= 0;
    case Op::kAny: break;
  }
  return true;
}

// testSet(): every comparator holds, and a prerelease version needs a comparator with a
// prerelease on its own major.minor.patch.
bool test_set(const ComparatorSet& set, const NodeSemver& v) {
  for (const Comparator& c : set) {
    if (!test(c, v)) return false;
  }
  if (v.prerelease.empty()) return true;
  for (const Comparator& c : set) {
    if (c.op == Op::kAny || c.version.prerelease.empty()) continue;
    const NodeSemver& a = c.version;
    if (a.major == v.major && a.minor == v.minor && a.patch == v.patch) return true;
  }
  return false;
}

bool is_any_set(const ComparatorSet& set) {
  for (const Comparator& c : set) {
    if (c.op != Op::kAny) return false;
  }
  return true;
}

// range.trim().replace(/\s+/g, ' ').
std::string collapse_spaces(std::string_view s) {
  s = js_trim(s);
  std::string out;
  while (!s.empty()) {
    size_t n = js_space_at(s);
    if (n == 0) {
      out += s.front();
      s.remove_prefix(1);
      continue;
    }
    while ((n = js_space_at(s)) != 0) s.remove_prefix(n);
    out += ' ';
  }
  return out;
}

// parseRange(): one "||" alternative.
std::optional<ComparatorSet> parse_set(std::string_view part, Arena& arena) {
  part = js_trim(part);
  std::string text = npm_range::trim_operators(npm_range::expand_hyphen(part).value_or(std::string(part)));
  ComparatorSet set;
  std::string_view rest = text;
  while (true) {
    size_t sp = rest.find(' ');
    for (std::string& c : npm_range::expand_token(rest.substr(0, sp))) {
      arena.push_back(std::move(c));
      auto comparator = parse_comparator(arena.back());
      if (!comparator) return std::nullopt;
      set.push_back(std::move(*comparator));
    }
    if (sp == std::string_view::npos) break;
    rest.remove_prefix(sp + 1);
  }
  if (set.empty()) set.push_back(Comparator{});
  return set;
}

// new Range(range): its comparator sets, nullopt when invalid. With several alternatives, one
// that matches anything replaces them all (so a prerelease version no longer gets the chance
// another alternative would have given it).
std::optional<std::vector<ComparatorSet>> parse_range(std::string_view range, Arena& arena) {
  std::string raw = collapse_spaces(range);
  std::vector<ComparatorSet> sets;
  std::string_view rest = raw;
  while (true) {
    size_t bars = rest.find("||");
    auto set = parse_set(rest.substr(0, bars), arena);
    if (!set) return std::nullopt;
    sets.push_back(std::move(*set));
    if (bars == std::string_view::npos) break;
    rest.remove_prefix(bars + 2);
  }
  if (sets.size() > 1) {
    for (const ComparatorSet& set : sets) {
      if (is_any_set(set)) return std::vector<ComparatorSet>{set};
    }
  }
  return sets;
}

}  // namespace

std::optional<bool> npm_range_satisfies(std::string_view version, std::string_view range) {
  auto v = parse_node_semver(version);
  if (!v) return std::nullopt;
  Arena arena;
  auto sets = parse_range(range, arena);
  if (!sets) return std::nullopt;
  for (const ComparatorSet& set : *sets) {
    if (test_set(set, *v)) return true;
  }
  return false;
}

bool npm_range_valid(std::string_view range) {
  Arena arena;
  return parse_range(range, arena).has_value();
}

}  // namespace customs
