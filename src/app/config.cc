#include "app/config.h"

#include <yaml-cpp/yaml.h>

#include <exception>
#include <vector>

#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile/pragmas.h"
#include "core/strings.h"

namespace customs {

namespace {

struct ParseState {
  const std::string& file;
  const RuleIdCheck& known;
  Config& config;
};

// A value's mark, or the key's when the value has none (an empty value).
YAML::Mark mark_of(const YAML::Node& node, const YAML::Node& fallback) {
  YAML::Mark m = node.Mark();
  return m.is_null() ? fallback.Mark() : m;
}

Error error_at(const ParseState& st, const YAML::Mark& mark, std::string message) {
  Location loc;
  loc.file = st.file;
  if (!mark.is_null()) {
    loc.line = mark.line + 1;
    loc.column = mark.column + 1;
  }
  return make_error(ErrorKind::kUsage, std::move(message), loc);
}

using SectionFn = Status (*)(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                             ParseState& st);

struct KeyHandler {
  std::string_view key;
  SectionFn parse;
};

// Dispatches each key of the mapping `value` (named `name`, "" at the top) to its handler.
Status parse_mapping(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                     const std::vector<KeyHandler>& handlers, ParseState& st) {
  if (value.IsNull()) return ok_status();
  std::string what = name.empty() ? "the top level" : "'" + name + "'";
  if (!value.IsMap()) return error_at(st, mark_of(value, key), what + " must be a mapping");
  std::vector<std::string> expected;
  expected.reserve(handlers.size());
  for (const auto& h : handlers) expected.emplace_back(h.key);
  for (const auto& kv : value) {
    const YAML::Node& k = kv.first;
    std::string k_name = k.IsScalar() ? k.Scalar() : "";
    const KeyHandler* handler = nullptr;
    for (const auto& h : handlers)
      if (h.key == k_name) handler = &h;
    if (!handler)
      return error_at(st, k.Mark(),
                      "unknown key '" + k_name + "' in " + what + " (expected " + join(expected, ", ") + ")");
    std::string path = name.empty() ? k_name : name + "." + k_name;
    Status s = handler->parse(k, kv.second, path, st);
    if (!s.ok()) return s;
  }
  return ok_status();
}

// A list of strings; an empty value is an empty list. Each item comes with its mark.
Result<std::vector<std::pair<std::string, YAML::Mark>>> string_list(const YAML::Node& key,
                                                                    const YAML::Node& value,
                                                                    const std::string& name, ParseState& st) {
  std::vector<std::pair<std::string, YAML::Mark>> out;
  if (value.IsNull()) return out;
  if (!value.IsSequence()) return error_at(st, mark_of(value, key), "'" + name + "' must be a list");
  for (const auto& item : value) {
    if (!item.IsScalar() || item.Scalar().empty())
      return error_at(st, mark_of(item, key), "'" + name + "' must be a list of non-empty strings");
    out.emplace_back(item.Scalar(), item.Mark());
  }
  return out;
}

Status rule_id_list(const YAML::Node& key, const YAML::Node& value, const std::string& name, ParseState& st,
                    std::set<std::string>& into) {
  auto items = string_list(key, value, name, st);
  if (!items.ok()) return items.error();
  for (const auto& [id, mark] : *items) {
    if (!st.known(id)) return error_at(st, mark, "unknown rule id '" + id + "' in '" + name + "'");
    into.insert(id);
  }
  return ok_status();
}

Status parse_disable(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                     ParseState& st) {
  return rule_id_list(key, value, name, st, st.config.policy.disabled);
}

Status parse_enable(const YAML::Node& key, const YAML::Node& value, const std::string& name, ParseState& st) {
  return rule_id_list(key, value, name, st, st.config.policy.enabled);
}

constexpr const char* kSeverityNames = "info, low, medium, high, critical";

Status parse_severities(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                        ParseState& st) {
  if (value.IsNull()) return ok_status();
  if (!value.IsMap())
    return error_at(st, mark_of(value, key), "'" + name + "' must be a mapping of rule id to severity");
  for (const auto& kv : value) {
    std::string id = kv.first.IsScalar() ? kv.first.Scalar() : "";
    if (!st.known(id)) return error_at(st, kv.first.Mark(), "unknown rule id '" + id + "' in '" + name + "'");
    std::string level = kv.second.IsScalar() ? kv.second.Scalar() : "";
    auto sev = severity_from(level);
    if (!sev)
      return error_at(st, mark_of(kv.second, kv.first),
                      "'" + name + "." + id + "' must be one of " + kSeverityNames + ", not '" + level + "'");
    st.config.policy.severity_overrides[id] = *sev;
  }
  return ok_status();
}

Status parse_checks(const YAML::Node& key, const YAML::Node& value, const std::string& name, ParseState& st) {
  static const std::vector<KeyHandler> handlers = {
      {"disable", parse_disable}, {"enable", parse_enable}, {"severity", parse_severities}};
  Status s = parse_mapping(key, value, name, handlers, st);
  if (!s.ok()) return s;
  for (const auto& id : st.config.policy.enabled)
    if (st.config.policy.disabled.count(id))
      return error_at(st, key.Mark(), "rule id '" + id + "' is both enabled and disabled in '" + name + "'");
  return ok_status();
}

Status parse_trusted(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                     ParseState& st) {
  auto items = string_list(key, value, name, st);
  if (!items.ok()) return items.error();
  for (const auto& item : *items) st.config.policy.trusted_registries.push_back(item.first);
  return ok_status();
}

Status parse_required_labels(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                             ParseState& st) {
  auto items = string_list(key, value, name, st);
  if (!items.ok()) return items.error();
  for (const auto& item : *items) st.config.policy.required_labels.push_back(item.first);
  return ok_status();
}

Status parse_registries(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                        ParseState& st) {
  static const std::vector<KeyHandler> handlers = {{"trusted", parse_trusted}};
  return parse_mapping(key, value, name, handlers, st);
}

Status parse_labels(const YAML::Node& key, const YAML::Node& value, const std::string& name, ParseState& st) {
  static const std::vector<KeyHandler> handlers = {{"required", parse_required_labels}};
  return parse_mapping(key, value, name, handlers, st);
}

Status parse_fail_on(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                     ParseState& st) {
  std::string level = value.IsScalar() ? value.Scalar() : "";
  if (iequals(level, "none")) {
    st.config.has_fail_on = true;
    st.config.fail_on.reset();
    return ok_status();
  }
  auto sev = severity_from(level);
  if (!sev)
    return error_at(st, mark_of(value, key),
                    "'" + name + "' must be one of " + kSeverityNames + ", none; not '" + level + "'");
  st.config.has_fail_on = true;
  st.config.fail_on = *sev;
  return ok_status();
}

Status parse_document(const YAML::Node& doc, ParseState& st) {
  static const std::vector<KeyHandler> handlers = {{"checks", parse_checks},
                                                   {"registries", parse_registries},
                                                   {"labels", parse_labels},
                                                   {"fail-on", parse_fail_on}};
  return parse_mapping(doc, doc, "", handlers, st);
}

}  // namespace

bool is_known_rule_id(std::string_view id) {
  if (find_dockerfile_rule(id)) return true;
  for (const auto& r : pragma_rules())
    if (r.id == id) return true;
  return false;
}

Result<Config> parse_config(std::string_view bytes, const std::string& file, const RuleIdCheck& known) {
  Config config;
  config.path = file;
  ParseState st{file, known, config};
  try {
    YAML::Node doc = YAML::Load(std::string(bytes));
    Status s = parse_document(doc, st);
    if (!s.ok()) return s.error();
  } catch (const YAML::Exception& e) {
    return error_at(st, e.mark, "invalid YAML: " + e.msg);
  } catch (const std::exception& e) {
    return make_error(ErrorKind::kUsage, std::string("invalid YAML: ") + e.what(), Location{file});
  }
  return config;
}

Result<Config> load_config(const FsView& fs, const std::string& explicit_path) {
  std::string path = explicit_path;
  if (path.empty()) {
    if (!fs.exists(kDefaultConfigName)) return Config{};
    path = kDefaultConfigName;
  }
  auto bytes = fs.read_file(path, kMaxConfigBytes);
  if (!bytes.ok()) {
    Error e = bytes.error();
    e.kind = ErrorKind::kUsage;
    e.message = "cannot read config file: " + e.message;
    if (e.where.file.empty()) e.where.file = path;
    return e;
  }
  return parse_config(*bytes, path);
}

}  // namespace customs
