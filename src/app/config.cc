#include "app/config.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cstdint>
#include <exception>
#include <optional>
#include <vector>

#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile/pragmas.h"
#include "analyzers/secrets/secret_rule.h"
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

// --- secrets: -------------------------------------------------------------------------------

SecretScanOptions& secrets_of(ParseState& st) { return st.config.secrets; }

Status parse_secret_backend(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                            ParseState& st) {
  std::string text = value.IsScalar() ? value.Scalar() : "";
  if (text == "hyperscan")
    secrets_of(st).backend = SecretBackend::kHyperscan;
  else if (text == "re2")
    secrets_of(st).backend = SecretBackend::kRe2Set;
  else
    return error_at(st, mark_of(value, key), "'" + name + "' must be hyperscan or re2, not '" + text + "'");
  return ok_status();
}

Status parse_secret_disable(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                            ParseState& st) {
  auto items = string_list(key, value, name, st);
  if (!items.ok()) return items.error();
  for (const auto& [id, mark] : *items) {
    if (find_secret_rule(id) == nullptr)
      return error_at(st, mark, "unknown secret rule id '" + id + "' in '" + name + "'");
    secrets_of(st).disabled_rules.push_back(id);
  }
  return ok_status();
}

// A list of RE2 regexes, each compiled here so that a bad one is reported where it is written.
Status regex_list(const YAML::Node& key, const YAML::Node& value, const std::string& name, ParseState& st,
                  std::vector<std::string>& into) {
  auto items = string_list(key, value, name, st);
  if (!items.ok()) return items.error();
  for (const auto& [text, mark] : *items) {
    RE2 re(text, RE2::Quiet);
    if (!re.ok())
      return error_at(st, mark, "'" + name + "' holds an invalid RE2 regex '" + text + "': " + re.error());
    into.push_back(text);
  }
  return ok_status();
}

Status parse_allow_paths(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                         ParseState& st) {
  return regex_list(key, value, name, st, secrets_of(st).allow_paths);
}

Status parse_allow_values(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                          ParseState& st) {
  return regex_list(key, value, name, st, secrets_of(st).allow_values);
}

Status bool_value(const YAML::Node& key, const YAML::Node& value, const std::string& name, ParseState& st,
                  bool& into) {
  std::string text = value.IsScalar() ? to_lower(value.Scalar()) : "";
  if (text == "true" || text == "yes" || text == "on")
    into = true;
  else if (text == "false" || text == "no" || text == "off")
    into = false;
  else
    return error_at(st, mark_of(value, key), "'" + name + "' must be true or false, not '" + text + "'");
  return ok_status();
}

Status parse_default_allowlists(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                                ParseState& st) {
  return bool_value(key, value, name, st, secrets_of(st).default_allowlists);
}

Status parse_scan_binaries(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                           ParseState& st) {
  return bool_value(key, value, name, st, secrets_of(st).scan_binaries);
}

// A size: a whole number of bytes, or one with a KiB, MiB or GiB suffix (K, M, G too).
std::optional<uint64_t> parse_size(std::string_view text) {
  static const std::pair<std::string_view, int> kUnits[] = {{"kib", 10}, {"mib", 20}, {"gib", 30},
                                                            {"k", 10},   {"m", 20},   {"g", 30}};
  std::string lower = to_lower(trim(text));
  int shift = 0;
  for (const auto& [suffix, bits] : kUnits) {
    if (lower.size() > suffix.size() && lower.ends_with(suffix)) {
      lower = std::string(trim(lower.substr(0, lower.size() - suffix.size())));
      shift = bits;
      break;
    }
  }
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(lower.data(), lower.data() + lower.size(), n);
  if (lower.empty() || ec != std::errc() || end != lower.data() + lower.size() || n > (UINT64_MAX >> shift))
    return std::nullopt;
  return n << shift;
}

Status size_value(const YAML::Node& key, const YAML::Node& value, const std::string& name, ParseState& st,
                  uint64_t max, uint64_t& into) {
  std::string text = value.IsScalar() ? value.Scalar() : "";
  auto size = parse_size(text);
  if (!size || *size == 0 || *size > max)
    return error_at(st, mark_of(value, key),
                    "'" + name + "' must be a size from 1 byte to " + std::to_string(max >> 20) +
                        " MiB (bytes, or with KiB, MiB, GiB), not '" + text + "'");
  into = *size;
  return ok_status();
}

Status parse_max_file_size(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                           ParseState& st) {
  return size_value(key, value, name, st, uint64_t{64} << 20, secrets_of(st).max_file_size);
}

Status parse_archive_max_bytes(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                               ParseState& st) {
  return size_value(key, value, name, st, uint64_t{4} << 30, secrets_of(st).archive_max_bytes);
}

Status parse_archive_depth(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                           ParseState& st) {
  std::string text = value.IsScalar() ? value.Scalar() : "";
  if (text.size() != 1 || text[0] < '0' || text[0] > '8')
    return error_at(st, mark_of(value, key),
                    "'" + name + "' must be a whole number from 0 to 8, not '" + text + "'");
  secrets_of(st).archive_depth = text[0] - '0';
  return ok_status();
}

Status parse_secrets(const YAML::Node& key, const YAML::Node& value, const std::string& name,
                     ParseState& st) {
  static const std::vector<KeyHandler> handlers = {{"backend", parse_secret_backend},
                                                   {"disable", parse_secret_disable},
                                                   {"allow-paths", parse_allow_paths},
                                                   {"allow-values", parse_allow_values},
                                                   {"default-allowlists", parse_default_allowlists},
                                                   {"max-file-size", parse_max_file_size},
                                                   {"scan-binaries", parse_scan_binaries},
                                                   {"archive-depth", parse_archive_depth},
                                                   {"archive-max-bytes", parse_archive_max_bytes}};
  return parse_mapping(key, value, name, handlers, st);
}

Status parse_document(const YAML::Node& doc, ParseState& st) {
  static const std::vector<KeyHandler> handlers = {{"checks", parse_checks},
                                                   {"registries", parse_registries},
                                                   {"labels", parse_labels},
                                                   {"fail-on", parse_fail_on},
                                                   {"secrets", parse_secrets}};
  return parse_mapping(doc, doc, "", handlers, st);
}

}  // namespace

bool is_known_rule_id(std::string_view id) {
  if (find_dockerfile_rule(id)) return true;
  for (const auto& r : pragma_rules())
    if (r.id == id) return true;
  return find_secret_rule(id) != nullptr;
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
