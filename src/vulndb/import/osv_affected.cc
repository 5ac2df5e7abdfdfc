// OSV "affected" entries: the package, its ranges (events checked as the spec requires) and
// versions, and the per-package severity some databases attach.
#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "vulndb/import/osv_read.h"

namespace customs::osv {
namespace {

constexpr std::array<std::pair<std::string_view, RangeEvent::Kind>, 4> kEventKinds = {{
    {"introduced", RangeEvent::Kind::kIntroduced},
    {"fixed", RangeEvent::Kind::kFixed},
    {"last_affected", RangeEvent::Kind::kLastAffected},
    {"limit", RangeEvent::Kind::kLimit},
}};

// Where a package's own severity word is, in the order looked at: Ubuntu and others put
// "severity" in one of the *_specific objects, Debian its "urgency".
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kPackageSeverityFields = {{
    {"ecosystem_specific", "severity"},
    {"database_specific", "severity"},
    {"ecosystem_specific", "urgency"},
}};

// An event is an object with exactly one of the four kinds, whose value is a string; other
// members are ignored. The reason it is not, or "".
std::string read_event(const Node& n, RangeEvent& out) {
  if (n.kind != Node::Kind::kMap) return std::string("an event must be an object, found ") + describe(n);
  int kinds = 0;
  for (const auto& [key, kind] : kEventKinds) {
    const Node* v = n.find(key);
    if (v == nullptr) continue;
    if (++kinds > 1) return "an event must have exactly one of introduced, fixed, last_affected, limit";
    if (!v->is_string()) return std::string("event ") + std::string(key) + " must be a string";
    out = RangeEvent{kind, v->text};
  }
  if (kinds == 0) return "an event must have one of introduced, fixed, last_affected, limit";
  return {};
}

// Events in the order given; a range with a bad event or without an introduced event is
// invalid (diagnosed, nullopt), as the spec says.
std::optional<AffectedRange> read_range(const Node& n, const std::string& path, ReadContext& ctx) {
  if (n.kind != Node::Kind::kMap) {
    ctx.warn(n, path, "osv.bad-range", std::string("expected an object, found ") + describe(n) + "; skipped");
    return std::nullopt;
  }
  AffectedRange range;
  ctx.read_string(n, "type", path, range.type);
  ctx.read_string(n, "repo", path, range.repo);
  const std::string events_path = child_path(path, "events");
  if (const std::vector<Node>* events = ctx.list_at(n, "events", path)) {
    for (size_t i = 0; i < events->size(); ++i) {
      std::string problem = read_event((*events)[i], range.events.emplace_back());
      if (problem.empty()) continue;
      ctx.warn((*events)[i], item_path(events_path, i), "osv.bad-event", problem + "; range skipped");
      return std::nullopt;
    }
  }
  bool introduced = std::any_of(range.events.begin(), range.events.end(),
                                [](const RangeEvent& e) { return e.kind == RangeEvent::Kind::kIntroduced; });
  if (!introduced) {
    ctx.warn(n, path, "osv.no-introduced", "range has no introduced event; skipped");
    return std::nullopt;
  }
  if (range.type.empty()) ctx.warn(n, path, "osv.range-without-type", "range has no type");
  if (range.type == "GIT" && range.repo.empty())
    ctx.warn(n, path, "osv.git-without-repo", "GIT range has no repo");
  return range;
}

void read_package(const Node& n, const std::string& path, ReadContext& ctx, Affected& out) {
  const std::string package_path = child_path(path, "package");
  const Node* package = ctx.map_at(n, "package", path);
  if (package == nullptr) return;  // allowed by the spec for GIT-only entries
  ctx.read_string(*package, "ecosystem", package_path, out.ecosystem);
  ctx.read_string(*package, "name", package_path, out.package);
  ctx.read_string(*package, "purl", package_path, out.purl);
}

// A string severity word in the *_specific objects; these are free-form, so other shapes are
// not diagnosed.
std::string package_severity_word(const Node& n) {
  for (const auto& [object, field] : kPackageSeverityFields) {
    const Node* o = n.find(object);
    const Node* v = o != nullptr ? o->find(field) : nullptr;
    if (v != nullptr && v->is_string() && !v->text.empty()) return v->text;
  }
  return {};
}

bool same_rating(const SeverityRating& a, const SeverityRating& b) {
  return a.source == b.source && a.type == b.type && a.vector == b.vector && a.label == b.label;
}

void read_package_severities(const Node& n, const std::string& path, std::string_view rater, ReadContext& ctx,
                             Affected& out, std::vector<SeverityRating>& record_severities) {
  const std::string severity_path = child_path(path, "severity");
  const std::vector<Node>* entries = ctx.list_at(n, "severity", path);
  for (size_t i = 0; entries != nullptr && i < entries->size(); ++i) {
    SeverityRating rating;
    if (!read_severity((*entries)[i], item_path(severity_path, i), rater, ctx, rating)) continue;
    if (rating.type == "text") {
      out.severity_label = rating.label;
    } else if (std::none_of(record_severities.begin(), record_severities.end(),
                            [&](const SeverityRating& r) { return same_rating(r, rating); })) {
      record_severities.push_back(std::move(rating));
    }
  }
  if (out.severity_label.empty()) out.severity_label = package_severity_word(n);
}

}  // namespace

bool read_affected(const Node& n, const std::string& path, std::string_view rater, ReadContext& ctx,
                   Affected& out, std::vector<SeverityRating>& record_severities) {
  if (n.kind != Node::Kind::kMap) {
    ctx.warn(n, path, "osv.bad-affected",
             std::string("expected an object, found ") + describe(n) + "; skipped");
    return false;
  }
  read_package(n, path, ctx, out);
  const std::string ranges_path = child_path(path, "ranges");
  if (const std::vector<Node>* ranges = ctx.list_at(n, "ranges", path)) {
    for (size_t i = 0; i < ranges->size(); ++i) {
      if (auto range = read_range((*ranges)[i], item_path(ranges_path, i), ctx))
        out.ranges.push_back(std::move(*range));
    }
  }
  out.versions = ctx.strings_at(n, "versions", path);
  read_package_severities(n, path, rater, ctx, out, record_severities);
  return true;
}

}  // namespace customs::osv
