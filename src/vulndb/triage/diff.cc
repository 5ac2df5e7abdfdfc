#include "vulndb/triage/diff.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "vulndb/import/feed_util.h"
#include "vulndb/triage/common.h"

namespace customs {

namespace {

using nlohmann::json;

// The package without its version, and the path: where a finding is.
std::string place_of(const VulnKey& k) {
  std::string package = triage::package_identity(k.purl);
  if (package.empty()) package = "name:" + k.package_name;
  return package + "\n" + k.path;
}

bool ids_related(const VulnKey& a, const VulnKey& b) {
  return triage::names_id(a.id, b.id, b.aliases) || triage::names_id(b.id, a.id, a.aliases);
}

// Finds, for a key, an unclaimed key of a list that is the same vulnerability: fingerprint first,
// then the same place with related ids. Each listed key is handed out once.
class KeyIndex {
 public:
  explicit KeyIndex(const std::vector<VulnKey>& keys) : keys_(keys), claimed_(keys.size(), false) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (!keys[i].fingerprint.empty()) by_fingerprint_[keys[i].fingerprint].push_back(i);
      by_place_[place_of(keys[i])].push_back(i);
    }
  }

  // The index of the claimed key, or npos.
  size_t claim_by_fingerprint(const VulnKey& k) { return claim(by_fingerprint_, k.fingerprint, k, false); }
  size_t claim_by_ids(const VulnKey& k) { return claim(by_place_, place_of(k), k, true); }
  bool claimed(size_t i) const { return claimed_[i]; }

 private:
  using Buckets = std::unordered_map<std::string, std::vector<size_t>>;
  size_t claim(const Buckets& buckets, const std::string& key, const VulnKey& k, bool by_ids) {
    if (key.empty()) return std::string::npos;
    auto it = buckets.find(key);
    if (it == buckets.end()) return std::string::npos;
    for (size_t i : it->second) {
      if (claimed_[i] || (by_ids && !ids_related(k, keys_[i]))) continue;
      claimed_[i] = true;
      return i;
    }
    return std::string::npos;
  }

  const std::vector<VulnKey>& keys_;
  std::vector<bool> claimed_;
  Buckets by_fingerprint_;
  Buckets by_place_;
};

std::vector<std::string> strings_at(const json& obj, std::string_view key) {
  std::vector<std::string> out;
  if (const json* items = json_array_at(obj, key))
    for (const json& s : *items)
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

VulnKey read_key(const json& v) {
  VulnKey k;
  k.id = json_str(v, "id");
  k.aliases = strings_at(v, "aliases");
  k.fingerprint = json_str(v, "fingerprint");
  k.severity = json_str(v, "severity");
  auto suppressed = v.find("suppressed");
  k.suppressed = suppressed != v.end() && suppressed->is_boolean() && suppressed->get<bool>();
  if (const json* p = json_object_at(v, "package")) {
    k.package_name = json_str(*p, "name");
    k.package_version = json_str(*p, "version");
    k.purl = json_str(*p, "purl");
    k.path = json_str(*p, "path");
  }
  return k;
}

}  // namespace

Result<std::vector<VulnKey>> read_report_vulnerabilities(std::string_view json_bytes, std::string_view name) {
  auto root = parse_feed_json(json_bytes, name);
  if (!root.ok()) return root.error();
  const json* items = json_array_at(*root, "vulnerabilities");
  if (items == nullptr)
    return feed_error(
        name, "no \"vulnerabilities\" list: not the JSON report of customs image or customs sbom scan");
  JsonLines lines(strip_bom(json_bytes), 2);
  std::vector<VulnKey> keys;
  keys.reserve(items->size());
  for (size_t i = 0; i < items->size(); ++i) {
    VulnKey k = read_key((*items)[i]);
    if (k.id.empty())
      return feed_error(name, "vulnerability " + std::to_string(i + 1) + " has no \"id\"",
                        lines.line_of({"vulnerabilities", std::to_string(i)}));
    keys.push_back(std::move(k));
  }
  return keys;
}

VulnKey key_of(const Vulnerability& v) {
  return {v.id,   v.aliases, v.fingerprint, v.package_name, v.installed_version,
          v.purl, v.path,    v.severity,    v.suppressed};
}

bool same_vulnerability(const VulnKey& a, const VulnKey& b) {
  if (!a.fingerprint.empty() && a.fingerprint == b.fingerprint) return true;
  return place_of(a) == place_of(b) && ids_related(a, b);
}

VulnDiff diff_vulnerabilities(const std::vector<VulnKey>& old_keys, const std::vector<VulnKey>& new_keys) {
  KeyIndex index(new_keys);
  std::vector<size_t> partner(old_keys.size(), std::string::npos);
  for (size_t i = 0; i < old_keys.size(); ++i) partner[i] = index.claim_by_fingerprint(old_keys[i]);
  for (size_t i = 0; i < old_keys.size(); ++i)
    if (partner[i] == std::string::npos) partner[i] = index.claim_by_ids(old_keys[i]);
  VulnDiff diff;
  std::vector<std::pair<size_t, size_t>> pairs;  // (new, old)
  for (size_t i = 0; i < old_keys.size(); ++i) {
    if (partner[i] == std::string::npos)
      diff.fixed.push_back(old_keys[i]);
    else
      pairs.emplace_back(partner[i], i);
  }
  std::sort(pairs.begin(), pairs.end());
  for (const auto& [n, o] : pairs) diff.unchanged.emplace_back(old_keys[o], new_keys[n]);
  for (size_t j = 0; j < new_keys.size(); ++j)
    if (!index.claimed(j)) diff.added.push_back(new_keys[j]);
  return diff;
}

size_t apply_baseline(const std::vector<VulnKey>& baseline, std::vector<Vulnerability>& current,
                      std::string_view baseline_name) {
  std::unordered_set<std::string> fingerprints;
  std::unordered_map<std::string, std::vector<const VulnKey*>> by_place;
  for (const VulnKey& b : baseline) {
    if (!b.fingerprint.empty()) fingerprints.insert(b.fingerprint);
    by_place[place_of(b)].push_back(&b);
  }
  size_t suppressed = 0;
  for (Vulnerability& v : current) {
    if (v.suppressed) continue;
    VulnKey k = key_of(v);
    bool known = !k.fingerprint.empty() && fingerprints.count(k.fingerprint) > 0;
    if (auto it = by_place.find(place_of(k)); !known && it != by_place.end())
      known = std::any_of(it->second.begin(), it->second.end(),
                          [&](const VulnKey* b) { return ids_related(*b, k); });
    if (!known) continue;
    v.suppressed = true;
    v.suppression_kind = "baseline";
    v.suppression_reason = "in baseline " + std::string(baseline_name);
    ++suppressed;
  }
  return suppressed;
}

}  // namespace customs
