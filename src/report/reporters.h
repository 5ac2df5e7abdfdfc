#pragma once
// The reporters behind the name table in registry.cc, and the pure mappings they share (exposed
// here so that they can be tested on their own).
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace customs {

std::unique_ptr<Reporter> make_table_reporter();
std::unique_ptr<Reporter> make_json_reporter();
std::unique_ptr<Reporter> make_sarif_reporter();

// The rule of a finding; a placeholder rule ("unknown") when a producer left it null, so that
// reporters never dereference null.
const Rule& rule_of(const Finding& f);

// Counts over a report. Severity counts cover unsuppressed findings only.
struct ReportCounts {
  std::array<int, 5> by_severity{};  // indexed by static_cast<int>(Severity)
  int unsuppressed = 0;
  int suppressed = 0;

  int of(Severity s) const { return by_severity[static_cast<size_t>(s)]; }
};
ReportCounts count_findings(const ScanReport& report);

// Severities from the most to the least severe: the order of every per-severity listing.
const std::array<Severity, 5>& severities_descending();

// SARIF result/rule level: critical and high -> "error", medium -> "warning", low and info -> "note".
const char* sarif_level(Severity s);
// GitHub's "security-severity" property (a CVSS-like score as a string): critical "9.5",
// high "8.0", medium "5.5", low "3.0", info "1.0".
const char* sarif_security_severity(Severity s);
// A SARIF rule "friendly name" from a title, matching the Multitool's Pascal-case check
// ^(\p{Lu}[\p{Ll}\p{Nd}]+)*$: words are runs of ASCII letters and digits, each capitalised and
// the rest lower-cased; one-letter words are dropped and numbers join the word before them.
// "Base image is not pinned to a digest" -> "BaseImageIsNotPinnedToDigest".
std::string pascal_case(std::string_view title);
// A SARIF artifact URI for a path: relative paths lose any leading "./", use '/' separators and
// percent-encode every byte outside RFC 3986 unreserved characters, sub-delimiters, '@' and '/';
// absolute paths become "file://" URIs. `relative` tells which one it was.
std::string sarif_uri(std::string_view path, bool* relative);

// "12.3 MB" (decimal units, one decimal; bytes as a whole number).
std::string human_size(uint64_t bytes);
// The image summary block of the table report.
std::string image_summary_table(const ImageSummary& summary, bool color);

// The rules a report needs described: report.rules in order, then any rule a finding refers to
// that was not listed, each once (by id).
std::vector<const Rule*> rules_for(const ScanReport& report);

}  // namespace customs
