#pragma once
// What every feed importer needs: JSON parsed with located errors, lines of JSON records found
// again for diagnostics, CSV records with their line numbers, and located diagnostics.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"

namespace customs {

// A location in the input `name` (line 0: the whole input).
Location feed_location(std::string_view name, int line = 0, int column = 0);

// A kInvalidInput error located in `name`.
Error feed_error(std::string_view name, std::string message, int line = 0, int column = 0);

// Parses JSON text (nesting bounded); errors say "malformed JSON" at line and column of `name`.
Result<nlohmann::json> parse_feed_json(std::string_view bytes, std::string_view name);

// The string at `key` of an object, or "" when absent or not a string.
std::string json_str(const nlohmann::json& obj, std::string_view key);
// The value at `key` of an object when it has the wanted type, else nullptr.
const nlohmann::json* json_object_at(const nlohmann::json& obj, std::string_view key);
const nlohmann::json* json_array_at(const nlohmann::json& obj, std::string_view key);
// True when the JSON text in `head` has the object key `key` ("key" then ':').
bool has_json_key(std::string_view head, std::string_view key);

// Finds the line of a JSON member again after a DOM parse (nlohmann keeps no positions). Built
// on first use by one scan of the text, so inputs without diagnostics never pay for it.
// A path is the member keys and array indexes from the root: {"vulnerabilities", "3", "cve"}.
class JsonLines {
 public:
  JsonLines(std::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {}
  // The line where the value at `path` starts (its key's line for members), 0 when not known.
  int line_of(const std::vector<std::string>& path);

 private:
  void build();
  std::string_view text_;
  int max_depth_;
  bool built_ = false;
  std::unordered_map<std::string, int> lines_;
};

// Reports a record that was skipped or partly read, at a JSON path's line.
void json_diag(Diagnostics& diags, JsonLines& lines, std::string_view name,
               const std::vector<std::string>& path, std::string code, std::string message);

// One CSV record (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks).
struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};
// Splits CSV text into records; an unterminated quote is an error at its line. Empty lines are
// skipped. `skip_comments` drops lines starting with '#'.
Result<std::vector<CsvRecord>> parse_csv(std::string_view bytes, std::string_view name, bool skip_comments);
// The index of each named column in a header record; nullopt for a missing one.
std::optional<size_t> csv_column(const CsvRecord& header, std::string_view column);

// Strips a UTF-8 byte order mark.
std::string_view strip_bom(std::string_view bytes);

}  // namespace customs
