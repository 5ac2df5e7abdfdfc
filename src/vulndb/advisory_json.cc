#include "vulndb/advisory_json.h"

#include <nlohmann/json.hpp>

namespace customs {

namespace {

using nlohmann::json;

constexpr std::string_view kEventNames[] = {"introduced", "fixed", "last_affected", "limit"};

json rating_json(const SeverityRating& r) {
  json j = {{"source", r.source}, {"type", r.type}};
  if (!r.vector.empty()) j["score"] = r.vector;  // OSV's name for the vector
  if (r.score) j["published_score"] = *r.score;
  if (!r.label.empty()) j["label"] = r.label;
  return j;
}

json affected_json(const Affected& a) {
  json ranges = json::array();
  for (const auto& r : a.ranges) {
    json events = json::array();
    for (const auto& e : r.events) events.push_back({{std::string(to_string(e.kind)), e.version}});
    json jr = {{"type", r.type}, {"events", events}};
    if (!r.repo.empty()) jr["repo"] = r.repo;
    ranges.push_back(std::move(jr));
  }
  json j = {{"package", {{"ecosystem", a.ecosystem}, {"name", a.package}}}, {"ranges", ranges}};
  if (!a.purl.empty()) j["package"]["purl"] = a.purl;
  if (!a.versions.empty()) j["versions"] = a.versions;
  if (a.state != FixState::kAffected) j["state"] = std::string(to_string(a.state));
  if (!a.note.empty()) j["note"] = a.note;
  if (!a.severity_label.empty()) j["severity_label"] = a.severity_label;
  return j;
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

SeverityRating rating_from(const json& j) {
  SeverityRating r{str(j, "source"), str(j, "type"), str(j, "score"), std::nullopt, str(j, "label")};
  if (auto it = j.find("published_score"); it != j.end() && it->is_number()) r.score = it->get<double>();
  return r;
}

std::optional<RangeEvent> event_from(const json& e) {
  if (!e.is_object() || e.size() != 1) return std::nullopt;
  for (size_t k = 0; k < std::size(kEventNames); ++k) {
    auto it = e.find(std::string(kEventNames[k]));
    if (it != e.end() && it->is_string())
      return RangeEvent{static_cast<RangeEvent::Kind>(k), it->get<std::string>()};
  }
  return std::nullopt;
}

Affected affected_from(const json& j) {
  Affected a;
  if (auto p = j.find("package"); p != j.end() && p->is_object()) {
    a.ecosystem = str(*p, "ecosystem");
    a.package = str(*p, "name");
    a.purl = str(*p, "purl");
  }
  if (auto rs = j.find("ranges"); rs != j.end() && rs->is_array()) {
    for (const auto& jr : *rs) {
      AffectedRange r{str(jr, "type"), str(jr, "repo"), {}};
      if (auto es = jr.find("events"); es != jr.end() && es->is_array()) {
        for (const auto& e : *es) {
          if (auto ev = event_from(e)) r.events.push_back(std::move(*ev));
        }
      }
      a.ranges.push_back(std::move(r));
    }
  }
  a.versions = strings(j, "versions");
  a.state = fix_state_from(str(j, "state")).value_or(FixState::kAffected);
  a.note = str(j, "note");
  a.severity_label = str(j, "severity_label");
  return a;
}

}  // namespace

std::string_view to_string(RangeEvent::Kind k) { return kEventNames[static_cast<size_t>(k)]; }

std::string advisory_to_json(const Advisory& a) {
  json j = {{"id", a.id}, {"source", a.source}};
  if (!a.aliases.empty()) j["aliases"] = a.aliases;
  if (!a.related.empty()) j["related"] = a.related;
  if (!a.summary.empty()) j["summary"] = a.summary;
  if (!a.details.empty()) j["details"] = a.details;
  if (!a.published.empty()) j["published"] = a.published;
  if (!a.modified.empty()) j["modified"] = a.modified;
  if (!a.withdrawn.empty()) j["withdrawn"] = a.withdrawn;
  json sev = json::array();
  for (const auto& r : a.severities) sev.push_back(rating_json(r));
  if (!sev.empty()) j["severity"] = sev;
  json aff = json::array();
  for (const auto& x : a.affected) aff.push_back(affected_json(x));
  j["affected"] = aff;
  if (!a.references.empty()) j["references"] = a.references;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Advisory> advisory_from_json(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || str(j, "id").empty())
    return make_error(ErrorKind::kInvalidInput, "stored advisory is not valid JSON with an id");
  Advisory a;
  a.id = str(j, "id");
  a.source = str(j, "source");
  a.aliases = strings(j, "aliases");
  a.related = strings(j, "related");
  a.summary = str(j, "summary");
  a.details = str(j, "details");
  a.published = str(j, "published");
  a.modified = str(j, "modified");
  a.withdrawn = str(j, "withdrawn");
  a.references = strings(j, "references");
  if (auto s = j.find("severity"); s != j.end() && s->is_array()) {
    for (const auto& r : *s) a.severities.push_back(rating_from(r));
  }
  if (auto s = j.find("affected"); s != j.end() && s->is_array()) {
    for (const auto& x : *s) a.affected.push_back(affected_from(x));
  }
  return a;
}

std::string cve_ratings_to_json(const CveRatings& r) {
  json ratings = json::array();
  for (const auto& x : r.ratings) ratings.push_back(rating_json(x));
  json j = {{"cve", r.cve},           {"published", r.published},
            {"modified", r.modified}, {"description", r.description},
            {"ratings", ratings},     {"cwes", r.cwes}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<CveRatings> cve_ratings_from_json(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return make_error(ErrorKind::kInvalidInput, "stored CVE ratings are not JSON");
  CveRatings r{str(j, "cve"),     str(j, "published"), str(j, "modified"), str(j, "description"), {},
               strings(j, "cwes")};
  if (auto s = j.find("ratings"); s != j.end() && s->is_array()) {
    for (const auto& x : *s) r.ratings.push_back(rating_from(x));
  }
  return r;
}

std::string kev_to_json(const KevEntry& k) {
  json j = {{"cve", k.cve},
            {"vendor", k.vendor},
            {"product", k.product},
            {"name", k.name},
            {"date_added", k.date_added},
            {"due_date", k.due_date},
            {"known_ransomware", k.known_ransomware},
            {"required_action", k.required_action}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<KevEntry> kev_from_json(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return make_error(ErrorKind::kInvalidInput, "stored KEV entry is not JSON");
  return KevEntry{
      str(j, "cve"),        str(j, "vendor"),   str(j, "product"),          str(j, "name"),
      str(j, "date_added"), str(j, "due_date"), str(j, "known_ransomware"), str(j, "required_action")};
}

}  // namespace customs
