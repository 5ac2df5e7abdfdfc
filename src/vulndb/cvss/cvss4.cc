// CVSS 4.0 scoring as FIRST's reference calculator computes it (cvss_score.js; specification
// section 8): the vector's MacroVector (EQ1..EQ6) gives a score from the lookup table, lowered by
// the mean of the proportional severity distances to the highest vectors of each EQ level,
// then rounded half up to one decimal after the reference's 1e-6 lift.
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "vulndb/cvss/cvss4_tables.h"
#include "vulndb/cvss/cvss_metrics.h"

namespace customs::cvss {

namespace {

// The first 15 are the metrics the score uses (base, E, CR/IR/AR); the modified base metrics
// follow in the same order as the base ones.
enum MetricV4 { kAV, kAC, kAT, kPR, kUI, kVC, kVI, kVA, kSC, kSI, kSA, kE, kCR, kIR, kAR, kMAV };
constexpr int kScored = 15;
constexpr int kBaseCount = 11;

// Table 23 of the specification, in its (mandatory) order.
constexpr std::array<MetricDef, 32> kMetricsV4 = {{
    {"AV", "N A L P", true},     {"AC", "L H", true},
    {"AT", "N P", true},         {"PR", "N L H", true},
    {"UI", "N P A", true},       {"VC", "H L N", true},
    {"VI", "H L N", true},       {"VA", "H L N", true},
    {"SC", "H L N", true},       {"SI", "H L N", true},
    {"SA", "H L N", true},       {"E", "X A P U", false},
    {"CR", "X H M L", false},    {"IR", "X H M L", false},
    {"AR", "X H M L", false},    {"MAV", "X N A L P", false},
    {"MAC", "X L H", false},     {"MAT", "X N P", false},
    {"MPR", "X N L H", false},   {"MUI", "X N P A", false},
    {"MVC", "X H L N", false},   {"MVI", "X H L N", false},
    {"MVA", "X H L N", false},   {"MSC", "X H L N", false},
    {"MSI", "X S H L N", false}, {"MSA", "X S H L N", false},
    {"S", "X N P", false},       {"AU", "X N Y", false},
    {"R", "X A U I", false},     {"V", "X D C", false},
    {"RE", "X L M H", false},    {"U", "X Clear Green Amber Red", false},
}};

// Severity levels of the metrics in the distance (cvss_score.js *_levels), values as written.
struct Levels {
  std::string_view values;
  std::array<double, 4> level;
};
constexpr std::array<Levels, kScored> kLevels = {{
    {"N A L P", {0.0, 0.1, 0.2, 0.3}},  // AV
    {"L H", {0.0, 0.1}},                // AC
    {"N P", {0.0, 0.1}},                // AT
    {"N L H", {0.0, 0.1, 0.2}},         // PR
    {"N P A", {0.0, 0.1, 0.2}},         // UI
    {"H L N", {0.0, 0.1, 0.2}},         // VC
    {"H L N", {0.0, 0.1, 0.2}},         // VI
    {"H L N", {0.0, 0.1, 0.2}},         // VA
    {"H L N", {0.1, 0.2, 0.3}},         // SC
    {"S H L N", {0.0, 0.1, 0.2, 0.3}},  // SI
    {"S H L N", {0.0, 0.1, 0.2, 0.3}},  // SA
    {"A P U", {0.0, 0.1, 0.2}},         // E (not in any distance)
    {"H M L", {0.0, 0.1, 0.2}},         // CR
    {"H M L", {0.0, 0.1, 0.2}},         // IR
    {"H M L", {0.0, 0.1, 0.2}},         // AR
}};

double level_of(int metric, std::string_view value) {
  int index = value_index(kLevels[metric].values, value);
  return index < 0 ? 0 : kLevels[metric].level[index];
}

// The values the equations read (cvss_score.js m()): a modified base metric replaces its base
// metric unless X; E X is A; CR, IR, AR X are H.
using Effective = std::array<std::string_view, kScored>;

Effective effective_values(const MetricValues& m) {
  Effective v;
  for (int i = 0; i < kScored; ++i) v[i] = value_name(m, kRulesV40, i);
  for (int i = 0; i < kBaseCount; ++i) {
    std::string_view modified = value_name(m, kRulesV40, kMAV + i);
    if (!modified.empty() && modified != "X") v[i] = modified;
  }
  if (v[kE].empty() || v[kE] == "X") v[kE] = "A";
  for (int i : {kCR, kIR, kAR}) {
    if (v[i].empty() || v[i] == "X") v[i] = "H";
  }
  return v;
}

struct Macro {
  std::array<int, 6> eq;  // EQ1..EQ6 levels
};

int eq1_of(const Effective& v) {
  bool av_n = v[kAV] == "N", pr_n = v[kPR] == "N", ui_n = v[kUI] == "N";
  if (av_n && pr_n && ui_n) return 0;
  if ((av_n || pr_n || ui_n) && v[kAV] != "P") return 1;
  return 2;
}

int eq3_of(const Effective& v) {
  if (v[kVC] == "H" && v[kVI] == "H") return 0;
  if (v[kVC] == "H" || v[kVI] == "H" || v[kVA] == "H") return 1;
  return 2;
}

int eq4_of(const Effective& v) {
  if (v[kSI] == "S" || v[kSA] == "S") return 0;
  if (v[kSC] == "H" || v[kSI] == "H" || v[kSA] == "H") return 1;
  return 2;
}

Macro macro_of(const Effective& v) {
  int eq2 = v[kAC] == "L" && v[kAT] == "N" ? 0 : 1;
  int eq5 = v[kE] == "A" ? 0 : (v[kE] == "P" ? 1 : 2);
  bool eq6_high = (v[kCR] == "H" && v[kVC] == "H") || (v[kIR] == "H" && v[kVI] == "H") ||
                  (v[kAR] == "H" && v[kVA] == "H");
  return Macro{{eq1_of(v), eq2, eq3_of(v), eq4_of(v), eq5, eq6_high ? 0 : 1}};
}

// The table score of a MacroVector; nullopt where none exists (the reference's NaN).
std::optional<double> macro_score(const Macro& macro) {
  std::string key;
  for (int eq : macro.eq) key += static_cast<char>('0' + eq);
  for (const MacroScore& entry : kMacroScores) {
    if (entry.macro == key) return entry.score;
  }
  return std::nullopt;
}

Macro lowered(Macro macro, int eq, int by = 1) {
  macro.eq[eq] += by;
  return macro;
}

// The score of the next lower MacroVector of EQ3 and EQ6 together (cvss_score.js: 00 goes to the
// higher of 01 and 10, 01 and 11 lower EQ3, 10 lowers EQ6, 21 has none).
std::optional<double> next_lower_eq3eq6(const Macro& macro) {
  int eq3 = macro.eq[2];
  int eq6 = macro.eq[5];
  if (eq3 == 0 && eq6 == 0) {
    std::optional<double> left = macro_score(lowered(macro, 5));
    std::optional<double> right = macro_score(lowered(macro, 2));
    return (left && right && *left > *right) ? left : right;
  }
  if (eq3 == 1 && eq6 == 0) return macro_score(lowered(macro, 5));
  if (eq3 < 2 && eq6 == 1) return macro_score(lowered(macro, 2));
  return std::nullopt;
}

// The value of `name` in a highest-severity vector ("AV:N/PR:N/UI:N/AC:L/...").
std::string_view max_value(std::string_view max_vector, std::string_view name) {
  while (!max_vector.empty()) {
    size_t colon = max_vector.find(':');
    size_t slash = max_vector.find('/');
    if (colon == std::string_view::npos || slash == std::string_view::npos) break;
    if (max_vector.substr(0, colon) == name) return max_vector.substr(colon + 1, slash - colon - 1);
    max_vector.remove_prefix(slash + 1);
  }
  return {};
}

// Per-metric severity distance (level of the vector's value minus the max vector's).
using Distances = std::array<double, kScored>;

Distances distances_to(const Effective& v, std::string_view max_vector) {
  Distances d{};
  for (int i = 0; i < kScored; ++i) {
    if (i == kE) continue;
    d[i] = level_of(i, v[i]) - level_of(i, max_value(max_vector, kMetricsV4[i].name));
  }
  return d;
}

bool none_negative(const Distances& d) {
  for (double x : d) {
    if (x < 0) return false;
  }
  return true;
}

// The distances to the first highest-severity vector of the MacroVector that the vector does
// not exceed on any metric; as the reference, the last one tried when none qualifies.
Distances severity_distances(const Effective& v, const Macro& macro) {
  Distances d{};
  for (std::string_view eq1 : kMaxEq1[macro.eq[0]]) {
    for (std::string_view eq2 : kMaxEq2[macro.eq[1]]) {
      for (std::string_view eq3eq6 : kMaxEq3Eq6[macro.eq[2]][macro.eq[5]]) {
        if (eq1.empty() || eq2.empty() || eq3eq6.empty()) continue;
        std::string max_vector = std::string(eq1) + std::string(eq2) + std::string(eq3eq6) +
                                 std::string(kMaxEq4[macro.eq[3]]) + std::string(kMaxEq5[macro.eq[4]]);
        d = distances_to(v, max_vector);
        if (none_negative(d)) return d;
      }
    }
  }
  return d;
}

bool no_impact(const Effective& v) {
  for (int i : {kVC, kVI, kVA, kSC, kSI, kSA}) {
    if (v[i] != "N") return false;
  }
  return true;
}

// Mean of the proportional distances over the EQs that have a lower MacroVector (EQ5 counts
// but contributes nothing), in the reference's order of operations.
double mean_distance(const Effective& v, const Macro& macro, double value) {
  const Distances d = severity_distances(v, macro);
  constexpr double kStep = 0.1;
  const auto& eq = macro.eq;
  std::array<std::optional<double>, 5> lower = {
      macro_score(lowered(macro, 0)), macro_score(lowered(macro, 1)), next_lower_eq3eq6(macro),
      macro_score(lowered(macro, 3)), macro_score(lowered(macro, 4))};
  std::array<double, 5> current = {d[kAV] + d[kPR] + d[kUI], d[kAC] + d[kAT],
                                   d[kVC] + d[kVI] + d[kVA] + d[kCR] + d[kIR] + d[kAR],
                                   d[kSC] + d[kSI] + d[kSA], 0};
  std::array<double, 5> depth = {kDepthEq1[eq[0]] * kStep, kDepthEq2[eq[1]] * kStep,
                                 kDepthEq3Eq6[eq[2]][eq[5]] * kStep, kDepthEq4[eq[3]] * kStep, 1};
  int existing = 0;
  double sum = 0;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (!lower[i]) continue;
    ++existing;
    double percent = i == 4 ? 0 : current[i] / depth[i];
    sum += (value - *lower[i]) * percent;
  }
  return existing == 0 ? 0 : sum / existing;
}

}  // namespace

const VectorRules kRulesV40 = {"CVSS 4.0 vector", kMetricsV4, "X", true};

double score_v4(const MetricValues& m) {
  const Effective v = effective_values(m);
  if (no_impact(v)) return 0;
  const Macro macro = macro_of(v);
  double value = macro_score(macro).value_or(0);  // every MacroVector a vector can have is listed
  value -= mean_distance(v, macro, value);
  value = std::fmin(std::fmax(value, 0), 10);
  constexpr double kEpsilon = 1e-6;  // the reference's lift against x.x4999... from the arithmetic
  return std::round((value + kEpsilon) * 10) / 10;
}

}  // namespace customs::cvss
