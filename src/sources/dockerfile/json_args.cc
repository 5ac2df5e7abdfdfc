#include "sources/dockerfile/json_args.h"

#include <nlohmann/json.hpp>

#include "sources/dockerfile/words.h"

namespace customs::df {

namespace {

// Offset one past the closing quote of the JSON string starting at `i` (a '"'), or npos.
size_t string_end(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Offset one past the ']' closing the array at `i`, collecting its string spans; npos when the
// brackets do not balance or nest.
size_t array_end(std::string_view s, size_t i, std::vector<JsonElement>* elems) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      size_t e = string_end(s, i);
      if (e == std::string_view::npos) return e;
      if (depth == 1) elems->push_back(JsonElement{"", i, e});
      i = e - 1;
    } else if (c == '[' || c == '{') {
      if (++depth > 1) return std::string_view::npos;  // an array of strings has no nesting
    } else if (c == ']' || c == '}') {
      if (--depth == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

JsonArgs classify_json_args(std::string_view text, std::vector<JsonElement>* out) {
  size_t start = skip_blanks(text, 0);
  if (start >= text.size() || text[start] != '[') return JsonArgs::kNotJson;
  std::vector<JsonElement> elems;
  size_t end = array_end(text, start, &elems);
  bool flat = end != std::string_view::npos;
  // A nested or unbalanced array is still handed to the JSON parser to tell the two failures apart.
  if (flat && skip_blanks(text, end) != text.size()) return JsonArgs::kNotJson;
  try {
    auto j = nlohmann::json::parse(text.substr(start));
    if (!j.is_array()) return JsonArgs::kNotJson;
    for (const auto& el : j)
      if (!el.is_string()) return JsonArgs::kNotStringArray;
    if (!flat || j.size() != elems.size()) return JsonArgs::kNotJson;
    for (size_t i = 0; i < j.size(); ++i) elems[i].value = j[i].get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return JsonArgs::kNotJson;
  }
  *out = std::move(elems);
  return JsonArgs::kStrings;
}

}  // namespace customs::df
