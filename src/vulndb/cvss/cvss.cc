// score_cvss: the version from the prefix, then that version's metric table and calculator.
#include "vulndb/cvss/cvss.h"

#include <array>
#include <string>
#include <string_view>

#include "core/strings.h"
#include "vulndb/cvss/cvss_metrics.h"

namespace customs {

namespace {

struct VersionEntry {
  std::string_view number;  // as in the "CVSS:x.y/" prefix
  CvssVersion version;
  const cvss::VectorRules* rules;
};

const std::array<VersionEntry, 4> kVersions = {{
    {"2.0", CvssVersion::kV2, &cvss::kRulesV2},
    {"3.0", CvssVersion::kV3_0, &cvss::kRulesV30},
    {"3.1", CvssVersion::kV3_1, &cvss::kRulesV31},
    {"4.0", CvssVersion::kV4_0, &cvss::kRulesV40},
}};

Error invalid(std::string message) { return make_error(ErrorKind::kInvalidInput, std::move(message)); }

// A 2.0 vector as NVD and vendors write it: bare, in parentheses, or after "CVSS:2.0/".
Result<std::string_view> v2_body(std::string_view s) {
  if (!s.starts_with('(')) return s;
  if (!s.ends_with(')')) return invalid("CVSS 2.0 vector: '(' without a closing ')'");
  return trim(s.substr(1, s.size() - 2));
}

double score_of(CvssVersion version, const cvss::MetricValues& metrics) {
  switch (version) {
    case CvssVersion::kV2: return cvss::base_score_v2(metrics);
    case CvssVersion::kV3_0: return cvss::base_score_v3(metrics, false);
    case CvssVersion::kV3_1: return cvss::base_score_v3(metrics, true);
    case CvssVersion::kV4_0: return cvss::score_v4(metrics);
  }
  return 0;
}

std::string_view rating_of(CvssVersion version, double score) {
  if (version != CvssVersion::kV2) return cvss::rating_v3(score);
  if (score < 4.0) return "Low";  // NVD's CVSS 2.0 ranges: 0.0-3.9, 4.0-6.9, 7.0-10.0
  return score < 7.0 ? "Medium" : "High";
}

Result<CvssScore> score_body(const VersionEntry& entry, std::string_view body) {
  Result<cvss::MetricValues> metrics = cvss::parse_metrics(body, *entry.rules);
  if (!metrics.ok()) return metrics.error();
  CvssScore score;
  score.version = entry.version;
  score.base_score = score_of(entry.version, *metrics);
  score.rating = std::string(rating_of(entry.version, score.base_score));
  std::string prefix = entry.version == CvssVersion::kV2 ? "" : "CVSS:" + std::string(entry.number) + "/";
  score.vector = cvss::normal_form(*metrics, *entry.rules, prefix);
  return score;
}

}  // namespace

Result<CvssScore> score_cvss(std::string_view vector) {
  std::string_view s = trim(vector);
  if (s.empty()) return invalid("empty CVSS vector");
  if (!s.starts_with("CVSS:") && s.size() >= 5 && iequals(s.substr(0, 5), "CVSS:")) {
    return invalid("CVSS vector prefix must be written 'CVSS:' (upper case)");
  }
  if (!s.starts_with("CVSS:")) {
    Result<std::string_view> body = v2_body(s);
    if (!body.ok()) return body.error();
    return score_body(kVersions[0], *body);
  }
  s.remove_prefix(5);
  size_t slash = s.find('/');
  std::string_view number = s.substr(0, slash);
  for (const VersionEntry& entry : kVersions) {
    if (entry.number != number) continue;
    return score_body(entry, slash == std::string_view::npos ? std::string_view() : s.substr(slash + 1));
  }
  std::string shown(number.substr(0, 8));
  for (char& c : shown) c = (c >= 0x20 && c < 0x7f) ? c : '?';
  return invalid("unsupported CVSS version '" + shown + "' (customs scores 2.0, 3.0, 3.1 and 4.0)");
}

std::string_view to_string(CvssVersion version) {
  for (const VersionEntry& entry : kVersions) {
    if (entry.version == version) return entry.number;
  }
  return "?";
}

}  // namespace customs
