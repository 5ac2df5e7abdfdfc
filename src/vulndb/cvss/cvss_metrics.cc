// Reading "NAME:VALUE/..." vectors against a version's metric table.
#include "vulndb/cvss/cvss_metrics.h"

#include <string>
#include <string_view>
#include <utility>

namespace customs::cvss {

namespace {

// Untrusted text quoted in an error message: at most 24 bytes, non-printable bytes as '?'.
std::string shown(std::string_view s) {
  constexpr size_t kMax = 24;
  std::string out;
  for (char c : s.substr(0, kMax)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (s.size() > kMax) out += "...";
  return out;
}

Error rule_error(const VectorRules& rules, const std::string& message) {
  return make_error(ErrorKind::kInvalidInput, std::string(rules.label) + ": " + message);
}

std::string_view value_at(std::string_view values, int index) {
  for (; index > 0; --index) values.remove_prefix(values.find(' ') + 1);
  return values.substr(0, values.find(' '));
}

int metric_index(const VectorRules& rules, std::string_view name) {
  for (size_t i = 0; i < rules.metrics.size(); ++i) {
    if (rules.metrics[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// Reads one "NAME:VALUE" part into `values`; `last` is the table index of the previous metric.
Status read_part(std::string_view part, size_t number, const VectorRules& rules, MetricValues& values,
                 int& last) {
  if (part.empty())
    return rule_error(rules, "empty metric at part " + std::to_string(number) + " (stray '/')");
  size_t colon = part.find(':');
  if (colon == std::string_view::npos) {
    return rule_error(rules, "malformed metric '" + shown(part) + "' (expected NAME:VALUE)");
  }
  std::string_view name = part.substr(0, colon);
  std::string_view value = part.substr(colon + 1);
  int metric = metric_index(rules, name);
  if (metric < 0) return rule_error(rules, "unknown metric " + shown(name));
  if (values[metric] >= 0) return rule_error(rules, "duplicate metric " + shown(name));
  if (rules.ordered && metric < last) {
    return rule_error(rules, "metric " + shown(name) + " out of order (it comes before " +
                                 std::string(rules.metrics[last].name) + ")");
  }
  if (value.empty()) return rule_error(rules, "metric " + shown(name) + " has no value");
  int index = value_index(rules.metrics[metric].values, value);
  if (index < 0) return rule_error(rules, "unknown value " + shown(value) + " for " + shown(name));
  values[metric] = index;
  last = metric;
  return ok_status();
}

}  // namespace

int value_index(std::string_view values, std::string_view value) {
  int index = 0;
  while (!values.empty()) {
    size_t space = values.find(' ');
    if (values.substr(0, space) == value) return index;
    if (space == std::string_view::npos) break;
    values.remove_prefix(space + 1);
    ++index;
  }
  return -1;
}

Result<MetricValues> parse_metrics(std::string_view body, const VectorRules& rules) {
  if (body.empty()) return rule_error(rules, "no metrics");
  MetricValues values(rules.metrics.size(), -1);
  int last = 0;
  size_t number = 1;
  while (true) {
    size_t slash = body.find('/');
    Status status = read_part(body.substr(0, slash), number, rules, values, last);
    if (!status.ok()) return status.error();
    if (slash == std::string_view::npos) break;
    body.remove_prefix(slash + 1);
    ++number;
  }
  for (size_t i = 0; i < rules.metrics.size(); ++i) {
    if (rules.metrics[i].mandatory && values[i] < 0) {
      return rule_error(rules, "metric " + std::string(rules.metrics[i].name) + " missing");
    }
  }
  return values;
}

std::string_view value_name(const MetricValues& values, const VectorRules& rules, size_t metric) {
  if (values[metric] < 0) return {};
  return value_at(rules.metrics[metric].values, values[metric]);
}

std::string normal_form(const MetricValues& values, const VectorRules& rules, std::string_view prefix) {
  std::string out(prefix);
  for (size_t i = 0; i < rules.metrics.size(); ++i) {
    std::string_view value = value_name(values, rules, i);
    if (value.empty() || value == rules.not_defined) continue;
    if (out.size() > prefix.size()) out += '/';
    out.append(rules.metrics[i].name).append(":").append(value);
  }
  return out;
}

std::string_view rating_v3(double score) {
  if (score == 0) return "None";
  if (score < 4.0) return "Low";
  if (score < 7.0) return "Medium";
  if (score < 9.0) return "High";
  return "Critical";
}

}  // namespace customs::cvss
