#include "vulndb/import/feed_util.h"

#include <algorithm>

#include "core/strings.h"

namespace customs {

namespace {

constexpr int kMaxJsonNesting = 64;

std::string path_key(const std::vector<std::string>& path) { return join(path, "\n"); }

}  // namespace

Location feed_location(std::string_view name, int line, int column) {
  Location where;
  where.file = std::string(name);
  where.line = line;
  where.column = column;
  return where;
}

Error feed_error(std::string_view name, std::string message, int line, int column) {
  return make_error(ErrorKind::kInvalidInput, std::move(message), feed_location(name, line, column));
}

Result<nlohmann::json> parse_feed_json(std::string_view bytes, std::string_view name) {
  bytes = strip_bom(bytes);
  if (size_t at = json_nesting_exceeded_at(bytes, kMaxJsonNesting); at != std::string_view::npos) {
    auto [line, col] = line_column_at(bytes, at);
    return feed_error(name, "JSON nested deeper than " + std::to_string(kMaxJsonNesting) + " levels", line,
                      col);
  }
  try {
    return nlohmann::json::parse(bytes.begin(), bytes.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based and points just past the offending character.
    auto [line, col] = line_column_at(bytes, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    if (size_t at = what.find("parse error"); at != std::string::npos) what = what.substr(at);
    return feed_error(name, "malformed JSON: " + what, line, col);
  } catch (const std::exception& e) {
    return feed_error(name, std::string("malformed JSON: ") + e.what());
  }
}

std::string json_str(const nlohmann::json& obj, std::string_view key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

const nlohmann::json* json_object_at(const nlohmann::json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it != obj.end() && it->is_object() ? &*it : nullptr;
}

const nlohmann::json* json_array_at(const nlohmann::json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? &*it : nullptr;
}

bool has_json_key(std::string_view head, std::string_view key) {
  std::string quoted = "\"" + std::string(key) + "\"";
  for (size_t at = head.find(quoted); at != std::string_view::npos; at = head.find(quoted, at + 1)) {
    size_t next = head.find_first_not_of(" \t\r\n", at + quoted.size());
    if (next != std::string_view::npos && head[next] == ':') return true;
  }
  return false;
}

std::string_view strip_bom(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return bytes;
}

// ---- JsonLines ----

namespace {

// One open object or array while scanning: the key or index it is at.
struct Frame {
  bool array = false;
  bool expect_key = true;     // objects: the next string is a key
  bool element_seen = false;  // arrays: the current element has started
  size_t index = 0;
  std::string component;
};

// The end of the string starting at the quote at `at` (the offset past its closing quote).
size_t string_end(std::string_view text, size_t at) {
  for (size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return text.size();
}

}  // namespace

void JsonLines::build() {
  built_ = true;
  std::vector<Frame> stack;
  std::vector<std::string> path;
  int line = 1;
  auto record = [&](std::string component) {
    Frame& top = stack.back();
    top.component = std::move(component);
    if (static_cast<int>(stack.size()) > max_depth_) return;
    path.clear();
    for (const Frame& f : stack) path.push_back(f.component);
    lines_.emplace(path_key(path), line);
  };
  auto value_starts = [&]() {
    if (stack.empty() || !stack.back().array || stack.back().element_seen) return;
    stack.back().element_seen = true;
    record(std::to_string(stack.back().index));
  };
  for (size_t i = 0; i < text_.size(); ++i) {
    char c = text_[i];
    if (c == '\n') {
      ++line;
    } else if (c == '"') {
      size_t end = string_end(text_, i);
      if (!stack.empty() && !stack.back().array && stack.back().expect_key) {
        stack.back().expect_key = false;
        record(std::string(text_.substr(i + 1, end >= i + 2 ? end - i - 2 : 0)));
      } else {
        value_starts();
      }
      i = end - 1;
    } else if (c == '{' || c == '[') {
      value_starts();
      stack.push_back(Frame{c == '[', true, false, 0, {}});
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
    } else if (c == ',' && !stack.empty()) {
      Frame& top = stack.back();
      top.expect_key = !top.array;
      if (top.array) ++top.index;
      top.element_seen = false;
    } else if (c != ':' && c != ' ' && c != '\t' && c != '\r') {
      value_starts();
    }
  }
}

int JsonLines::line_of(const std::vector<std::string>& path) {
  if (!built_) build();
  auto it = lines_.find(path_key(path));
  return it == lines_.end() ? 0 : it->second;
}

void json_diag(Diagnostics& diags, JsonLines& lines, std::string_view name,
               const std::vector<std::string>& path, std::string code, std::string message) {
  std::string pointer;
  for (const std::string& p : path) pointer += "/" + p;
  diags.warning(std::move(code), std::move(message) + " (at " + pointer + ")",
                feed_location(name, lines.line_of(path)));
}

// ---- CSV ----

namespace {

// Reads one CSV record from `at`; returns false at an unterminated quote.
bool read_csv_record(std::string_view text, size_t& at, int& line, CsvRecord& rec) {
  std::string field;
  bool quoted = false;
  while (at < text.size()) {
    char c = text[at++];
    if (quoted) {
      if (c == '"' && at < text.size() && text[at] == '"') {
        field += '"';
        ++at;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rec.fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      ++line;
      break;
    } else if (c != '\r') {
      field += c;
    }
  }
  rec.fields.push_back(std::move(field));
  return !quoted;
}

}  // namespace

Result<std::vector<CsvRecord>> parse_csv(std::string_view bytes, std::string_view name, bool skip_comments) {
  bytes = strip_bom(bytes);
  std::vector<CsvRecord> records;
  int line = 1;
  size_t at = 0;
  while (at < bytes.size()) {
    char first = bytes[at];
    if (first == '\n' || first == '\r' || (skip_comments && first == '#')) {
      size_t nl = bytes.find('\n', at);
      at = nl == std::string_view::npos ? bytes.size() : nl + 1;
      if (nl != std::string_view::npos) ++line;
      continue;
    }
    CsvRecord rec;
    rec.line = line;
    if (!read_csv_record(bytes, at, line, rec))
      return feed_error(name, "unterminated quoted CSV field", rec.line);
    records.push_back(std::move(rec));
  }
  return records;
}

std::optional<size_t> csv_column(const CsvRecord& header, std::string_view column) {
  for (size_t i = 0; i < header.fields.size(); ++i) {
    if (trim(header.fields[i]) == column) return i;
  }
  return std::nullopt;
}

}  // namespace customs
