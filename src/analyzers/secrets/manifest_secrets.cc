// Kubernetes and Compose manifests: SE120-SE122 on top of the text scan (manifest_secrets.h).
// yaml-cpp throws; every call into it stays inside scan_manifest_secrets' try blocks. A YAML::Node
// is a reference: `a = b` writes b's value into a's node, so nodes are rebound with reset().
#include "analyzers/secrets/manifest_secrets.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "analyzers/dockerfile/secret_rules.h"
#include "analyzers/image/image_rules.h"
#include "analyzers/secrets/text_secrets.h"
#include "catalog/npm/common.h"
#include "core/mask.h"
#include "core/strings.h"
#include "sources/registry/http.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;

const Rule kRules[] = {
    {"SE120", Severity::kHigh, kS, "Kubernetes Secret with inline data in a manifest",
     "A Secret's data is only base64-encoded, not encrypted: whoever reads the manifest (its repository, CI "
     "logs, a chart package) reads every value in it.",
     "Keep the values out of the manifest: create the Secret from a secret store (External Secrets "
     "Operator, Secrets Store CSI driver) or commit it encrypted (`kubeseal` SealedSecret, SOPS).",
     "NIST SP 800-190 4.1.4"},
    {"SE121", Severity::kHigh, kS, "Literal secret in a container env value",
     "A literal env value is stored in the manifest and in the object itself: anyone who can read either "
     "(`kubectl get -o yaml`, the repository) has the secret, and it cannot be rotated without a redeploy.",
     "Put the value in a Secret and reference it: `valueFrom: {secretKeyRef: {name: db, key: password}}`, "
     "or mount the Secret as a file.",
     "NIST SP 800-190 4.1.4"},
    {"SE122", Severity::kHigh, kS, "Literal secret in a Compose environment",
     "A value written in the Compose file is in its repository and in `docker inspect` of every container "
     "started from it.",
     "Use Compose secrets: a top-level `secrets: {db_password: {file: ./db_password.txt}}` given to the "
     "service as `secrets: [db_password]` and read from /run/secrets/db_password.",
     "NIST SP 800-190 4.1.4"},
};

const Rule& rule(std::string_view id) { return *find_manifest_secret_rule(id); }

using Pair = std::pair<YAML::Node, YAML::Node>;

constexpr int kMaxMergeDepth = 8;
constexpr size_t kMaxPairs = 100000;  // per lookup: merge keys may fan out (hostile input)
constexpr int kMaxListDepth = 4;      // a List inside a List ...
constexpr size_t kMaxShownKeys = 5;

// Adds the pairs of `map`, expanding YAML merge keys (`<<: *anchor`, `<<: [*a, *b]`), which
// yaml-cpp 0.7 leaves as ordinary keys. A key set by the map itself replaces a merged one; among
// merged maps the first wins.
void collect_pairs(const YAML::Node& map, int depth, bool merged, std::vector<Pair>& out,
                   std::map<std::string, size_t>& index, size_t& budget) {
  if (!map.IsMap() || depth > kMaxMergeDepth) return;
  for (const auto& kv : map) {
    if (budget == 0 || !kv.first.IsScalar() || kv.first.Scalar() != "<<") continue;
    if (kv.second.IsMap()) collect_pairs(kv.second, depth + 1, true, out, index, budget);
    if (kv.second.IsSequence())
      for (const auto& m : kv.second) collect_pairs(m, depth + 1, true, out, index, budget);
  }
  for (const auto& kv : map) {
    if (budget == 0) return;
    --budget;
    std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    if (key == "<<") continue;
    auto [it, inserted] = index.try_emplace(key, out.size());
    if (inserted) {
      out.emplace_back(kv.first, kv.second);
    } else if (!merged) {
      out[it->second].first.reset(kv.first);  // reset rebinds; Node::operator= would write into the tree
      out[it->second].second.reset(kv.second);
    }
  }
}

std::vector<Pair> pairs(const YAML::Node& map) {
  std::vector<Pair> out;
  std::map<std::string, size_t> index;
  size_t budget = kMaxPairs;
  collect_pairs(map, 0, false, out, index, budget);
  return out;
}

// The value at `key` of a map (through merge keys); an undefined node when absent.
YAML::Node field(const YAML::Node& map, std::string_view key) {
  for (const Pair& p : pairs(map))
    if (p.first.Scalar() == key) return p.second;
  return YAML::Node(YAML::NodeType::Undefined);
}

std::string scalar(const YAML::Node& map, std::string_view key) {
  YAML::Node v = field(map, key);
  return v.IsDefined() && v.IsScalar() ? v.Scalar() : std::string();
}

struct Walk {
  const SecretScanner& scanner;
  const std::string& file;
  std::string_view text;
  FindingSink& out;
  std::set<std::pair<std::string, int>> text_hits;  // (rule id, line) the text scan reported
  int base_line = 0;  // where the current document's text starts: its marks count from there
  size_t base_pos = 0;

  // Byte `offset` of a scalar's value: exact when the value is written as it reads (plain or
  // quoted, no escapes or folding), else the node's start.
  Location at(const YAML::Node& n, size_t offset = 0) const {
    YAML::Mark m = n.Mark();
    Location where{file, base_line + m.line + 1, m.column + 1};
    if (m.pos < 0 || base_pos + static_cast<size_t>(m.pos) >= text.size() || !n.IsScalar()) return where;
    size_t pos = base_pos + static_cast<size_t>(m.pos);
    if (text[pos] == '"' || text[pos] == '\'') ++pos;
    const std::string& v = n.Scalar();
    if (offset > v.size() || text.substr(pos, v.size()) != v) return where;
    std::tie(where.line, where.column) = line_column_at(text, pos + offset);
    return where;
  }
};

// A literal env value with a secret-like name or a value that looks like a secret.
// `owner` names the container or service, `what` the variable ("env DB_PASSWORD").
void check_env_value(Walk& w, const Rule& r, const std::string& owner, std::string_view what,
                     const std::string& name, const YAML::Node& node, size_t offset) {
  std::string value = node.Scalar().substr(offset);
  std::string why = secret_reason(name, value);
  if (why.empty()) return;
  w.out.report(r, w.at(node, offset),
               owner + " sets " + std::string(what) + " " + name + ", which has " + why +
                   ", to a literal value: it is readable wherever the manifest is",
               name + "=" + mask_secret(value), secret_key(name, value));
}

// Engine hits in one Secret value, located at the value. `decoded` values have no position of their own.
void scan_secret_value(Walk& w, const std::string& where_said, const std::string& key, const YAML::Node& v,
                       bool decoded) {
  std::string value = v.Scalar();
  if (decoded) {
    value.erase(std::remove_if(value.begin(), value.end(), [](char c) { return c == ' ' || c == '\n'; }),
                value.end());
    auto plain = registry::base64_decode(value);
    if (!plain.ok()) return;
    value = std::move(*plain);
  }
  for (const SecretHit& h : w.scanner.scan(key, value)) {
    Location loc = decoded ? w.at(v) : w.at(v, h.begin);
    if (w.text_hits.count({std::string(h.rule->rule.id), loc.line})) continue;
    report_secret_hit(h, std::move(loc), where_said + ", key " + key + (decoded ? " (base64-decoded)" : ""),
                      w.out);
  }
}

void check_secret_object(Walk& w, const YAML::Node& doc) {
  std::string name = scalar(field(doc, "metadata"), "name");
  std::string said = "in Secret '" + name + "'";
  std::vector<std::string> keys, shown;  // key names; "key=<masked value>" for the first few
  YAML::Node first;
  for (const char* section : {"data", "stringData"}) {
    YAML::Node map = field(doc, section);
    for (const Pair& p : pairs(map)) {
      if (!p.second.IsScalar() || p.second.Scalar().empty()) continue;
      if (keys.empty()) first.reset(map);
      scan_secret_value(w, said, p.first.Scalar(), p.second, section[0] == 'd');
      keys.push_back(p.first.Scalar());
      if (shown.size() < kMaxShownKeys) shown.push_back(keys.back() + "=" + mask_secret(p.second.Scalar()));
    }
  }
  if (keys.empty()) return;
  size_t more = keys.size() - shown.size();
  std::string evidence = join(shown, ", ") + (more ? ", +" + std::to_string(more) + " more" : "");
  w.out.report(rule("SE120"), w.at(first),
               "Secret '" + name + "' holds inline data (keys " + join(keys, ", ") + ") in the manifest",
               evidence, "secret:" + scalar(field(doc, "metadata"), "namespace") + "/" + name);
}

// "$(OTHER_VAR)": Kubernetes expands it from another env variable of the container.
bool dependent_env_reference(std::string_view v) {
  return v.starts_with("$(") && v.ends_with(")") && v.find(')') == v.size() - 1;
}

void check_pod_spec(Walk& w, const YAML::Node& spec, const std::string& owner) {
  for (const char* list : {"initContainers", "containers", "ephemeralContainers"}) {
    YAML::Node containers = field(spec, list);
    if (!containers.IsSequence()) continue;
    for (const auto& c : containers) {
      YAML::Node env = field(c, "env");
      if (!env.IsSequence()) continue;
      std::string who = "Container '" + scalar(c, "name") + "' of " + owner;
      for (const auto& e : env) {
        YAML::Node v = field(e, "value");
        if (v.IsDefined() && v.IsScalar() && !v.Scalar().empty() && !dependent_env_reference(v.Scalar()))
          check_env_value(w, rule("SE121"), who, "env", scalar(e, "name"), v, 0);
      }
    }
  }
}

// Where a kind keeps its pod spec; every other kind is tried at spec.template.spec (Deployment,
// StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job and look-alike custom workloads).
struct PodSpecPath {
  std::string_view kind;
  std::array<const char*, 5> path;
};
constexpr PodSpecPath kPodSpecPaths[] = {
    {"Pod", {"spec"}},
    {"PodTemplate", {"template", "spec"}},
    {"CronJob", {"spec", "jobTemplate", "spec", "template", "spec"}},
};
constexpr std::array<const char*, 5> kTemplatePath{"spec", "template", "spec"};

void check_kubernetes(Walk& w, const YAML::Node& doc, int depth) {
  std::string kind = scalar(doc, "kind");
  if (kind == "Secret") return check_secret_object(w, doc);
  if (kind == "List" || kind.ends_with("List")) {
    YAML::Node items = field(doc, "items");
    if (items.IsSequence() && depth < kMaxListDepth)
      for (const auto& item : items) check_kubernetes(w, item, depth + 1);
    return;
  }
  const auto* path = &kTemplatePath;
  for (const PodSpecPath& p : kPodSpecPaths)
    if (p.kind == kind) path = &p.path;
  YAML::Node spec = doc;
  for (const char* step : *path)
    if (step != nullptr) spec.reset(field(spec, step));
  if (spec.IsMap()) check_pod_spec(w, spec, kind + " '" + scalar(field(doc, "metadata"), "name") + "'");
}

void check_compose(Walk& w, const YAML::Node& doc) {
  for (const Pair& service : pairs(field(doc, "services"))) {
    YAML::Node env = field(service.second, "environment");
    std::string who = "Service '" + service.first.Scalar() + "'";
    for (const Pair& p : pairs(env)) {
      if (p.second.IsScalar() && !p.second.Scalar().empty())
        check_env_value(w, rule("SE122"), who, "environment", p.first.Scalar(), p.second, 0);
    }
    if (!env.IsSequence()) continue;
    for (const auto& item : env) {
      size_t eq = item.IsScalar() ? item.Scalar().find('=') : std::string::npos;
      if (eq != std::string::npos && eq + 1 < item.Scalar().size())
        check_env_value(w, rule("SE122"), who, "environment", item.Scalar().substr(0, eq), item, eq + 1);
    }
  }
}

bool has_top_level_key(std::string_view text, std::string_view key) {
  for (size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1))
    if (at == 0 || text[at - 1] == '\n') return true;
  return false;
}

Error yaml_error(const std::string& file, const YAML::Exception& e, int base_line) {
  Location where{file, e.mark.line >= 0 ? base_line + e.mark.line + 1 : 0,
                 e.mark.column >= 0 ? e.mark.column + 1 : 0};
  return make_error(ErrorKind::kInvalidInput, "malformed YAML: " + e.msg, std::move(where));
}

// One document of a YAML stream and where its text starts.
struct Document {
  YAML::Node node;
  int line = 0;  // 0-based
  size_t pos = 0;
};

bool is_marker(std::string_view line, std::string_view marker) {
  return line.starts_with(marker) &&
         (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r' || line[3] == '\n');
}

// Splits the stream at document markers (a line starting "---", and after a "..." line) and loads
// each part with YAML::Load: yaml-cpp 0.7's LoadAll never returns on some input (",").
// Directive and comment lines go with the document that follows them.
Result<std::vector<Document>> load_documents(const std::string& file, std::string_view text) {
  std::vector<Document> docs;
  int start_line = 0;
  size_t start = 0;
  bool content = false;
  // Documents are only ever constructed: YAML::Node's operator= would write into a loaded tree.
  auto close = [&](size_t end, int next_line) -> Status {
    try {
      docs.push_back(Document{YAML::Load(std::string(text.substr(start, end - start))), start_line, start});
    } catch (const YAML::Exception& e) {
      return yaml_error(file, e, start_line);
    }
    start = end;
    start_line = next_line;
    content = false;
    return ok_status();
  };
  int line_no = 0;
  for (size_t at = 0; at < text.size(); ++line_no) {
    size_t nl = text.find('\n', at);
    size_t next = nl == std::string_view::npos ? text.size() : nl + 1;
    std::string_view line = text.substr(at, next - at);
    if (is_marker(line, "---") && content)
      if (Status st = close(at, line_no); !st.ok()) return st.error();
    std::string_view t = trim(line);
    if (!t.empty() && t[0] != '#' && t[0] != '%') content = true;
    at = next;
    if (is_marker(line, "..."))
      if (Status st = close(at, line_no + 1); !st.ok()) return st.error();
  }
  if (content)
    if (Status st = close(text.size(), line_no); !st.ok()) return st.error();
  return docs;
}

}  // namespace

std::span<const Rule> manifest_secret_rules() { return kRules; }

const Rule* find_manifest_secret_rule(std::string_view id) {
  for (const Rule& r : kRules)
    if (r.id == id) return &r;
  return nullptr;
}

bool looks_like_manifest(std::string_view path, std::string_view text) {
  std::string base =
      to_lower(path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1));
  if (!base.ends_with(".yaml") && !base.ends_with(".yml")) return false;
  if (base.starts_with("compose") || base.starts_with("docker-compose")) return true;
  return has_top_level_key(text, "apiVersion:") || has_top_level_key(text, "kind:") ||
         has_top_level_key(text, "services:");
}

Status scan_manifest_secrets(const SecretScanner& scanner, const std::string& file, std::string_view text,
                             FindingSink& out) {
  if (!npm::yaml_depth_is_safe(text))
    return make_error(ErrorKind::kInvalidInput, "YAML nested deeper than any manifest; not parsed", {file});
  Result<std::vector<Document>> docs = [&]() -> Result<std::vector<Document>> {
    try {
      return load_documents(file, text);
    } catch (const std::exception& e) {
      return make_error(ErrorKind::kInvalidInput, std::string("malformed YAML: ") + e.what(), {file});
    }
  }();
  if (!docs.ok()) return docs.error();
  Walk w{scanner, file, text, out, {}};
  for (const SecretHit& h : scan_text_secrets(scanner, file, text, out))
    w.text_hits.emplace(std::string(h.rule->rule.id), h.line);
  for (const Document& doc : *docs) {
    w.base_line = doc.line;
    w.base_pos = doc.pos;
    try {
      if (!scalar(doc.node, "kind").empty()) check_kubernetes(w, doc.node, 0);
      if (field(doc.node, "services").IsMap()) check_compose(w, doc.node);
    } catch (const YAML::Exception& e) {
      return yaml_error(file, e, doc.line);
    }
  }
  return ok_status();
}

}  // namespace customs
