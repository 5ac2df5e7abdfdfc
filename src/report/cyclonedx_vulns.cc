#include "report/cyclonedx_vulns.h"

#include <algorithm>

#include "core/strings.h"

namespace customs {

namespace {

std::string method_of(const RatingView& r) {
  if (r.cvss_version == "2.0") return "CVSSv2";
  if (r.cvss_version == "3.0") return "CVSSv3";
  if (r.cvss_version == "3.1") return "CVSSv31";
  if (r.cvss_version == "4.0") return "CVSSv4";
  return "other";
}

// CycloneDX severities: critical, high, medium, low, info, none, unknown.
std::string cdx_severity(const std::string& s) {
  for (std::string_view known : {"critical", "high", "medium", "low", "none"}) {
    if (s == known) return s;
  }
  return "unknown";
}

ojson rating_json(const RatingView& r) {
  ojson j{{"source", {{"name", r.rating.source}}}};
  if (r.computed_score) j["score"] = *r.computed_score;
  j["severity"] = cdx_severity(r.severity);
  j["method"] = method_of(r);
  if (!r.rating.vector.empty()) j["vector"] = r.rating.vector;
  if (!r.rating.label.empty() && !r.computed_score)
    j["justification"] = "the source's own word: " + r.rating.label;
  return j;
}

std::string source_name(std::string_view id) {
  if (id.starts_with("CVE-")) return "NVD";
  if (id.starts_with("GHSA-")) return "GitHub";
  if (id.starts_with("GO-")) return "Go";
  if (id.starts_with("PYSEC-")) return "PyPA";
  if (id.starts_with("DSA-") || id.starts_with("DLA-")) return "Debian";
  return "OSV";
}

ojson entry_for(const Vulnerability& v) {
  ojson j{{"bom-ref", "vuln:" + v.id}, {"id", v.id}, {"source", {{"name", source_name(v.id)}}}};
  ojson refs = ojson::array();
  for (const auto& a : v.aliases) refs.push_back({{"id", a}, {"source", {{"name", source_name(a)}}}});
  if (!refs.empty()) j["references"] = refs;
  ojson ratings = ojson::array();
  for (const auto& r : v.ratings) ratings.push_back(rating_json(r));
  j["ratings"] = ratings;
  if (!v.summary.empty()) j["description"] = v.summary;
  if (!v.fixed_versions.empty())
    j["recommendation"] = "Upgrade " + v.package_name + " to " + v.fixed_versions.front();
  ojson advisories = ojson::array();
  for (const auto& url : v.references) advisories.push_back({{"url", url}});
  if (!advisories.empty()) j["advisories"] = advisories;
  j["affects"] = ojson::array();
  if (v.suppressed) {
    j["analysis"] = ojson{{"state", v.suppression_kind == "vex" ? "not_affected" : "in_triage"},
                          {"detail", v.suppression_kind + ": " + v.suppression_reason}};
  }
  j["properties"] = ojson::array({{{"name", "customs:severity_source"}, {"value", v.severity_source}}});
  if (v.kev) j["properties"].push_back({{"name", "customs:kev_date_added"}, {"value", v.kev->date_added}});
  if (v.epss) j["properties"].push_back({{"name", "customs:epss"}, {"value", std::to_string(v.epss->epss)}});
  return j;
}

}  // namespace

ojson cyclonedx_vulnerabilities(const VulnSection& s,
                                const std::map<std::string, std::string>& component_ref) {
  ojson out = ojson::array();
  std::map<std::string, size_t> by_id;
  for (const auto& v : s.items) {
    auto [it, inserted] = by_id.emplace(v.id, out.size());
    if (inserted) out.push_back(entry_for(v));
    auto ref = component_ref.find(v.package_ref);
    if (ref == component_ref.end()) continue;
    ojson& affects = out[it->second]["affects"];
    bool listed =
        std::any_of(affects.begin(), affects.end(), [&](const ojson& a) { return a["ref"] == ref->second; });
    if (!listed)
      affects.push_back(
          {{"ref", ref->second},
           {"versions", ojson::array({{{"version", v.installed_version}, {"status", "affected"}}})}});
  }
  return out;
}

}  // namespace customs
