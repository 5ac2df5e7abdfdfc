// The JSON reporter: the versioned machine-readable report documented in docs/json-report.md and
// described by docs/schemas/customs-report-v1.schema.json. Keys keep a fixed order; indentation is
// two spaces; findings and diagnostics keep the order of the report.
#include <nlohmann/json.hpp>

#include "report/json_util.h"
#include "report/reporters.h"
#include "report/vuln_json.h"

namespace customs {
namespace {

constexpr const char* kSchemaId = "https://customs.dev/schemas/report/v1";
constexpr int kSchemaVersion = 1;

ojson image_json(const ImageSummary& s) {
  ojson j;
  j["reference"] = s.reference;
  j["source"] = s.source_kind;
  j["name"] = s.name;
  j["manifest_digest"] = s.manifest_digest;
  j["config_digest"] = s.config_digest;
  j["os"] = ojson{{"name", s.os}, {"id", s.os_id}, {"version", s.os_version}};
  j["architecture"] = s.architecture;
  j["created"] = s.created;
  j["user"] = s.user;
  j["entrypoint"] = s.entrypoint;
  j["cmd"] = s.cmd;
  j["exposed_ports"] = s.exposed_ports;
  j["base_image"] = ojson{{"name", s.base_image}, {"source", s.base_image_source}};
  j["size"] = s.size;
  j["uncompressed_size"] = s.uncompressed_size;
  j["files"] = s.files;
  j["packages"] = ojson::object();
  for (const auto& [type, count] : s.package_counts) j["packages"][type] = count;
  j["layers"] = ojson::array();
  for (const auto& l : s.layers)
    j["layers"].push_back(ojson{{"index", l.index},
                                {"digest", l.digest},
                                {"diff_id", l.diff_id},
                                {"size", l.size},
                                {"uncompressed_size", l.uncompressed_size},
                                {"entries", l.entries},
                                {"created_by", l.created_by},
                                {"from_cache", l.from_cache}});
  return j;
}

ojson finding_json(const Finding& f) {
  const Rule& rule = rule_of(f);
  ojson j;
  j["rule_id"] = rule.id;
  j["severity"] = to_string(f.severity);
  j["rule_severity"] = to_string(rule.severity);
  j["title"] = rule.title;
  j["message"] = f.message;
  j["practice"] = to_string(rule.practice);
  j["source"] = rule.source;
  j["why"] = rule.why;
  j["fix"] = rule.fix;
  j["location"] = location_json(f.location);
  j["evidence"] = f.evidence;
  j["fix_available"] = !f.fix_edits.empty();
  j["fingerprint"] = f.fingerprint;
  j["suppressed"] = f.suppressed;
  if (f.suppressed) j["suppression"] = ojson{{"kind", f.suppression_kind}, {"reason", f.suppression_reason}};
  return j;
}

ojson summary_json(const ScanReport& report) {
  ReportCounts c = count_findings(report);
  ojson j;
  j["findings"] = c.unsuppressed;
  for (Severity s : severities_descending()) j[to_string(s)] = c.of(s);
  j["suppressed"] = c.suppressed;
  j["targets"] = report.targets.size();
  j["diagnostics"] = report.diagnostics.items().size();
  return j;
}

class JsonReporter : public Reporter {
 public:
  std::string render(const ScanReport& report, const RenderOptions&) const override {
    ojson j;
    j["schema"] = kSchemaId;
    j["schema_version"] = kSchemaVersion;
    j["tool"] = ojson{{"name", report.tool_name}, {"version", report.tool_version}};
    j["command"] = report.command;
    j["targets"] = ojson::array();
    for (const ScanTarget& t : report.targets)
      j["targets"].push_back(ojson{{"path", t.path}, {"kind", t.kind}, {"parsed", t.parsed}});
    if (!report.images.empty()) {
      j["images"] = ojson::array();
      for (const ImageSummary& image : report.images) j["images"].push_back(image_json(image));
    }
    if (report.command == "image" || report.command == "sbom") {
      j["vulnerability_scan"] = vuln_scan_json(report.vulns);
      j["vulnerabilities"] = vulnerabilities_json(report.vulns);
    }
    j["findings"] = ojson::array();
    for (const Finding& f : report.findings) j["findings"].push_back(finding_json(f));
    j["diagnostics"] = ojson::array();
    for (const Diagnostic& d : report.diagnostics.items()) j["diagnostics"].push_back(diagnostic_json(d));
    j["summary"] = summary_json(report);
    // Invalid UTF-8 in input-derived text becomes U+FFFD instead of throwing.
    return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
  }
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter() { return std::make_unique<JsonReporter>(); }

}  // namespace customs
