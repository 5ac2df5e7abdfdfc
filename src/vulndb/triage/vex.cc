#include "vulndb/triage/vex.h"

#include <optional>
#include <tuple>
#include <unordered_map>

#include "core/strings.h"
#include "vulndb/triage/vex_read.h"

namespace customs {

namespace triage {

Instant statement_time(const std::vector<std::string>& candidates, Instant fallback, VexDocument& doc,
                       int line) {
  for (const std::string& text : candidates) {
    if (text.empty()) continue;
    if (auto t = parse_instant(text)) return *t;
    vex_diag(doc, line, "vex.bad-timestamp", "'" + text + "' is not an RFC 3339 date-time; ignored");
  }
  return fallback;
}

void vex_diag(VexDocument& doc, int line, std::string code, std::string message) {
  doc.diagnostics.warning(std::move(code), std::move(message), feed_location(doc.name, line));
}

}  // namespace triage

namespace {

using nlohmann::json;

bool is_openvex(const json& root) {
  auto it = root.find("@context");
  if (it == root.end()) return false;
  auto names_openvex = [](const json& c) {
    return c.is_string() && c.get<std::string>().rfind("https://openvex.dev/ns", 0) == 0;
  };
  if (names_openvex(*it)) return true;
  if (it->is_array())
    for (const json& c : *it)
      if (names_openvex(c)) return true;
  return false;
}

// A purl a statement names. A subcomponent is inside its product, which must be the scanned
// artifact when the caller names one (a product without a purl cannot be checked and is accepted).
struct Pattern {
  PackageUrl purl;
  bool subcomponent = false;
  std::optional<PackageUrl> product;
};

struct Indexed {
  const VexStatement* statement = nullptr;
  std::string_view document;                          // its name, for notes
  std::tuple<triage::Instant, size_t, size_t> order;  // time, then document, then position
  std::vector<Pattern> patterns;
  bool matched = false;  // named at least one finding
  bool used = false;     // decided at least one finding
};

void add_pattern(Indexed& ix, const std::string& purl, bool subcomponent,
                 const std::optional<PackageUrl>& product, VexOutcome& out) {
  auto parsed = parse_purl(purl);
  if (!parsed.ok()) {
    out.diagnostics.warning("vex.bad-purl", parsed.error().message + "; left out",
                            feed_location(ix.document, ix.statement->line));
    return;
  }
  ix.patterns.push_back({*parsed, subcomponent, product});
}

Indexed index_statement(const VexDocument& doc, size_t d, size_t s, VexOutcome& out) {
  const VexStatement& st = doc.statements[s];
  Indexed ix{&st, doc.name, {st.time, d, s}, {}};
  for (const VexProduct& p : st.products) {
    if (p.subcomponents.empty()) {
      if (!p.purl.empty()) add_pattern(ix, p.purl, false, std::nullopt, out);
      continue;
    }
    std::optional<PackageUrl> product;
    if (auto parsed = parse_purl(p.purl); parsed.ok()) product = *parsed;
    for (const std::string& sub : p.subcomponents) add_pattern(ix, sub, true, product, out);
  }
  return ix;
}

// 0: the statement does not name the finding's package; 1: it does, without a version; 2: with
// the installed version.
int names_package(const Indexed& ix, const PackageUrl& found, const std::optional<PackageUrl>& artifact) {
  int best = 0;
  for (const Pattern& p : ix.patterns) {
    if (p.subcomponent && artifact && p.product && !triage::purl_matches(*p.product, *artifact)) continue;
    if (triage::purl_matches(p.purl, found)) best = std::max(best, p.purl.version.empty() ? 1 : 2);
  }
  return best;
}

// The statement that decides a finding: the latest of those naming its id and package.
Indexed* deciding_statement(const Vulnerability& v, const PackageUrl& found, std::vector<Indexed>& statements,
                            const std::unordered_map<std::string, std::vector<size_t>>& by_id,
                            const std::optional<PackageUrl>& artifact, int& named_out) {
  Indexed* best = nullptr;
  std::vector<std::string> ids = v.aliases;
  ids.push_back(v.id);
  for (const std::string& id : ids) {
    auto hit = by_id.find(to_upper(id));
    if (hit == by_id.end()) continue;
    for (size_t i : hit->second) {
      int named = names_package(statements[i], found, artifact);
      if (named == 0) continue;
      statements[i].matched = true;
      if (best == nullptr || best->order < statements[i].order) {
        best = &statements[i];
        named_out = named;
      }
    }
  }
  return best;
}

std::string reason_of(const VexStatement& st) {
  std::vector<std::string> parts;
  for (const std::string* s : {&st.status_text, &st.justification, &st.impact_statement})
    if (!s->empty()) parts.push_back(*s);
  return join(parts, ": ");
}

// Suppresses a finding when the deciding statement says it is not affected, or fixed in exactly
// the installed version; a finding already suppressed keeps its first suppression.
void suppress(Vulnerability& v, const VexStatement& st, int named, VexOutcome& out) {
  bool not_affected = st.status == VexStatus::kNotAffected || (st.status == VexStatus::kFixed && named == 2);
  if (!not_affected || v.suppressed) return;
  v.suppressed = true;
  v.suppression_kind = "vex";
  v.suppression_reason = reason_of(st);
  v.vex_justification = st.justification;
  ++out.suppressed;
}

void note_unused(const Indexed& ix, VexOutcome& out) {
  std::string what =
      "the statement on " + ix.statement->vulnerability + " (" + ix.statement->status_text + ")";
  out.diagnostics.add(DiagLevel::kNote, "vex.unused",
                      what + (ix.matched ? " is overridden by later statements" : " matches no finding"),
                      feed_location(ix.document, ix.statement->line));
}

VexOutcome apply_all(const std::vector<const VexDocument*>& documents,
                     std::vector<Vulnerability>& vulnerabilities, const VexOptions& options) {
  VexOutcome out;
  std::vector<Indexed> statements;
  std::unordered_map<std::string, std::vector<size_t>> by_id;
  for (size_t d = 0; d < documents.size(); ++d) {
    for (size_t s = 0; s < documents[d]->statements.size(); ++s) {
      statements.push_back(index_statement(*documents[d], d, s, out));
      const VexStatement& st = documents[d]->statements[s];
      by_id[to_upper(st.vulnerability)].push_back(statements.size() - 1);
      for (const auto& a : st.aliases)
        if (!iequals(a, st.vulnerability)) by_id[to_upper(a)].push_back(statements.size() - 1);
    }
  }
  std::optional<PackageUrl> artifact;
  if (auto parsed = parse_purl(options.artifact_purl); parsed.ok()) artifact = *parsed;
  for (Vulnerability& v : vulnerabilities) {
    auto found = parse_purl(v.purl);
    int named = 0;
    Indexed* best = found.ok() ? deciding_statement(v, *found, statements, by_id, artifact, named) : nullptr;
    if (best == nullptr) continue;
    best->used = true;
    suppress(v, *best->statement, named, out);
  }
  for (const Indexed& ix : statements) {
    if (ix.used) {
      ++out.statements_used;
    } else {
      ++out.statements_unused;
      note_unused(ix, out);
    }
  }
  return out;
}

}  // namespace

Result<VexDocument> parse_vex(std::string_view bytes, std::string_view name) {
  auto root = parse_feed_json(bytes, name);
  if (!root.ok()) return root.error();
  VexDocument doc;
  doc.name = std::string(name);
  JsonLines lines(strip_bom(bytes), 3);
  if (root->is_object() && is_openvex(*root)) {
    triage::read_openvex(*root, lines, doc);
  } else if (root->is_object() && json_str(*root, "bomFormat") == "CycloneDX") {
    triage::read_cyclonedx_vex(*root, lines, doc);
  } else {
    return feed_error(name,
                      "neither an OpenVEX document (\"@context\": \"https://openvex.dev/ns/...\") nor a "
                      "CycloneDX BOM (\"bomFormat\": \"CycloneDX\"): not a VEX document");
  }
  return doc;
}

VexOutcome apply_vex(const std::vector<VexDocument>& documents, std::vector<Vulnerability>& vulnerabilities,
                     const VexOptions& options) {
  std::vector<const VexDocument*> all;
  all.reserve(documents.size());
  for (const VexDocument& d : documents) all.push_back(&d);
  return apply_all(all, vulnerabilities, options);
}

VexOutcome apply_vex(const VexDocument& document, std::vector<Vulnerability>& vulnerabilities,
                     const VexOptions& options) {
  return apply_all({&document}, vulnerabilities, options);
}

}  // namespace customs
