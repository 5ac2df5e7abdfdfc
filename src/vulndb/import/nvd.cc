// NVD CVE records as rating sources (CveRatings, not advisories: NVD names products by CPE, which
// customs does not match on). API 2.0: every metric of cvssMetricV40/V31/V30/V2 is kept, rated
// by "nvd" when its source is nvd@nist.gov and else by the source as NVD names it (the CNA's
// e-mail address or id). JSON 1.1 feeds: impact.baseMetricV3/V2, all NVD's own.
// CWEs: the "CWE-..." values (NVD-CWE-Other and NVD-CWE-noinfo say there is none).
#include <algorithm>
#include <array>

#include "vulndb/import/feed_util.h"
#include "vulndb/import/parsers.h"

namespace customs {

namespace {

struct MetricKind {
  std::string_view key;
  std::string_view type;
};
constexpr std::array<MetricKind, 4> kApi2Metrics{{
    {"cvssMetricV40", "CVSS_V4"},
    {"cvssMetricV31", "CVSS_V3"},
    {"cvssMetricV30", "CVSS_V3"},
    {"cvssMetricV2", "CVSS_V2"},
}};

std::optional<double> json_number(const nlohmann::json& obj, std::string_view key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

void add_cwe(CveRatings& r, const std::string& value) {
  if (value.starts_with("CWE-") && std::find(r.cwes.begin(), r.cwes.end(), value) == r.cwes.end())
    r.cwes.push_back(value);
}

// The English text of a [{"lang", "value"}] list ("" when there is none).
std::string english(const nlohmann::json* list) {
  if (list == nullptr) return {};
  for (const auto& d : *list) {
    if (json_str(d, "lang") == "en") return json_str(d, "value");
  }
  return {};
}

SeverityRating api2_rating(const nlohmann::json& metric, std::string_view type) {
  SeverityRating r;
  std::string source = json_str(metric, "source");
  r.source = source == "nvd@nist.gov" || source.empty() ? "nvd" : source;
  r.type = std::string(type);
  const nlohmann::json* data = json_object_at(metric, "cvssData");
  if (data != nullptr) {
    r.vector = json_str(*data, "vectorString");
    r.score = json_number(*data, "baseScore");
    r.label = json_str(*data, "baseSeverity");
  }
  if (r.label.empty()) r.label = json_str(metric, "baseSeverity");  // V2 keeps it beside cvssData
  return r;
}

// One API 2.0 "cve" object; nullopt when it has no CVE id.
std::optional<CveRatings> api2_cve(const nlohmann::json& cve) {
  CveRatings r;
  r.cve = json_str(cve, "id");
  if (r.cve.empty()) return std::nullopt;
  r.published = json_str(cve, "published");
  r.modified = json_str(cve, "lastModified");
  r.description = english(json_array_at(cve, "descriptions"));
  if (const nlohmann::json* metrics = json_object_at(cve, "metrics")) {
    for (const MetricKind& k : kApi2Metrics) {
      const nlohmann::json* list = json_array_at(*metrics, k.key);
      for (const auto& m : list ? *list : nlohmann::json::array())
        r.ratings.push_back(api2_rating(m, k.type));
    }
  }
  const nlohmann::json* weaknesses = json_array_at(cve, "weaknesses");
  for (const auto& w : weaknesses ? *weaknesses : nlohmann::json::array()) {
    const nlohmann::json* descs = json_array_at(w, "description");
    for (const auto& d : descs ? *descs : nlohmann::json::array()) add_cwe(r, json_str(d, "value"));
  }
  return r;
}

// A 1.1 baseMetricV3/V2 object: {"cvssV3": {...}, ...} or {"cvssV2": {...}, "severity"}.
void add_11_metric(CveRatings& r, const nlohmann::json& impact, std::string_view key, std::string_view inner,
                   std::string_view type) {
  const nlohmann::json* metric = json_object_at(impact, key);
  const nlohmann::json* data = metric ? json_object_at(*metric, inner) : nullptr;
  if (data == nullptr) return;
  SeverityRating s;
  s.source = "nvd";
  s.type = std::string(type);
  s.vector = json_str(*data, "vectorString");
  s.score = json_number(*data, "baseScore");
  s.label = json_str(*data, "baseSeverity");
  if (s.label.empty()) s.label = json_str(*metric, "severity");
  r.ratings.push_back(std::move(s));
}

std::optional<CveRatings> item_11(const nlohmann::json& item) {
  const nlohmann::json* cve = json_object_at(item, "cve");
  const nlohmann::json* meta = cve ? json_object_at(*cve, "CVE_data_meta") : nullptr;
  CveRatings r;
  r.cve = meta ? json_str(*meta, "ID") : "";
  if (r.cve.empty()) return std::nullopt;
  r.published = json_str(item, "publishedDate");
  r.modified = json_str(item, "lastModifiedDate");
  const nlohmann::json* desc = json_object_at(*cve, "description");
  r.description = english(desc ? json_array_at(*desc, "description_data") : nullptr);
  if (const nlohmann::json* impact = json_object_at(item, "impact")) {
    add_11_metric(r, *impact, "baseMetricV3", "cvssV3", "CVSS_V3");
    add_11_metric(r, *impact, "baseMetricV2", "cvssV2", "CVSS_V2");
  }
  const nlohmann::json* pt = json_object_at(*cve, "problemtype");
  const nlohmann::json* ptd = pt ? json_array_at(*pt, "problemtype_data") : nullptr;
  for (const auto& p : ptd ? *ptd : nlohmann::json::array()) {
    const nlohmann::json* descs = json_array_at(p, "description");
    for (const auto& d : descs ? *descs : nlohmann::json::array()) add_cwe(r, json_str(d, "value"));
  }
  return r;
}

}  // namespace

Result<FeedBatch> parse_nvd_api2(std::string_view bytes, std::string_view name, Diagnostics& diags) {
  auto doc = parse_feed_json(bytes, name);
  if (!doc) return doc.error();
  FeedBatch batch;
  if (const nlohmann::json* vulns = json_array_at(*doc, "vulnerabilities")) {
    JsonLines lines(strip_bom(bytes), 2);
    for (size_t i = 0; i < vulns->size(); ++i) {
      const nlohmann::json* cve = json_object_at((*vulns)[i], "cve");
      std::optional<CveRatings> r = cve ? api2_cve(*cve) : std::nullopt;
      if (!r) {
        json_diag(diags, lines, name, {"vulnerabilities", std::to_string(i)}, "nvd.bad-record",
                  "entry without a \"cve\" object with an \"id\"; skipped");
        continue;
      }
      batch.cve_ratings.push_back(std::move(*r));
    }
    return batch;
  }
  bool cve_object = doc->is_object() && (doc->contains("metrics") || doc->contains("descriptions"));
  std::optional<CveRatings> one = cve_object ? api2_cve(*doc) : std::nullopt;
  if (!one)
    return feed_error(name,
                      "not an NVD API 2.0 response: expected \"vulnerabilities\" or one CVE object (\"id\", "
                      "\"descriptions\", \"metrics\")");
  batch.cve_ratings.push_back(std::move(*one));
  return batch;
}

Result<FeedBatch> parse_nvd_11(std::string_view bytes, std::string_view name, Diagnostics& diags) {
  auto doc = parse_feed_json(bytes, name);
  if (!doc) return doc.error();
  const nlohmann::json* items = json_array_at(*doc, "CVE_Items");
  if (items == nullptr) return feed_error(name, "not an NVD 1.1 feed: expected a \"CVE_Items\" array");
  JsonLines lines(strip_bom(bytes), 2);
  FeedBatch batch;
  for (size_t i = 0; i < items->size(); ++i) {
    std::optional<CveRatings> r = item_11((*items)[i]);
    if (!r) {
      json_diag(diags, lines, name, {"CVE_Items", std::to_string(i)}, "nvd.bad-record",
                "item without cve.CVE_data_meta.ID; skipped");
      continue;
    }
    batch.cve_ratings.push_back(std::move(*r));
  }
  return batch;
}

}  // namespace customs
