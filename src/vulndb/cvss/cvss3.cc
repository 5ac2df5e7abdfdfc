// CVSS 3.0 and 3.1 base equations (FIRST specification documents, section 7.1 and 8.1), with
// each version's Roundup: 3.0 a plain ceiling to one decimal, 3.1 the integer-arithmetic one of
// the 3.1 specification's Appendix A. Temporal and environmental metrics are checked, not used.
#include <array>
#include <cmath>

#include "vulndb/cvss/cvss_metrics.h"

namespace customs::cvss {

namespace {

enum MetricV3 { kAV, kAC, kPR, kUI, kS, kC, kI, kA };

// Table 15 of the 3.1 specification (the same metrics as 3.0), in its order.
constexpr std::array<MetricDef, 22> kMetricsV3 = {{
    {"AV", "N A L P", true},    {"AC", "L H", true},       {"PR", "N L H", true},
    {"UI", "N R", true},        {"S", "U C", true},        {"C", "H L N", true},
    {"I", "H L N", true},       {"A", "H L N", true},      {"E", "X H F P U", false},
    {"RL", "X U W T O", false}, {"RC", "X C R U", false},  {"CR", "X H M L", false},
    {"IR", "X H M L", false},   {"AR", "X H M L", false},  {"MAV", "X N A L P", false},
    {"MAC", "X L H", false},    {"MPR", "X N L H", false}, {"MUI", "X N R", false},
    {"MS", "X U C", false},     {"MC", "X H L N", false},  {"MI", "X H L N", false},
    {"MA", "X H L N", false},
}};

// Weights in the order of each metric's values above (section 7.4).
constexpr std::array<double, 4> kAttackVector = {0.85, 0.62, 0.55, 0.2};
constexpr std::array<double, 2> kAttackComplexity = {0.77, 0.44};
constexpr std::array<double, 3> kPrivilegesUnchanged = {0.85, 0.62, 0.27};
constexpr std::array<double, 3> kPrivilegesChanged = {0.85, 0.68, 0.5};
constexpr std::array<double, 2> kUserInteraction = {0.85, 0.62};
constexpr std::array<double, 3> kCia = {0.56, 0.22, 0.0};

constexpr int kScopeChanged = 1;

}  // namespace

double roundup_v31(double x) {
  auto scaled = static_cast<long long>(std::round(x * 100000));  // round_to_nearest_integer
  if (scaled % 10000 == 0) return static_cast<double>(scaled) / 100000.0;
  return (std::floor(static_cast<double>(scaled) / 10000) + 1) / 10.0;
}

double roundup_v30(double x) { return std::ceil(x * 10) / 10; }

const VectorRules kRulesV30 = {"CVSS 3.0 vector", kMetricsV3, "X", false};
const VectorRules kRulesV31 = {"CVSS 3.1 vector", kMetricsV3, "X", false};

double base_score_v3(const MetricValues& m, bool v3_1) {
  bool changed = m[kS] == kScopeChanged;
  double iss = 1 - ((1 - kCia[m[kC]]) * (1 - kCia[m[kI]]) * (1 - kCia[m[kA]]));
  double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  double privileges = changed ? kPrivilegesChanged[m[kPR]] : kPrivilegesUnchanged[m[kPR]];
  double exploitability =
      8.22 * kAttackVector[m[kAV]] * kAttackComplexity[m[kAC]] * privileges * kUserInteraction[m[kUI]];
  if (impact <= 0) return 0;
  double sum = changed ? (exploitability + impact) * 1.08 : exploitability + impact;
  double capped = std::fmin(sum, 10);
  return v3_1 ? roundup_v31(capped) : roundup_v30(capped);
}

}  // namespace customs::cvss
