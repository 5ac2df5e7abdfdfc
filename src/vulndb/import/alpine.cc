// Alpine secdb (secdb.alpinelinux.org/v3.19/main.json): {"distroversion": "v3.19", "reponame":
// "main", "packages": [{"pkg": {"name": "<origin>", "secfixes": {"1.2.3-r0": ["CVE-..."]}}}]},
// and the one-package files of vuln-list/alpine ({"name", "secfixes", "distroversion"}).
// A secfixes key is the first version with the fix; "0" means the package was never affected.
// The id strings are free text, with known quirks: several ids in one string ("CVE-2024-22195
// GHSA-h5c8-rqwp-cp95": one CVE with its GHSA alias; "CVE-A CVE-B": two vulnerabilities),
// remarks in parentheses ("CVE-2017-2616 (+ regression fix)"), non-CVE ids (XSA-, GHSA-,
// ALPINE-). A CVE listed under two versions of a package (a fix, then a regression fix) gets one
// Affected row per version.
#include <algorithm>
#include <unordered_map>

#include "core/strings.h"
#include "vulndb/import/feed_util.h"
#include "vulndb/import/parsers.h"

namespace customs {

namespace {

struct AlpineState {
  std::string_view name;
  Diagnostics& diags;
  JsonLines lines;
  std::string ecosystem;  // "Alpine:v3.19"
  FeedBatch batch;
  std::unordered_map<std::string, size_t> index;  // advisory id -> position
  size_t packages = 0;
};

// "CVE-2021-1234", "GHSA-h5c8-rqwp-cp95", "XSA-251", "ALPINE-13661": letters, '-', then a body.
bool looks_like_id(std::string_view s) {
  size_t dash = s.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash + 1 >= s.size()) return false;
  auto upper_alnum = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  auto body = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
  };
  return std::all_of(s.begin(), s.begin() + dash, upper_alnum) &&
         std::all_of(s.begin() + dash + 1, s.end(), body);
}

// The ids of one secfixes string, remarks in parentheses dropped; empty when there is none.
std::vector<std::string> ids_of(std::string_view text) {
  std::string cleaned;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    if (depth == 0) cleaned += (c == ',' || c == ';') ? ' ' : c;
    if (c == ')' && depth > 0) --depth;
  }
  std::vector<std::string> ids;
  for (std::string& word : split_whitespace(cleaned)) {
    if (to_upper(word).starts_with("CVE-")) word = to_upper(word);
    if (!looks_like_id(word)) return {};
    ids.push_back(std::move(word));
  }
  return ids;
}

void add_affected(AlpineState& st, const std::string& id, const std::vector<std::string>& aliases,
                  const std::string& package, const std::string& version) {
  auto [it, inserted] = st.index.emplace(id, st.batch.advisories.size());
  if (inserted) {
    Advisory adv;
    adv.id = id;
    adv.source = "alpine-secdb";
    st.batch.advisories.push_back(std::move(adv));
  }
  Advisory& adv = st.batch.advisories[it->second];
  for (const std::string& a : aliases) {
    if (a != id && std::find(adv.aliases.begin(), adv.aliases.end(), a) == adv.aliases.end())
      adv.aliases.push_back(a);
  }
  Affected aff;
  aff.ecosystem = st.ecosystem;
  aff.package = package;
  if (version == "0") {
    aff.state = FixState::kNotAffected;
  } else {
    AffectedRange r;
    r.type = "ECOSYSTEM";
    r.events = {RangeEvent{RangeEvent::Kind::kIntroduced, "0"},
                RangeEvent{RangeEvent::Kind::kFixed, version}};
    aff.ranges.push_back(std::move(r));
  }
  adv.affected.push_back(std::move(aff));
}

// One "<version>": ["<ids>", ...] member; `path` locates it for diagnostics.
void read_fix(AlpineState& st, const std::string& package, const std::string& version,
              const nlohmann::json& ids, const std::vector<std::string>& path) {
  if (version.empty() || !ids.is_array()) {
    json_diag(st.diags, st.lines, st.name, path, "alpine.bad-secfix",
              "secfixes entry is not \"version\": [ids]");
    return;
  }
  for (const auto& entry : ids) {
    std::vector<std::string> found =
        entry.is_string() ? ids_of(entry.get<std::string>()) : std::vector<std::string>{};
    if (found.empty()) {
      json_diag(st.diags, st.lines, st.name, path, "alpine.bad-id",
                "not a vulnerability id: " + entry.dump() + "; skipped");
      continue;
    }
    size_t cves =
        std::count_if(found.begin(), found.end(), [](const std::string& s) { return s.starts_with("CVE-"); });
    if (cves == 1 && found.front().starts_with("CVE-")) {
      add_affected(st, found.front(), found, package, version);  // one CVE and its aliases
    } else {
      for (const std::string& id : found) add_affected(st, id, {}, package, version);
    }
  }
}

void read_package(AlpineState& st, const nlohmann::json& pkg, std::vector<std::string> path) {
  std::string package = json_str(pkg, "name");
  const nlohmann::json* secfixes = json_object_at(pkg, "secfixes");
  if (package.empty() || (secfixes == nullptr && pkg.contains("secfixes"))) {
    json_diag(st.diags, st.lines, st.name, path, "alpine.bad-package",
              "package without a name or with a secfixes that is not an object; skipped");
    return;
  }
  ++st.packages;
  if (secfixes == nullptr) return;
  path.emplace_back("secfixes");
  for (const auto& [version, ids] : secfixes->items()) {
    path.push_back(version);
    read_fix(st, package, version, ids, path);
    path.pop_back();
  }
}

}  // namespace

Result<FeedBatch> parse_alpine_secdb(std::string_view bytes, std::string_view name, Diagnostics& diags) {
  auto doc = parse_feed_json(bytes, name);
  if (!doc) return doc.error();
  std::string version = json_str(*doc, "distroversion");
  const nlohmann::json* packages = json_array_at(*doc, "packages");
  bool single = doc->is_object() && doc->contains("secfixes") && doc->contains("name");
  if (version.empty() || (packages == nullptr && !single))
    return feed_error(
        name, "not an Alpine secdb: expected \"distroversion\" and \"packages\" (or \"name\", \"secfixes\")");
  if (version.front() != 'v') version = "v" + version;
  AlpineState st{name, diags, JsonLines(strip_bom(bytes), 6), "Alpine:" + version, {}, {}};
  if (single) {
    read_package(st, *doc, {});
  } else {
    for (size_t i = 0; i < packages->size(); ++i) {
      const nlohmann::json* pkg = json_object_at((*packages)[i], "pkg");
      read_package(st, pkg ? *pkg : (*packages)[i], {"packages", std::to_string(i), "pkg"});
    }
  }
  return std::move(st.batch);
}

}  // namespace customs
