// os-release(5) and lsb-release: shell-style KEY=value files.
#include "catalog/os/os_release.h"

#include <cctype>

#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

bool is_key(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Unquotes a shell word starting at raw[0]. Returns nullopt on an unterminated quote or on text
// after the word other than blanks and a "#" comment.
std::optional<std::string> unquote_shell_word(std::string_view raw) {
  std::string out;
  size_t i = 0;
  while (i < raw.size() && !is_blank(raw[i])) {
    char c = raw[i++];
    if (c == '\\') {
      if (i < raw.size()) out.push_back(raw[i++]);
    } else if (c == '\'') {
      size_t close = raw.find('\'', i);
      if (close == std::string_view::npos) return std::nullopt;
      out.append(raw.substr(i, close - i));
      i = close + 1;
    } else if (c == '"') {
      bool closed = false;
      while (i < raw.size()) {
        char d = raw[i++];
        if (d == '"') {
          closed = true;
          break;
        }
        if (d == '\\' && i < raw.size() && std::string_view("\"\\$`").find(raw[i]) != std::string_view::npos)
          d = raw[i++];
        out.push_back(d);
      }
      if (!closed) return std::nullopt;
    } else {
      out.push_back(c);
    }
  }
  while (i < raw.size() && is_blank(raw[i])) ++i;
  if (i < raw.size() && raw[i] != '#') return std::nullopt;
  return out;
}

// Looks a key up in assignments; the last assignment wins, as in the shell.
std::string value_of(const std::vector<ShellAssignment>& assignments, std::string_view key) {
  for (auto it = assignments.rbegin(); it != assignments.rend(); ++it) {
    if (it->key == key) return it->value;
  }
  return {};
}

std::vector<ShellAssignment> read_assignments(const CatalogFile& file, CatalogResult& out) {
  if (file.truncated)
    add_diag(out, file, "os.truncated", "file is larger than the part read; later lines ignored");
  std::vector<int> bad_lines;
  std::vector<ShellAssignment> assignments = parse_shell_assignments(file.content, bad_lines);
  for (int line : bad_lines) {
    add_diag(out, file, "os.malformed-line", "not a KEY=value assignment or an unterminated quote", line);
  }
  return assignments;
}

std::string join_nonempty(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return std::string(a) + " " + std::string(b);
}

}  // namespace

std::vector<ShellAssignment> parse_shell_assignments(std::string_view text, std::vector<int>& bad_lines) {
  std::vector<ShellAssignment> out;
  int number = 0;
  for (std::string_view line : split_lines(text)) {
    ++number;
    std::string_view body = trim(line);
    if (body.empty() || body[0] == '#') continue;
    size_t eq = body.find('=');
    std::string_view key = eq == std::string_view::npos ? body : body.substr(0, eq);
    std::optional<std::string> value;
    if (eq != std::string_view::npos && is_key(key)) value = unquote_shell_word(body.substr(eq + 1));
    if (!value) {
      bad_lines.push_back(number);
      continue;
    }
    out.push_back({std::string(key), std::move(*value), number});
  }
  return out;
}

void offer_os_info(OsInfo info, CatalogResult& out) {
  if (out.os && out.os->priority > info.priority) return;
  out.os = std::move(info);
}

void parse_os_release_file(const CatalogFile& file, CatalogResult& out) {
  std::vector<ShellAssignment> a = read_assignments(file, out);
  OsInfo info;
  info.id = to_lower(value_of(a, "ID"));
  info.version_id = value_of(a, "VERSION_ID");
  info.codename = value_of(a, "VERSION_CODENAME");
  if (info.codename.empty()) info.codename = value_of(a, "UBUNTU_CODENAME");
  info.pretty_name = value_of(a, "PRETTY_NAME");
  info.id_like = value_of(a, "ID_LIKE");
  std::string name = value_of(a, "NAME");
  if (info.id.empty() && name.empty() && info.version_id.empty() && info.pretty_name.empty()) {
    add_diag(out, file, "os.no-distribution", "no ID, NAME, VERSION_ID or PRETTY_NAME assignment");
    return;
  }
  if (info.id.empty()) {
    // os-release(5): "If not set, a default of ID=linux may be used."
    add_diag(out, file, "os.missing-id", "no ID assignment; using \"linux\" as os-release(5) says");
    info.id = "linux";
  }
  if (info.pretty_name.empty()) {
    info.pretty_name =
        name.empty() ? join_nonempty(info.id, info.version_id) : join_nonempty(name, value_of(a, "VERSION"));
  }
  info.source = std::string(file.path);
  info.priority = starts_with(file.path, "usr/") ? kPriorityUsrLibOsRelease : kPriorityEtcOsRelease;
  offer_os_info(std::move(info), out);
}

void parse_lsb_release_file(const CatalogFile& file, CatalogResult& out) {
  std::vector<ShellAssignment> a = read_assignments(file, out);
  OsInfo info;
  info.id = to_lower(value_of(a, "DISTRIB_ID"));
  if (info.id.empty()) {
    add_diag(out, file, "os.missing-id", "no DISTRIB_ID assignment");
    return;
  }
  info.version_id = value_of(a, "DISTRIB_RELEASE");
  info.codename = value_of(a, "DISTRIB_CODENAME");
  info.pretty_name = value_of(a, "DISTRIB_DESCRIPTION");
  if (info.pretty_name.empty()) info.pretty_name = join_nonempty(value_of(a, "DISTRIB_ID"), info.version_id);
  info.source = std::string(file.path);
  info.priority = kPriorityLsbRelease;
  offer_os_info(std::move(info), out);
}

}  // namespace customs
