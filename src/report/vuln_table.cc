#include "report/vuln_table.h"

#include <cstdio>

#include "core/strings.h"
#include "report/terminal.h"
#include "vulndb/severity.h"

namespace customs {

namespace {

std::string padded(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

Style style_of(const std::string& severity) {
  auto s = severity_from(severity);
  return s ? severity_style(*s) : Style::kDim;
}

std::string fix_text(const Vulnerability& v) {
  if (!v.fixed_versions.empty()) return join(v.fixed_versions, ", ");
  switch (v.state) {
    case FixState::kUnfixed: return "no fix yet";
    case FixState::kWontFix: return "will not be fixed";
    case FixState::kEndOfLife: return "end of life";
    default: return "no fix known";
  }
}

std::string triage_text(const Vulnerability& v) {
  std::string out;
  if (v.kev) out += "KEV " + v.kev->date_added;
  if (v.epss) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "EPSS %.1f%% (p%.0f)", v.epss->epss * 100, v.epss->percentile * 100);
    out += (out.empty() ? "" : ", ") + std::string(buf);
  }
  return out;
}

void add_row(std::string& out, const Vulnerability& v, bool color) {
  std::string sev = to_upper(v.severity);
  std::string score;
  if (v.score) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " %.1f", *v.score);
    score = buf;
  }
  out += "  " + styled(padded(sev + score, 13), style_of(v.severity), color) + printable(v.id) + "  " +
         printable(v.package_name) + " " + printable(v.installed_version) + " -> " + printable(fix_text(v)) +
         "\n";
  std::string where = v.path + " (layer " + std::to_string(v.layer_index) +
                      (v.in_base_image ? ", base image" : ", application") + ")";
  out += "               " + styled(printable(where), Style::kDim, color) + "\n";
  std::string why =
      "severity from " + (v.severity_source.empty() ? std::string("no source") : v.severity_source);
  if (!v.aliases.empty()) why += "; also " + join(v.aliases, ", ");
  out += "               " + printable(truncate_utf8(why, 300)) + "\n";
  std::string triage = triage_text(v);
  if (!triage.empty()) out += "               " + styled(triage, Style::kMagenta, color) + "\n";
  if (!v.summary.empty()) out += "               " + printable(truncate_utf8(v.summary, 160)) + "\n";
  if (!v.note.empty()) out += "               note: " + printable(truncate_utf8(v.note, 300)) + "\n";
  if (v.suppressed)
    out +=
        "               suppressed (" + v.suppression_kind + "): " + printable(v.suppression_reason) + "\n";
}

}  // namespace

std::string vuln_table(const VulnSection& s, bool color, bool show_suppressed) {
  std::string out = styled("Vulnerabilities", Style::kBold, color) + "\n";
  if (!s.scanned) return out + "  not scanned: " + printable(s.why) + "\n\n";
  size_t shown = 0, suppressed = 0;
  int counts[6] = {};
  for (const auto& v : s.items) {
    if (v.suppressed)
      ++suppressed;
    else
      ++counts[severity_rank(v.severity)];
    if (v.suppressed && !show_suppressed) continue;
    add_row(out, v, color);
    ++shown;
  }
  if (shown == 0) out += "  " + styled("none found", Style::kGreen, color) + "\n";
  out += "  " + std::to_string(s.items.size() - suppressed) + " vulnerabilities (" +
         std::to_string(counts[5]) + " critical, " + std::to_string(counts[4]) + " high, " +
         std::to_string(counts[3]) + " medium, " + std::to_string(counts[2]) + " low, " +
         std::to_string(counts[0] + counts[1]) + " unknown) in " + std::to_string(s.stats.matched_packages) +
         " of " + std::to_string(s.stats.packages) + " packages, " + std::to_string(suppressed) +
         " suppressed";
  if (s.stats.os_owned_skipped > 0)
    out += "; " + std::to_string(s.stats.os_owned_skipped) +
           " language packages installed by OS packages matched through those (--os-owned=match to also "
           "match them)";
  return out + "\n\n";
}

}  // namespace customs
