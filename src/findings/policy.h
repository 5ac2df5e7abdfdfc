#pragma once
// Policy: the user's settings that shape findings (from customs.yaml and flags).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "findings/rule.h"
#include "findings/severity.h"

namespace customs {

struct Policy {
  std::set<std::string> enabled;   // rule ids turned on (overrides enabled_by_default = false)
  std::set<std::string> disabled;  // rule ids turned off
  std::map<std::string, Severity> severity_overrides;
  // Registries images may come from ("docker.io", "ghcr.io", "registry.example.com:5000").
  // Empty: every registry is trusted and the trusted-registry check stays silent.
  std::vector<std::string> trusted_registries;
  // Labels every final image must carry (checked when the labels rule is enabled).
  std::vector<std::string> required_labels;
  // An image whose config `created` is older than this many days is due for a rebuild (IM rule).
  int max_image_age_days = 90;

  bool is_enabled(const Rule& rule) const;
  Severity severity_of(const Rule& rule) const;
};

}  // namespace customs
