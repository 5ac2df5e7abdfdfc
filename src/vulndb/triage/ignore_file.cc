#include "vulndb/triage/ignore_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>

#include "core/strings.h"
#include "vulndb/triage/common.h"

namespace customs {

namespace {

constexpr size_t kMaxIgnoreFile = size_t{4} << 20;
constexpr size_t kMaxNesting = 16;  // an ignore file nests 3 deep

// False when the text may nest deeper than `limit`. yaml-cpp parses recursively, so hostile nesting
// must stop here. Over-counts rather than under-counts: every "[" and "{" opens a level (a closing
// one inside quotes does not close it); block nodes count as a stack of indentation columns plus
// the "- " and "? " indicators that open nodes on one line.
bool nesting_within(std::string_view text, size_t limit) {
  size_t flow = 0;
  std::vector<size_t> columns;
  for (const std::string& line : split(text, '\n')) {
    size_t col = line.find_first_not_of(' ');
    if (col == std::string::npos || line[col] == '#') continue;
    size_t indicators = 0;
    size_t at = col;
    while (at < line.size() && (line[at] == '-' || line[at] == '?') &&
           (at + 1 == line.size() || line[at + 1] == ' ')) {
      ++indicators;
      at = std::min(line.find_first_not_of(' ', at + 1), line.size());
    }
    while (!columns.empty() && columns.back() >= col) columns.pop_back();
    columns.push_back(col);
    char quote = 0;
    for (char c : line) {
      if (c == '[' || c == '{') ++flow;
      if (quote == 0 && (c == ']' || c == '}') && flow > 0) --flow;
      if (c == '"' || c == '\'') quote = quote == c ? 0 : (quote == 0 ? c : quote);
    }
    if (flow > limit || columns.size() + indicators > limit) return false;
  }
  return true;
}

struct Parse {
  std::string_view name;
};

Error error_at(const Parse& st, const YAML::Mark& mark, std::string message) {
  Location where;
  where.file = std::string(st.name);
  if (!mark.is_null()) {
    where.line = mark.line + 1;
    where.column = mark.column + 1;
  }
  return make_error(ErrorKind::kInvalidInput, std::move(message), where);
}

using Setter = Status (*)(const Parse&, const YAML::Node& value, IgnoreEntry&);

Status set_purl(const Parse& st, const YAML::Node& value, IgnoreEntry& e) {
  auto parsed = parse_purl(e.purl);
  if (!parsed.ok()) return error_at(st, value.Mark(), parsed.error().message);
  e.purl_parsed = *parsed;
  return ok_status();
}

Status set_expires(const Parse& st, const YAML::Node& value, IgnoreEntry& e) {
  if (!triage::is_calendar_date(e.expires))
    return error_at(st, value.Mark(), "'expires' must be a date written YYYY-MM-DD, not '" + e.expires + "'");
  return ok_status();
}

struct Field {
  std::string_view key;
  std::string IgnoreEntry::*member;
  Setter check;  // validates the value once stored; nullptr when any text goes
};

constexpr Field kFields[] = {
    {"id", &IgnoreEntry::id, nullptr},
    {"package", &IgnoreEntry::package, nullptr},
    {"purl", &IgnoreEntry::purl, set_purl},
    {"path", &IgnoreEntry::path, nullptr},
    {"fingerprint", &IgnoreEntry::fingerprint, nullptr},
    {"reason", &IgnoreEntry::reason, nullptr},
    {"expires", &IgnoreEntry::expires, set_expires},
};

const Field* field_named(std::string_view key) {
  for (const Field& f : kFields)
    if (f.key == key) return &f;
  return nullptr;
}

Error unknown_key(const Parse& st, const YAML::Node& key, const std::string& name) {
  std::string known;
  std::string_view nearest;
  for (const Field& f : kFields) {
    known += (known.empty() ? "" : ", ") + std::string(f.key);
    if (edit_distance(f.key, name) <= 2) nearest = f.key;
  }
  std::string hint =
      nearest.empty() ? "expected one of " + known : "did you mean '" + std::string(nearest) + "'?";
  return error_at(st, key.Mark(), "unknown key '" + name + "' in an ignore entry (" + hint + ")");
}

Result<IgnoreEntry> parse_entry(const Parse& st, const YAML::Node& item) {
  if (!item.IsMap())
    return error_at(st, item.Mark(), "each entry of 'ignore' must be a mapping with id and reason");
  IgnoreEntry e;
  e.line = item.Mark().is_null() ? 0 : item.Mark().line + 1;
  for (const auto& kv : item) {
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    const Field* f = field_named(key);
    if (f == nullptr) return unknown_key(st, kv.first, key);
    const YAML::Node& value = kv.second;
    if (!value.IsScalar() || trim(value.Scalar()).empty())
      return error_at(st, value.IsNull() || value.Mark().is_null() ? kv.first.Mark() : value.Mark(),
                      "'" + key + "' must be a non-empty string");
    e.*(f->member) = std::string(trim(value.Scalar()));
    if (f->check != nullptr)
      if (Status s = f->check(st, value, e); !s.ok()) return s.error();
  }
  if (e.id.empty()) return error_at(st, item.Mark(), "an ignore entry without 'id'");
  if (e.reason.empty())
    return error_at(st, item.Mark(),
                    "the ignore entry for " + e.id + " has no 'reason': say why it is accepted");
  return e;
}

Result<IgnoreFile> parse_root(const Parse& st, const YAML::Node& root) {
  IgnoreFile file;
  file.name = std::string(st.name);
  if (!root.IsDefined() || root.IsNull()) return file;
  if (!root.IsMap())
    return error_at(st, root.Mark(), "the ignore file must be a mapping with an 'ignore' list");
  for (const auto& kv : root) {
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (key != "ignore")
      return error_at(st, kv.first.Mark(), "unknown key '" + key + "' (expected 'ignore')");
    const YAML::Node& list = kv.second;
    if (list.IsNull()) continue;
    if (!list.IsSequence()) return error_at(st, kv.first.Mark(), "'ignore' must be a list of entries");
    for (const auto& item : list) {
      auto entry = parse_entry(st, item);
      if (!entry.ok()) return entry.error();
      file.entries.push_back(std::move(*entry));
    }
  }
  return file;
}

// Paths compare without a leading "/"; a pattern matching a directory covers what is under it.
bool path_matches(std::string_view pattern, std::string_view path) {
  while (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  for (size_t end = path.find('/'); end != std::string_view::npos; end = path.find('/', end + 1))
    if (glob_match(pattern, path.substr(0, end), true)) return true;
  return glob_match(pattern, path, true);
}

bool entry_matches(const IgnoreEntry& e, const Vulnerability& v) {
  return triage::names_id(e.id, v.id, v.aliases) && (e.package.empty() || e.package == v.package_name) &&
         (!e.purl_parsed || triage::purl_matches(*e.purl_parsed, v.purl)) &&
         (e.path.empty() || path_matches(e.path, v.path)) &&
         (e.fingerprint.empty() || e.fingerprint == v.fingerprint);
}

Location entry_location(const IgnoreFile& file, const IgnoreEntry& e) {
  Location where;
  where.file = file.name;
  where.line = e.line;
  return where;
}

}  // namespace

Result<IgnoreFile> parse_ignore_file(std::string_view bytes, std::string_view name) {
  Parse st{name};
  if (bytes.size() > kMaxIgnoreFile)
    return make_error(ErrorKind::kLimit,
                      "larger than " + std::to_string(kMaxIgnoreFile >> 20) + " MiB: not an ignore file",
                      Location{std::string(name)});
  if (!nesting_within(bytes, kMaxNesting))
    return make_error(ErrorKind::kLimit, "YAML nested deeper than any ignore file",
                      Location{std::string(name)});
  try {
    return parse_root(st, YAML::Load(std::string(bytes)));
  } catch (const YAML::Exception& e) {
    return error_at(st, e.mark, "malformed YAML: " + e.msg);
  } catch (const std::exception& e) {
    return make_error(ErrorKind::kInvalidInput, std::string("malformed YAML: ") + e.what(),
                      Location{std::string(name)});
  }
}

IgnoreOutcome apply_ignore_file(const IgnoreFile& file, std::vector<Vulnerability>& vulnerabilities,
                                std::string_view today) {
  IgnoreOutcome out;
  for (size_t i = 0; i < file.entries.size(); ++i) {
    const IgnoreEntry& e = file.entries[i];
    if (!e.expires.empty() && e.expires < today) {
      out.expired.push_back(i);
      out.diagnostics.warning(
          "ignore.expired",
          "the ignore entry for " + e.id + " expired on " + e.expires + " and no longer applies",
          entry_location(file, e));
      continue;
    }
    bool used = false;
    for (Vulnerability& v : vulnerabilities) {
      if (!entry_matches(e, v)) continue;
      used = true;
      if (v.suppressed) continue;
      v.suppressed = true;
      v.suppression_kind = "ignore-file";
      v.suppression_reason = e.reason;
      ++out.suppressed;
    }
    if (!used) {
      out.unused.push_back(i);
      out.diagnostics.warning("ignore.unused", "the ignore entry for " + e.id + " matches no vulnerability",
                              entry_location(file, e));
    }
  }
  return out;
}

}  // namespace customs
