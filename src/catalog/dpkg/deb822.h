#pragma once
// deb822(5) control data: paragraphs of "Name: value" fields separated by blank lines, values
// continued on lines that start with a space or a tab. dpkg's status database, distroless
// status.d files and machine-readable (DEP-5) copyright files are all written in it.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace customs {

struct Deb822Field {
  std::string_view name;   // as written; compare with iequals (field names are case-insensitive)
  std::string_view value;  // the first line's value, trimmed ("" when the value starts on the next line)
  std::string_view raw;    // the whole value: first line and continuation lines, untrimmed
  int line = 0;            // 1-based line of the field name
};

struct Deb822Paragraph {
  int line = 0;  // 1-based line of its first field
  std::vector<Deb822Field> fields;
  // The first field of that name (case-insensitive), or nullptr.
  const Deb822Field* find(std::string_view name) const;
  // The first line's value of that field, or "".
  std::string_view value(std::string_view name) const;
};

struct Deb822Error {
  int line = 0;
  std::string message;
};

inline constexpr size_t kMaxDeb822Errors = 20;

// Calls `visit` for every paragraph with at least one field, in order; the paragraph and its
// string_views live only during the call (they point into `text`). Lines starting with "#" are
// comments. Malformed lines (no "name:", a continuation line before any field) are skipped and
// appended to `errors`, at most kMaxDeb822Errors of them; returns how many there were in all.
size_t for_each_deb822_paragraph(std::string_view text,
                                 const std::function<void(const Deb822Paragraph&)>& visit,
                                 std::vector<Deb822Error>& errors);

}  // namespace customs
