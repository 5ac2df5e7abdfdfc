// CycloneDX 1.4-1.6 VEX: vulnerabilities[] with analysis into VexStatements, affects[].ref resolved
// to purls through the components' bom-refs.
#include <optional>
#include <unordered_map>

#include "core/strings.h"
#include "vulndb/triage/vex_read.h"

namespace customs::triage {

namespace {

using nlohmann::json;
using RefMap = std::unordered_map<std::string, std::string>;  // bom-ref -> purl ("" when none)

struct StateName {
  std::string_view text;
  VexStatus status;
};

// CycloneDX impactAnalysisState; resolved is "remediated", that is fixed.
constexpr StateName kStates[] = {
    {"not_affected", VexStatus::kNotAffected}, {"false_positive", VexStatus::kNotAffected},
    {"resolved", VexStatus::kFixed},           {"resolved_with_pedigree", VexStatus::kFixed},
    {"exploitable", VexStatus::kAffected},     {"in_triage", VexStatus::kUnderInvestigation},
};

// Records the bom-ref of a component and of every component nested in it (nesting is bounded by
// the JSON reader).
void collect_refs(const json& component, RefMap& refs) {
  if (!component.is_object()) return;
  if (std::string ref = json_str(component, "bom-ref"); !ref.empty())
    refs.emplace(ref, json_str(component, "purl"));
  if (const json* children = json_array_at(component, "components"))
    for (const json& c : *children) collect_refs(c, refs);
}

RefMap component_refs(const json& root) {
  RefMap refs;
  if (const json* metadata = json_object_at(root, "metadata"))
    if (const json* c = json_object_at(*metadata, "component")) collect_refs(*c, refs);
  if (const json* components = json_array_at(root, "components"))
    for (const json& c : *components) collect_refs(c, refs);
  return refs;
}

// The purl an affects[].ref names: itself when a purl, else the component with that bom-ref (a
// BOM-Link "urn:cdx:serial/version#ref" names it after the '#'). nullopt with a diagnostic.
std::optional<std::string> resolve_ref(const std::string& ref, const RefMap& refs, VexDocument& doc,
                                       int line) {
  if (ref.rfind("pkg:", 0) == 0) return ref;
  std::string key = ref;
  if (size_t hash = ref.find('#'); ref.rfind("urn:cdx:", 0) == 0 && hash != std::string::npos)
    key = ref.substr(hash + 1);
  auto it = refs.find(key);
  if (it == refs.end()) {
    vex_diag(doc, line, "vex.unknown-ref", "affects ref '" + ref + "' is no component's bom-ref; left out");
    return std::nullopt;
  }
  if (it->second.empty()) {
    vex_diag(doc, line, "vex.ref-without-purl", "component '" + ref + "' has no purl to match; left out");
    return std::nullopt;
  }
  return it->second;
}

std::optional<VexStatus> state_named(std::string_view text) {
  for (const auto& s : kStates)
    if (s.text == text) return s.status;
  return std::nullopt;
}

// analysis.state, justification, detail, response[] and the time.
bool read_analysis(const json& v, VexStatement& st, Instant doc_time, VexDocument& doc) {
  const json* analysis = json_object_at(v, "analysis");
  st.status_text = analysis ? json_str(*analysis, "state") : "";
  auto status = state_named(st.status_text);
  if (!status) {
    vex_diag(doc, st.line, "vex.unknown-status",
             st.vulnerability + " has analysis.state '" + st.status_text +
                 "' (expected not_affected, false_positive, resolved, resolved_with_pedigree, exploitable or "
                 "in_triage); skipped");
    return false;
  }
  st.status = *status;
  st.justification = json_str(*analysis, "justification");
  st.impact_statement = json_str(*analysis, "detail");
  if (const json* responses = json_array_at(*analysis, "response")) {
    std::vector<std::string> words;
    for (const json& r : *responses)
      if (r.is_string()) words.push_back(r.get<std::string>());
    st.action_statement = join(words, ", ");
  }
  st.time = statement_time({json_str(*analysis, "lastUpdated"), json_str(*analysis, "firstIssued"),
                            json_str(v, "updated"), json_str(v, "published")},
                           doc_time, doc, st.line);
  return true;
}

std::optional<VexStatement> read_vulnerability(const json& v, int line, const RefMap& refs, Instant doc_time,
                                               VexDocument& doc) {
  VexStatement st;
  st.line = line;
  st.vulnerability = json_str(v, "id");
  if (st.vulnerability.empty()) {
    vex_diag(doc, line, "vex.no-vulnerability", "a vulnerability without id; skipped");
    return std::nullopt;
  }
  if (const json* references = json_array_at(v, "references"))
    for (const json& r : *references)
      if (std::string id = json_str(r, "id"); !id.empty()) st.aliases.push_back(std::move(id));
  if (!read_analysis(v, st, doc_time, doc)) return std::nullopt;
  if (const json* affects = json_array_at(v, "affects"))
    for (const json& a : *affects)
      if (auto purl = resolve_ref(json_str(a, "ref"), refs, doc, line)) st.products.push_back({*purl, {}});
  if (st.products.empty()) {
    vex_diag(doc, line, "vex.no-product", st.vulnerability + " affects no component with a purl; skipped");
    return std::nullopt;
  }
  return st;
}

}  // namespace

void read_cyclonedx_vex(const json& root, JsonLines& lines, VexDocument& doc) {
  doc.format = "cyclonedx";
  std::string spec = json_str(root, "specVersion");
  if (spec != "1.4" && spec != "1.5" && spec != "1.6")
    vex_diag(doc, lines.line_of({"specVersion"}), "vex.spec-version",
             "CycloneDX specVersion '" + spec + "' is not 1.4-1.6; read as 1.6");
  const json* metadata = json_object_at(root, "metadata");
  Instant doc_time = statement_time({metadata ? json_str(*metadata, "timestamp") : ""}, Instant{}, doc,
                                    lines.line_of({"metadata", "timestamp"}));
  const json* vulnerabilities = json_array_at(root, "vulnerabilities");
  if (vulnerabilities == nullptr) {
    vex_diag(doc, 0, "vex.no-statements", "a CycloneDX BOM without vulnerabilities: no VEX statements");
    return;
  }
  RefMap refs = component_refs(root);
  for (size_t i = 0; i < vulnerabilities->size(); ++i) {
    int line = lines.line_of({"vulnerabilities", std::to_string(i)});
    const json& v = (*vulnerabilities)[i];
    if (!v.is_object()) {
      vex_diag(doc, line, "vex.not-an-object", "a vulnerability that is not an object; skipped");
      continue;
    }
    if (auto st = read_vulnerability(v, line, refs, doc_time, doc)) doc.statements.push_back(std::move(*st));
  }
}

}  // namespace customs::triage
