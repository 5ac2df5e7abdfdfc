// OpenVEX 0.2.0 (and the 0.0.x drafts, whose vulnerability, products and subcomponents may be plain
// strings): statements[] into VexStatements.
#include <optional>

#include "core/strings.h"
#include "vulndb/triage/vex_read.h"

namespace customs::triage {

namespace {

using nlohmann::json;

struct StatusName {
  std::string_view text;
  VexStatus status;
};

constexpr StatusName kStatuses[] = {
    {"not_affected", VexStatus::kNotAffected},
    {"affected", VexStatus::kAffected},
    {"fixed", VexStatus::kFixed},
    {"under_investigation", VexStatus::kUnderInvestigation},
};

// A component's purl: its @id when that is a purl, else identifiers.purl; "" when neither.
std::string component_purl(const json& c) {
  if (c.is_string()) return c.get<std::string>().rfind("pkg:", 0) == 0 ? c.get<std::string>() : "";
  std::string id = json_str(c, "@id");
  if (id.rfind("pkg:", 0) == 0) return id;
  const json* identifiers = json_object_at(c, "identifiers");
  return identifiers ? json_str(*identifiers, "purl") : std::string();
}

std::optional<VexProduct> read_product(const json& p) {
  VexProduct out;
  out.purl = component_purl(p);
  if (const json* subs = json_array_at(p, "subcomponents")) {
    for (const json& s : *subs)
      if (std::string purl = component_purl(s); !purl.empty()) out.subcomponents.push_back(std::move(purl));
  }
  if (out.purl.empty() && out.subcomponents.empty()) return std::nullopt;
  return out;
}

// The vulnerability's name and aliases (0.2.0: an object; 0.0.x: a string).
void read_vulnerability(const json& s, VexStatement& st) {
  auto it = s.find("vulnerability");
  if (it == s.end()) return;
  if (it->is_string()) {
    st.vulnerability = it->get<std::string>();
    return;
  }
  st.vulnerability = json_str(*it, "name");
  if (st.vulnerability.empty()) st.vulnerability = json_str(*it, "@id");
  if (const json* aliases = json_array_at(*it, "aliases"))
    for (const json& a : *aliases)
      if (a.is_string()) st.aliases.push_back(a.get<std::string>());
}

std::optional<VexStatus> status_named(std::string_view text) {
  for (const auto& s : kStatuses)
    if (s.text == text) return s.status;
  return std::nullopt;
}

// One statement, or nullopt (with a diagnostic) when it cannot be used.
std::optional<VexStatement> read_statement(const json& s, int line, Instant doc_time, VexDocument& doc) {
  VexStatement st;
  st.line = line;
  read_vulnerability(s, st);
  if (st.vulnerability.empty()) {
    vex_diag(doc, line, "vex.no-vulnerability", "a statement without vulnerability.name; skipped");
    return std::nullopt;
  }
  if (const json* products = json_array_at(s, "products"))
    for (const json& p : *products)
      if (auto product = read_product(p)) st.products.push_back(std::move(*product));
  if (st.products.empty()) {
    vex_diag(doc, line, "vex.no-product",
             "the statement on " + st.vulnerability + " names no product by purl; skipped");
    return std::nullopt;
  }
  st.status_text = json_str(s, "status");
  auto status = status_named(st.status_text);
  if (!status) {
    vex_diag(doc, line, "vex.unknown-status",
             "the statement on " + st.vulnerability + " has status '" + st.status_text +
                 "' (expected not_affected, affected, fixed or under_investigation); skipped");
    return std::nullopt;
  }
  st.status = *status;
  st.justification = json_str(s, "justification");
  st.impact_statement = json_str(s, "impact_statement");
  st.action_statement = json_str(s, "action_statement");
  st.time = statement_time({json_str(s, "last_updated"), json_str(s, "timestamp")}, doc_time, doc, line);
  return st;
}

}  // namespace

void read_openvex(const json& root, JsonLines& lines, VexDocument& doc) {
  doc.format = "openvex";
  Instant doc_time =
      statement_time({json_str(root, "timestamp")}, Instant{}, doc, lines.line_of({"timestamp"}));
  const json* statements = json_array_at(root, "statements");
  if (statements == nullptr) {
    vex_diag(doc, 0, "vex.no-statements", "an OpenVEX document without a statements list");
    return;
  }
  for (size_t i = 0; i < statements->size(); ++i) {
    int line = lines.line_of({"statements", std::to_string(i)});
    const json& s = (*statements)[i];
    if (!s.is_object()) {
      vex_diag(doc, line, "vex.not-an-object", "a statement that is not an object; skipped");
      continue;
    }
    if (auto st = read_statement(s, line, doc_time, doc)) doc.statements.push_back(std::move(*st));
  }
}

}  // namespace customs::triage
