#include "report/vuln_json.h"

#include "vulndb/severity.h"

namespace customs {

namespace {

ojson rating_json(const RatingView& r) {
  ojson j{{"source", r.rating.source}, {"type", r.rating.type}};
  if (!r.rating.vector.empty()) j["vector"] = r.rating.vector;
  if (!r.cvss_version.empty()) j["cvss_version"] = r.cvss_version;
  if (r.computed_score) j["score"] = *r.computed_score;
  if (r.rating.score) j["published_score"] = *r.rating.score;
  if (!r.rating.label.empty()) j["label"] = r.rating.label;
  j["severity"] = r.severity;
  if (!r.problem.empty()) j["problem"] = r.problem;
  return j;
}

ojson package_json(const Vulnerability& v) {
  ojson layer{{"index", v.layer_index},
              {"digest", v.layer_digest},
              {"created_by", v.layer_created_by},
              {"base_image", v.in_base_image}};
  ojson j{{"name", v.package_name}, {"version", v.installed_version}, {"type", purl_type(v.package_type)},
          {"purl", v.purl},         {"ref", v.package_ref},           {"path", v.path},
          {"layer", layer}};
  if (!v.os_owner.empty()) j["os_owner"] = v.os_owner;
  return j;
}

}  // namespace

ojson vulnerability_json(const Vulnerability& v) {
  ojson j;
  j["id"] = v.id;
  j["aliases"] = v.aliases;
  j["summary"] = v.summary;
  j["fingerprint"] = v.fingerprint;
  j["severity"] = v.severity;
  j["severity_source"] = v.severity_source;
  j["score"] = v.score ? ojson(*v.score) : ojson(nullptr);
  j["package"] = package_json(v);
  j["status"] = std::string(to_string(v.state));
  j["fixed_versions"] = v.fixed_versions;
  j["matched"] = ojson{{"ecosystem", v.ecosystem},
                       {"package", v.advisory_package},
                       {"sources", v.sources},
                       {"os_owned_language_match", v.matched_as_os_owned}};
  if (!v.note.empty()) j["note"] = v.note;
  j["ratings"] = ojson::array();
  for (const auto& r : v.ratings) j["ratings"].push_back(rating_json(r));
  j["kev"] = v.kev ? ojson{{"date_added", v.kev->date_added},
                           {"due_date", v.kev->due_date},
                           {"known_ransomware", v.kev->known_ransomware},
                           {"name", v.kev->name}}
                   : ojson(nullptr);
  j["epss"] = v.epss
                  ? ojson{{"score", v.epss->epss}, {"percentile", v.epss->percentile}, {"date", v.epss->date}}
                  : ojson(nullptr);
  j["references"] = v.references;
  j["suppressed"] = v.suppressed;
  if (v.suppressed) {
    j["suppression"] = ojson{{"kind", v.suppression_kind}, {"reason", v.suppression_reason}};
    if (!v.vex_justification.empty()) j["suppression"]["justification"] = v.vex_justification;
  }
  return j;
}

ojson vuln_scan_json(const VulnSection& s) {
  ojson j;
  j["scanned"] = s.scanned;
  if (!s.why.empty()) j["reason"] = s.why;
  j["database"] = s.database;
  j["stats"] = ojson{{"packages", s.stats.packages},
                     {"matched_packages", s.stats.matched_packages},
                     {"os_owned_skipped", s.stats.os_owned_skipped},
                     {"not_matchable", s.stats.not_matchable},
                     {"incomparable", s.stats.incomparable}};
  ojson counts{{"critical", 0}, {"high", 0}, {"medium", 0}, {"low", 0}, {"unknown", 0}, {"suppressed", 0}};
  for (const auto& v : s.items) {
    std::string key = v.suppressed ? "suppressed" : (severity_rank(v.severity) >= 2 ? v.severity : "unknown");
    counts[key] = counts[key].get<int>() + 1;
  }
  j["counts"] = counts;
  return j;
}

ojson vulnerabilities_json(const VulnSection& s) {
  ojson items = ojson::array();
  for (const auto& v : s.items) items.push_back(vulnerability_json(v));
  return items;
}

}  // namespace customs
