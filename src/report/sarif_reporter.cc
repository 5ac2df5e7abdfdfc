// The SARIF 2.1.0 reporter, shaped for GitHub code scanning: one run, rule metadata for every rule
// that ran, results with stable partial fingerprints, suppressions for suppressed findings, and
// diagnostics as tool execution notifications.
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/strings.h"
#include "report/reporters.h"
#include "report/vuln_sarif.h"

namespace customs {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kSarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kInformationUri = "https://customs.dev/";
constexpr const char* kSrcRoot = "%SRCROOT%";
constexpr const char* kFingerprintKey = "customsFingerprint/v1";

// SARIF messages are sentences: they end with a period (SARIF2001).
std::string sentence(std::string_view text) {
  std::string out(trim(text));
  if (!out.empty() && out.back() != '.' && out.back() != '!' && out.back() != '?') out += '.';
  return out;
}

ojson text_message(std::string_view text) { return ojson{{"text", sentence(text)}}; }

// Only MAJOR.MINOR.PATCH[-pre][+build] versions are semantic versions.
bool is_semver(std::string_view v) {
  int dots = 0;
  size_t i = 0;
  for (; i < v.size() && v[i] != '-' && v[i] != '+'; ++i) {
    if (v[i] == '.') {
      if (i == 0 || v[i - 1] == '.') return false;
      ++dots;
    } else if (v[i] < '0' || v[i] > '9') {
      return false;
    }
  }
  return dots == 2 && i > 0 && v[i - 1] != '.';
}

// The region of a location. GitHub needs a start line on every result, so a whole-file location
// (line 0) is anchored to line 1 when `need_line`; otherwise it has no region (null).
ojson region_json(const Location& loc, bool need_line) {
  if (loc.line <= 0 && !need_line) return nullptr;
  ojson r;
  int line = loc.line > 0 ? loc.line : 1;
  r["startLine"] = line;
  if (loc.line <= 0) return r;
  if (loc.column > 0) r["startColumn"] = loc.column;
  int end_line = loc.end_line >= line ? loc.end_line : line;
  if (loc.end_line > line) r["endLine"] = loc.end_line;
  bool end_after_start = end_line > line || loc.end_column > loc.column;
  if (loc.end_column > 0 && end_after_start) {
    if (!r.contains("endLine")) r["endLine"] = end_line;
    r["endColumn"] = loc.end_column;
  }
  return r;
}

// Whether `evidence` is exactly the text of the region of `loc`, so that it may serve as the
// region's snippet (SARIF 3.30.13). Without columns the region is whole lines: only the line count
// can be checked.
bool evidence_fits_region(const Location& loc, std::string_view evidence) {
  if (evidence.empty() || loc.line <= 0) return false;
  std::vector<std::string> lines = split(evidence, '\n');
  int end_line = loc.end_line > loc.line ? loc.end_line : loc.line;
  if (static_cast<int>(lines.size()) != end_line - loc.line + 1) return false;
  if (loc.column <= 0 && loc.end_column <= 0) return true;
  int first_column = lines.size() == 1 ? loc.column : 1;
  return loc.column > 0 && loc.end_column > 0 &&
         static_cast<int>(lines.back().size()) == loc.end_column - first_column;
}

ojson physical_location(const Location& loc, bool need_line, std::string_view snippet) {
  bool relative = true;
  ojson artifact{{"uri", sarif_uri(loc.file, &relative)}};
  if (relative) artifact["uriBaseId"] = kSrcRoot;
  ojson phys{{"artifactLocation", artifact}};
  ojson region = region_json(loc, need_line);
  if (!region.is_null()) {
    if (evidence_fits_region(loc, snippet)) region["snippet"] = ojson{{"text", snippet}};
    phys["region"] = region;
  }
  return ojson{{"physicalLocation", phys}};
}

ojson rule_json(const Rule& rule) {
  ojson r;
  r["id"] = rule.id;
  std::string name = pascal_case(rule.title);
  if (!name.empty()) r["name"] = name;
  r["shortDescription"] = ojson{{"text", rule.title}};  // a title, not a sentence
  if (!rule.why.empty()) r["fullDescription"] = text_message(rule.why);
  std::string text = "Why: " + sentence(rule.why) + "\n\nFix: " + sentence(rule.fix);
  std::string markdown = "**Why:** " + sentence(rule.why) + "\n\n**Fix:** " + sentence(rule.fix);
  if (!rule.source.empty()) {
    text += "\n\nSource: " + std::string(rule.source);
    markdown += "\n\n**Source:** " + std::string(rule.source);
  }
  r["help"] = ojson{{"text", text}, {"markdown", markdown}};
  r["defaultConfiguration"] = ojson{{"level", sarif_level(rule.severity)}};
  r["properties"] = ojson{{"tags", ojson::array({"security", to_string(rule.practice)})},
                          {"security-severity", sarif_security_severity(rule.severity)},
                          {"precision", "high"}};
  return r;
}

ojson result_json(const Finding& f, int rule_index) {
  const Rule& rule = rule_of(f);
  ojson r;
  r["ruleId"] = rule.id;
  r["ruleIndex"] = rule_index;
  r["level"] = sarif_level(f.severity);
  r["message"] = text_message(f.message.empty() ? rule.title : std::string_view(f.message));
  r["locations"] = ojson::array({physical_location(f.location, true, f.evidence)});
  if (!f.fingerprint.empty()) r["partialFingerprints"] = ojson{{kFingerprintKey, f.fingerprint}};
  if (f.suppressed) {
    ojson s{{"kind", f.suppression_kind == "inline pragma" ? "inSource" : "external"}};
    if (!f.suppression_reason.empty()) s["justification"] = f.suppression_reason;
    r["suppressions"] = ojson::array({s});
  }
  ojson props;
  if (!f.evidence.empty()) props["evidence"] = f.evidence;  // masked; also the snippet when it fits
  if (!f.location.layer_digest.empty()) props["layerDigest"] = f.location.layer_digest;
  if (f.location.layer_index >= 0) props["layerIndex"] = f.location.layer_index;
  if (!f.location.layer_created_by.empty()) props["layerCreatedBy"] = f.location.layer_created_by;
  if (!f.location.path.empty()) props["path"] = f.location.path;
  if (!props.empty()) r["properties"] = props;
  return r;
}

constexpr const char* kNotificationLevels[] = {"note", "warning", "error"};  // by DiagLevel

ojson invocation_json(const ScanReport& report) {
  bool success = true;
  for (const ScanTarget& t : report.targets) success = success && t.parsed;
  ojson inv{{"executionSuccessful", success}};
  ojson notes = ojson::array();
  for (const Diagnostic& d : report.diagnostics.items()) {
    ojson n{{"level", kNotificationLevels[static_cast<int>(d.level)]}, {"message", text_message(d.message)}};
    if (!d.where.file.empty()) n["locations"] = ojson::array({physical_location(d.where, false, {})});
    if (!d.code.empty()) n["descriptor"] = ojson{{"id", d.code}};
    notes.push_back(n);
  }
  if (!notes.empty()) inv["toolExecutionNotifications"] = notes;
  return inv;
}

ojson driver_json(const ScanReport& report, const std::vector<const Rule*>& rules) {
  ojson d;
  d["name"] = report.tool_name;
  if (!report.tool_version.empty()) d["version"] = report.tool_version;
  if (is_semver(report.tool_version)) d["semanticVersion"] = report.tool_version;
  d["informationUri"] = kInformationUri;
  d["rules"] = ojson::array();
  for (const Rule* r : rules) d["rules"].push_back(rule_json(*r));
  return d;
}

class SarifReporter : public Reporter {
 public:
  std::string render(const ScanReport& report, const RenderOptions&) const override {
    std::vector<const Rule*> rules = rules_for(report);
    std::map<std::string_view, int> index;
    for (size_t i = 0; i < rules.size(); ++i) index.emplace(rules[i]->id, static_cast<int>(i));
    ojson run;
    run["tool"] = ojson{{"driver", driver_json(report, rules)}};
    run["invocations"] = ojson::array({invocation_json(report)});
    run["results"] = ojson::array();
    for (const Finding& f : report.findings) run["results"].push_back(result_json(f, index[rule_of(f).id]));
    add_vulnerability_sarif(report.vulns, run["tool"]["driver"]["rules"], run["results"]);
    ojson doc;
    doc["$schema"] = kSarifSchema;
    doc["version"] = "2.1.0";
    doc["runs"] = ojson::array({run});
    return doc.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter() { return std::make_unique<SarifReporter>(); }

}  // namespace customs
