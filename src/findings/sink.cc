#include "findings/sink.h"

#include "core/hash.h"

namespace customs {

bool Policy::is_enabled(const Rule& rule) const {
  std::string id(rule.id);
  if (disabled.count(id)) return false;
  if (enabled.count(id)) return true;
  return rule.enabled_by_default;
}

Severity Policy::severity_of(const Rule& rule) const {
  auto it = severity_overrides.find(std::string(rule.id));
  return it == severity_overrides.end() ? rule.severity : it->second;
}

std::string make_fingerprint(std::string_view rule_id, std::string_view file, std::string_view key,
                             int occurrence) {
  std::string material;
  material.append(rule_id).append("|").append(file).append("|").append(key).append("|");
  material += std::to_string(occurrence);
  return sha256_hex(material).substr(0, 32);
}

Finding* FindingSink::report(const Rule& rule, Location where, std::string message, std::string evidence,
                             std::string key) {
  if (policy_ ? !policy_->is_enabled(rule) : !rule.enabled_by_default) return nullptr;
  Finding f;
  f.rule = &rule;
  f.severity = policy_ ? policy_->severity_of(rule) : rule.severity;
  f.message = std::move(message);
  f.evidence = std::move(evidence);
  if (key.empty()) key = f.evidence;
  std::string occ_key = std::string(rule.id) + "|" + where.file + "|" + key;
  int occurrence = occurrences_[occ_key]++;
  f.fingerprint = make_fingerprint(rule.id, where.file, key, occurrence);
  f.location = std::move(where);
  findings_.push_back(std::move(f));
  return &findings_.back();
}

}  // namespace customs
