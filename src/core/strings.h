#pragma once
// Small string helpers shared by every stage.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace customs {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool contains(std::string_view haystack, std::string_view needle);
bool icontains(std::string_view haystack, std::string_view needle);
// Splits on every occurrence of sep; keeps empty fields.
std::vector<std::string> split(std::string_view s, char sep);
// Splits on runs of spaces and tabs; drops empty fields.
std::vector<std::string> split_whitespace(std::string_view s);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string replace_all(std::string s, std::string_view from, std::string_view to);
// The offset of the first "[" or "{" of JSON text nested deeper than `limit` ("..." strings and
// their escapes skipped), or npos: keeps hostile input away from recursive parsers.
size_t json_nesting_exceeded_at(std::string_view json, int limit);
// Levenshtein distance, for "did you mean".
size_t edit_distance(std::string_view a, std::string_view b);
// The 1-based line and column (in bytes) of `offset` in `text` (offsets past the end count as the end).
std::pair<int, int> line_column_at(std::string_view text, size_t offset);
// The current time in UTC, formatted by strftime (default RFC 3339: "2026-11-23T10:00:00Z").
std::string utc_now(const char* strftime_format = "%Y-%m-%dT%H:%M:%SZ");
// Shell-style glob: * ? [..]; '*' does not cross '/' when path_mode is true.
bool glob_match(std::string_view pattern, std::string_view text, bool path_mode = false);

}  // namespace customs
