#pragma once
// The exec (JSON) form of RUN, CMD, ENTRYPOINT, SHELL, ADD, COPY, VOLUME and HEALTHCHECK CMD.
#include <string>
#include <string_view>
#include <vector>

namespace customs::df {

struct JsonElement {
  std::string value;  // decoded string
  size_t begin = 0;   // offset of the opening quote in the argument text
  size_t end = 0;     // one past the closing quote
};

enum class JsonArgs {
  kNotJson,         // shell form
  kStrings,         // a JSON array of strings: exec form
  kNotStringArray,  // a JSON array with a non-string element: BuildKit refuses the instruction
};

// BuildKit's parseJSON: `text` (leading blanks allowed) must be exactly one JSON array (trailing
// blanks allowed, as json.Unmarshal). Fills *out for kStrings.
JsonArgs classify_json_args(std::string_view text, std::vector<JsonElement>* out);

// True when `text` is a JSON array of strings (exec form); fills *out.
inline bool parse_json_array(std::string_view text, std::vector<JsonElement>* out) {
  return classify_json_args(text, out) == JsonArgs::kStrings;
}

}  // namespace customs::df
