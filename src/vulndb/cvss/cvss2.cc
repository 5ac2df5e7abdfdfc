// CVSS 2.0 (FIRST, "A Complete Guide to the Common Vulnerability Scoring System Version 2.0",
// section 3.2.1) base equation, rounded to one decimal as NVD's calculator does.
#include <array>
#include <cmath>

#include "vulndb/cvss/cvss_metrics.h"

namespace customs::cvss {

namespace {

enum MetricV2 { kAV, kAC, kAu, kC, kI, kA };

// Table 2.x of the guide, in its order: base, temporal, environmental.
constexpr std::array<MetricDef, 14> kMetricsV2 = {{
    {"AV", "L A N", true},
    {"AC", "H M L", true},
    {"Au", "M S N", true},
    {"C", "N P C", true},
    {"I", "N P C", true},
    {"A", "N P C", true},
    {"E", "U POC F H ND", false},
    {"RL", "OF TF W U ND", false},
    {"RC", "UC UR C ND", false},
    {"CDP", "N L LM MH H ND", false},
    {"TD", "N L M H ND", false},
    {"CR", "L M H ND", false},
    {"IR", "L M H ND", false},
    {"AR", "L M H ND", false},
}};

// Weights in the order of each metric's values above.
constexpr std::array<double, 3> kAccessVector = {0.395, 0.646, 1.0};
constexpr std::array<double, 3> kAccessComplexity = {0.35, 0.61, 0.71};
constexpr std::array<double, 3> kAuthentication = {0.45, 0.56, 0.704};
constexpr std::array<double, 3> kImpact = {0.0, 0.275, 0.660};

}  // namespace

const VectorRules kRulesV2 = {"CVSS 2.0 vector", kMetricsV2, "ND", false};

double base_score_v2(const MetricValues& m) {
  double impact = 10.41 * (1 - (1 - kImpact[m[kC]]) * (1 - kImpact[m[kI]]) * (1 - kImpact[m[kA]]));
  double exploitability = 20 * kAccessVector[m[kAV]] * kAccessComplexity[m[kAC]] * kAuthentication[m[kAu]];
  double f_impact = impact == 0 ? 0 : 1.176;
  double base = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f_impact;
  return std::round(base * 10) / 10;  // Math.round(base * 10) / 10 (positive: ties up)
}

}  // namespace customs::cvss
