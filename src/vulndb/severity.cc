#include "vulndb/severity.h"

#include <algorithm>
#include <array>
#include <optional>

#include "core/strings.h"
#include "vulndb/cvss/cvss.h"

namespace customs {

namespace {

constexpr std::array<std::string_view, 7> kVendorSources = {"debian", "ubuntu",    "alpine", "redhat",
                                                            "rocky",  "almalinux", "wolfi"};

bool is_vendor(std::string_view source) {
  return std::find(kVendorSources.begin(), kVendorSources.end(), source) != kVendorSources.end();
}

// A source's own words to customs' severity words; "" for words that say nothing about severity.
struct LabelRow {
  std::string_view label;
  std::string_view severity;
};
constexpr std::array<LabelRow, 14> kLabels = {{
    {"critical", "critical"},
    {"high", "high"},
    {"important", "high"},
    {"medium", "medium"},
    {"moderate", "medium"},
    {"low", "low"},
    {"unimportant", "low"},
    {"negligible", "low"},
    {"none", "none"},
    {"not yet assigned", ""},
    {"end-of-life", ""},
    {"unknown", ""},
    {"untriaged", ""},
    {"", ""},
}};

std::string severity_of_label(std::string_view label) {
  std::string lower = to_lower(trim(label));
  for (const auto& row : kLabels) {
    if (row.label == lower) return std::string(row.severity);
  }
  return "";
}

// Preference within one source: 3.1, 3.0, 4.0, 2.0, then words.
int version_preference(const RatingView& r) {
  if (!r.computed_score) return severity_rank(r.severity) > 0 ? 1 : 0;
  constexpr std::array<std::string_view, 4> kOrder = {"2.0", "4.0", "3.0", "3.1"};
  auto it = std::find(kOrder.begin(), kOrder.end(), r.cvss_version);
  return it == kOrder.end() ? 1 : 2 + static_cast<int>(it - kOrder.begin());
}

// Position of a source in the order ("vendor" matches every distribution source).
size_t order_position(std::string_view source, const std::vector<std::string>& order) {
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] == source || (order[i] == "vendor" && is_vendor(source))) return i;
  }
  return order.size();
}

std::string describe(const RatingView& r) {
  if (r.computed_score) return r.rating.source + " CVSS " + r.cvss_version;
  return r.rating.source;
}

}  // namespace

int severity_rank(std::string_view severity) {
  constexpr std::array<std::string_view, 6> kRanks = {"unknown", "none", "low", "medium", "high", "critical"};
  auto it = std::find(kRanks.begin(), kRanks.end(), severity);
  return it == kRanks.end() ? 0 : static_cast<int>(it - kRanks.begin());
}

RatingView view_rating(const SeverityRating& r) {
  RatingView v{r, "", std::nullopt, "", ""};
  if (!r.vector.empty()) {
    auto scored = score_cvss(r.vector);
    if (scored) {
      v.cvss_version = std::string(to_string(scored->version));
      v.computed_score = scored->base_score;
      v.severity = to_lower(scored->rating);
      return v;
    }
    v.problem = scored.error().message;
  }
  v.severity = severity_of_label(r.label);
  if (v.severity.empty()) v.severity = "unknown";
  return v;
}

std::vector<std::string> default_severity_order(bool os_package) {
  if (os_package) return {"vendor", "nvd", "ghsa", "osv"};
  return {"ghsa", "nvd", "osv", "vendor"};
}

SeverityDecision decide_severity(const std::vector<SeverityRating>& ratings,
                                 const std::vector<std::string>& order, bool os_package) {
  const std::vector<std::string> effective = order.empty() ? default_severity_order(os_package) : order;
  SeverityDecision d;
  for (const auto& r : ratings) {
    bool seen = std::any_of(d.ratings.begin(), d.ratings.end(), [&](const RatingView& x) {
      return x.rating.source == r.source && x.rating.type == r.type && x.rating.vector == r.vector &&
             x.rating.label == r.label;
    });
    if (!seen) d.ratings.push_back(view_rating(r));
  }
  std::stable_sort(d.ratings.begin(), d.ratings.end(), [&](const RatingView& a, const RatingView& b) {
    size_t pa = order_position(a.rating.source, effective);
    size_t pb = order_position(b.rating.source, effective);
    if (pa != pb) return pa < pb;
    if (a.rating.source != b.rating.source) return a.rating.source < b.rating.source;
    return version_preference(a) > version_preference(b);
  });
  for (const auto& r : d.ratings) {
    if (severity_rank(r.severity) == 0) continue;
    d.severity = r.severity;
    d.source = describe(r);
    d.score = r.computed_score;
    break;
  }
  return d;
}

}  // namespace customs
