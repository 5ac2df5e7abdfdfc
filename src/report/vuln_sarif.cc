#include "report/vuln_sarif.h"

#include <cstdio>
#include <map>

#include "core/strings.h"
#include "report/reporters.h"
#include "report/terminal.h"

namespace customs {

namespace {

using ojson = nlohmann::ordered_json;

std::string sentence_of(std::string text) {
  if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?') text += '.';
  return text;
}

Severity band(const Vulnerability& v) { return severity_from(v.severity).value_or(Severity::kMedium); }

std::string security_severity(const Vulnerability& v) {
  if (!v.score) return sarif_security_severity(band(v));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", *v.score);
  return buf;
}

std::string fix_sentence(const Vulnerability& v) {
  if (!v.fixed_versions.empty()) return "Upgrade to " + v.fixed_versions.front() + " or later.";
  if (v.state == FixState::kWontFix)
    return "The distribution will not fix it; remove the package or accept the risk.";
  return "No fixed version is known yet; follow the advisory.";
}

ojson rule_for(const Vulnerability& v) {
  std::string title = v.summary.empty() ? v.id + " in " + v.package_name : v.summary;
  ojson r{{"id", v.id},
          {"name", pascal_case(v.id)},
          {"shortDescription", {{"text", sentence_of(truncate_utf8(title, 200))}}}};
  std::string help =
      v.id + " (" + v.severity + ", " + (v.severity_source.empty() ? "no rating" : v.severity_source) + ")";
  if (!v.aliases.empty()) help += ". Also known as " + join(v.aliases, ", ");
  r["fullDescription"] = ojson{{"text", sentence_of(truncate_utf8(title + ": " + help, 1000))}};
  r["help"] = ojson{{"text", help + "."}};
  if (!v.references.empty()) r["helpUri"] = v.references.front();
  r["defaultConfiguration"] = ojson{{"level", sarif_level(band(v))}};
  r["properties"] = ojson{{"tags", ojson::array({"security", "vulnerability"})},
                          {"security-severity", security_severity(v)},
                          {"precision", "very-high"}};
  return r;
}

ojson result_for(const Vulnerability& v, int rule_index) {
  bool relative = true;
  std::string uri = sarif_uri(v.path.empty() ? v.purl : v.path, &relative);
  ojson artifact{{"uri", uri}};
  if (relative) artifact["uriBaseId"] = "%SRCROOT%";
  std::string message = v.package_name + " " + v.installed_version + " is affected by " + v.id + " (" +
                        v.severity + "). " + fix_sentence(v);
  ojson r{{"ruleId", v.id},
          {"ruleIndex", rule_index},
          {"level", sarif_level(band(v))},
          {"message", {{"text", message}}},
          {"locations", ojson::array({{{"physicalLocation",
                                        {{"artifactLocation", artifact}, {"region", {{"startLine", 1}}}}}}})},
          {"partialFingerprints", {{"customsVulnerability/v1", v.fingerprint}}}};
  if (v.suppressed) {
    ojson s{{"kind", "external"}};
    if (!v.suppression_reason.empty()) s["justification"] = v.suppression_reason;
    r["suppressions"] = ojson::array({s});
  }
  ojson props{{"purl", v.purl},
              {"installedVersion", v.installed_version},
              {"fixedVersions", v.fixed_versions},
              {"status", std::string(to_string(v.state))},
              {"severitySource", v.severity_source},
              {"layerDigest", v.layer_digest},
              {"layerIndex", v.layer_index},
              {"baseImage", v.in_base_image}};
  if (!v.vex_justification.empty()) props["vexJustification"] = v.vex_justification;
  if (v.kev) props["kev"] = true;
  if (v.epss) props["epss"] = v.epss->epss;
  r["properties"] = props;
  return r;
}

}  // namespace

void add_vulnerability_sarif(const VulnSection& s, ojson& rules, ojson& results) {
  std::map<std::string, int> index;
  for (const auto& v : s.items) {
    auto [it, inserted] = index.emplace(v.id, static_cast<int>(rules.size()));
    if (inserted) rules.push_back(rule_for(v));
    results.push_back(result_for(v, it->second));
  }
}

}  // namespace customs
