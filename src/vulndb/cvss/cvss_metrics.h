#pragma once
// Internal to src/vulndb/cvss: reading a vector's "NAME:VALUE/..." parts against one version's
// table of metrics, and the calculators that score the result.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace customs::cvss {

// One metric of a version's table, in the specification's order.
struct MetricDef {
  std::string_view name;    // abbreviation as written in vectors: "AV", "Au", "MSI"
  std::string_view values;  // its values separated by single spaces: "N A L P"
  bool mandatory;           // a vector must give it (the base metrics)
};

struct VectorRules {
  std::string_view label;  // "CVSS 3.1 vector", the start of every error message
  std::span<const MetricDef> metrics;
  std::string_view not_defined;  // "X" or "ND": such metrics are left out of the normal form
  bool ordered;                  // metrics must appear in table order (4.0)
};

// For each metric of the table, the index of its value in MetricDef::values; -1 when absent.
using MetricValues = std::vector<int>;

// Index of `value` among the space-separated `values` ("N A L P"), -1 when not one of them.
int value_index(std::string_view values, std::string_view value);

// Parses the metric part of a vector (after any "CVSS:x.y/" prefix) and checks it against
// `rules`: every part NAME:VALUE with a known name and value, no name twice, every mandatory
// metric present, the table order kept when rules.ordered.
Result<MetricValues> parse_metrics(std::string_view body, const VectorRules& rules);

// The value of metric `metric` as written ("N"), or "" when absent.
std::string_view value_name(const MetricValues& values, const VectorRules& rules, size_t metric);

// `prefix` followed by the given metrics in table order, Not Defined ones left out.
std::string normal_form(const MetricValues& values, const VectorRules& rules, std::string_view prefix);

// The qualitative rating of CVSS 3.x and 4.0 (None, Low, Medium, High, Critical).
std::string_view rating_v3(double score);

extern const VectorRules kRulesV2;
extern const VectorRules kRulesV30;
extern const VectorRules kRulesV31;
extern const VectorRules kRulesV40;

// Roundup of CVSS 3.1 (Appendix A: the smallest one-decimal number >= x, computed on integers so
// that floating-point noise such as 4.000000000000001 stays 4.0) and of 3.0 (a plain ceiling to one
// decimal, as FIRST's 3.0 calculator computes it).
double roundup_v31(double x);
double roundup_v30(double x);

// Calculators, given metrics parse_metrics accepted for their rules.
double base_score_v2(const MetricValues& m);
double base_score_v3(const MetricValues& m, bool v3_1);
double score_v4(const MetricValues& m);

}  // namespace customs::cvss
