#include "catalog/util.h"

#include <algorithm>

#include "core/strings.h"

namespace customs {

std::string_view base_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view dir_name(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool has_component(std::string_view path, std::string_view component) {
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) return false;  // the last component is the file itself
    if (path.substr(start, slash - start) == component) return true;
    start = slash + 1;
  }
  return false;
}

std::vector<std::string_view> split_views(std::string_view text, char sep) {
  std::vector<std::string_view> pieces;
  for (size_t start = 0;;) {
    size_t end = text.find(sep, start);
    pieces.push_back(
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return pieces;
    start = end + 1;
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

void add_diag(CatalogResult& out, const CatalogFile& file, std::string code, std::string message, int line,
              int column) {
  Diagnostic d;
  d.level = DiagLevel::kWarning;
  d.code = std::move(code);
  d.message = std::move(message);
  d.where.file = std::string(file.path);
  d.where.path = std::string(file.path);
  d.where.line = line;
  d.where.column = column;
  out.diagnostics.push_back(std::move(d));
}

Result<nlohmann::json> parse_json_bytes(std::string_view bytes, std::string_view path) {
  try {
    return nlohmann::json::parse(bytes.begin(), bytes.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    auto [line, col] = line_column_at(bytes, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    if (size_t colon = what.find("parse error"); colon != std::string::npos) what = what.substr(colon);
    Location where;
    where.file = std::string(path);
    where.path = std::string(path);
    where.line = line;
    where.column = col;
    return make_error(ErrorKind::kInvalidInput, "malformed JSON: " + what, where);
  } catch (const std::exception& e) {
    Location where;
    where.file = std::string(path);
    where.path = std::string(path);
    return make_error(ErrorKind::kInvalidInput, std::string("malformed JSON: ") + e.what(), where);
  }
}

std::string json_string(const nlohmann::json& obj, std::string_view key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::vector<std::string> split_licenses(std::string_view text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t pos = text.find(sep, start);
    std::string_view part =
        text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
    std::string item(trim(part));
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

}  // namespace customs
