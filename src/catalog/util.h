#pragma once
// Small helpers every cataloger uses: path tests, located diagnostics, and parsing JSON, YAML and
// TOML bytes with errors that say file:line:col.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/result.h"
#include "core/strings.h"

namespace customs {

// The last path component ("a/b/c.json" -> "c.json").
std::string_view base_name(std::string_view path);
// Everything before the last "/" ("" for a bare name).
std::string_view dir_name(std::string_view path);
bool ends_with(std::string_view s, std::string_view suffix);
bool starts_with(std::string_view s, std::string_view prefix);
// True when `path` has `component` as one of its directory components ("node_modules").
bool has_component(std::string_view path, std::string_view component);

// Splits into lines without their "\n" (a trailing "\r" is removed too).
std::vector<std::string_view> split_lines(std::string_view text);

// Splits on every `sep`, keeping empty fields; the pieces are views into `text`.
std::vector<std::string_view> split_views(std::string_view text, char sep);

// Appends a warning diagnostic located at file.path (and line when > 0).
void add_diag(CatalogResult& out, const CatalogFile& file, std::string code, std::string message,
              int line = 0, int column = 0);

// Parses JSON; errors are kInvalidInput located at `path`, line and column.
Result<nlohmann::json> parse_json_bytes(std::string_view bytes, std::string_view path);

// The string at `key` of a JSON object, or "" when absent or not a string.
std::string json_string(const nlohmann::json& obj, std::string_view key);

// Licence lists: "MIT, Apache-2.0" -> {"MIT", "Apache-2.0"}; trims, drops empties and duplicates.
std::vector<std::string> split_licenses(std::string_view text, char sep);

}  // namespace customs
