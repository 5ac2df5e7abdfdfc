// The Debian security tracker's JSON export: {"<source package>": {"CVE-...": {"description",
// "scope", "debianbug", "releases": {"<codename>": {"status", "repositories", "fixed_version",
// "urgency", "nodsa", "nodsa_reason"}}}}}. The tracker has already worked out every release's
// state, so each (package, release) becomes one Affected:
//   resolved, fixed_version V  -> introduced 0, fixed V (V "0": never affected -> not-affected)
//   open                       -> unfixed; no-dsa -> wont-fix ("ignored" too), "postponed" stays
//                                 unfixed with a note; urgency "end-of-life" -> end-of-life
//   undetermined               -> unfixed, noted as not yet triaged
#include <algorithm>
#include <unordered_map>

#include "core/strings.h"
#include "vulndb/import/debian.h"
#include "vulndb/import/feed_util.h"
#include "vulndb/import/parsers.h"

namespace customs {

namespace {

struct TrackerState {
  std::string_view name;
  Diagnostics& diags;
  JsonLines lines;
  FeedBatch batch;
  std::unordered_map<std::string, size_t> index;  // advisory id -> position in batch.advisories
  size_t records = 0;                             // (package, id) pairs understood
};

// The annotation kind the tracker's fields amount to, or "" for an unknown status.
std::string release_kind(const nlohmann::json& rel) {
  std::string status = json_str(rel, "status");
  if (status == "resolved") return "fixed";
  if (status == "undetermined") return "undetermined";
  if (status != "open") return {};
  std::string reason = json_str(rel, "nodsa_reason");
  if (reason == "ignored" || reason == "postponed") return reason;
  if (json_str(rel, "urgency") == "end-of-life") return "end-of-life";
  return json_str(rel, "nodsa").empty() ? "unfixed" : "no-dsa";
}

std::optional<Affected> release_affected(TrackerState& st, const std::string& package, const std::string& id,
                                         const std::string& codename, const nlohmann::json& rel) {
  std::vector<std::string> path{package, id, "releases", codename};
  std::optional<std::string> ecosystem = debian_ecosystem(codename);
  if (!ecosystem) {
    json_diag(st.diags, st.lines, st.name, path, "debian.unknown-release",
              "unknown Debian release \"" + codename + "\"; release skipped");
    return std::nullopt;
  }
  std::string kind = rel.is_object() ? release_kind(rel) : "";
  Affected a;
  a.ecosystem = *ecosystem;
  a.package = package;
  if (kind.empty() || !apply_debian_kind(kind, json_str(rel, "fixed_version"), a)) {
    json_diag(st.diags, st.lines, st.name, path, "debian.bad-release",
              "release entry without a known status (or resolved without fixed_version); release skipped");
    return std::nullopt;
  }
  std::string nodsa = json_str(rel, "nodsa");
  if (!nodsa.empty() && a.state != FixState::kAffected && a.state != FixState::kNotAffected)
    a.note = a.note.empty() ? nodsa : a.note + "; " + nodsa;
  std::string urgency = json_str(rel, "urgency");
  while (!urgency.empty() && urgency.back() == '*') urgency.pop_back();  // "low**": guessed from NVD
  a.severity_label = urgency;
  return a;
}

// The position of the advisory for `id`, made on first sight.
size_t advisory_for(TrackerState& st, const std::string& id, const nlohmann::json& rec) {
  auto [it, inserted] = st.index.emplace(id, st.batch.advisories.size());
  if (inserted) {
    Advisory adv;
    adv.id = id;
    adv.source = "debian-tracker";
    adv.summary = json_str(rec, "description");
    adv.references.push_back("https://security-tracker.debian.org/tracker/" + id);
    st.batch.advisories.push_back(std::move(adv));
  }
  Advisory& adv = st.batch.advisories[it->second];
  auto bug = rec.find("debianbug");
  if (bug != rec.end() && bug->is_number_unsigned()) {
    std::string url = "https://bugs.debian.org/" + std::to_string(bug->get<uint64_t>());
    if (std::find(adv.references.begin(), adv.references.end(), url) == adv.references.end())
      adv.references.push_back(std::move(url));
  }
  return it->second;
}

void read_record(TrackerState& st, const std::string& package, const std::string& id,
                 const nlohmann::json& rec) {
  const nlohmann::json* releases = json_object_at(rec, "releases");
  if (releases == nullptr) {
    json_diag(st.diags, st.lines, st.name, {package, id}, "debian.bad-record",
              "record has no \"releases\" object; skipped");
    return;
  }
  ++st.records;
  size_t at = advisory_for(st, id, rec);
  for (const auto& [codename, rel] : releases->items()) {
    if (std::optional<Affected> a = release_affected(st, package, id, codename, rel))
      st.batch.advisories[at].affected.push_back(std::move(*a));
  }
}

}  // namespace

Result<FeedBatch> parse_debian_tracker_json(std::string_view bytes, std::string_view name,
                                            Diagnostics& diags) {
  auto doc = parse_feed_json(bytes, name);
  if (!doc) return doc.error();
  if (!doc->is_object() || doc->empty())
    return feed_error(name, "not a Debian tracker JSON export: expected an object of source packages");
  TrackerState st{name, diags, JsonLines(strip_bom(bytes), 4), {}, {}};
  for (const auto& [package, records] : doc->items()) {
    if (!records.is_object()) {
      json_diag(diags, st.lines, name, {package}, "debian.bad-package",
                "package entry is not an object; skipped");
      continue;
    }
    for (const auto& [id, rec] : records.items()) read_record(st, package, id, rec);
  }
  if (st.records == 0)
    return feed_error(name, "not a Debian tracker JSON export: no package has a CVE record");
  for (Advisory& adv : st.batch.advisories) add_debian_urgency_rating(adv);
  return std::move(st.batch);
}

}  // namespace customs
