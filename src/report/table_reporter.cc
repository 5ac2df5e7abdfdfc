// The table reporter: findings for people, grouped by file, then by severity (most severe first).
// Files with nothing to show print nothing; the summary line counts them.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/strings.h"
#include "report/reporters.h"
#include "report/terminal.h"
#include "report/vuln_table.h"

namespace customs {
namespace {

constexpr size_t kWrapWidth = 100;      // why/fix text, including the indent
constexpr size_t kEvidenceBytes = 160;  // per evidence line
constexpr size_t kEvidenceLines = 3;
constexpr const char* kIndent = "    ";

struct FileGroup {
  std::string file;
  std::vector<const Finding*> findings;
  std::vector<const Diagnostic*> diagnostics;
};

// Groups in target order, then in order of first appearance; only groups with something to show.
std::vector<FileGroup> group_by_file(const ScanReport& report, bool show_suppressed) {
  std::vector<FileGroup> groups;
  std::map<std::string, size_t> index;
  auto group = [&](const std::string& file) -> FileGroup& {
    auto [it, added] = index.emplace(file, groups.size());
    if (added) groups.push_back(FileGroup{file, {}, {}});
    return groups[it->second];
  };
  for (const ScanTarget& t : report.targets) group(t.path);
  for (const Finding& f : report.findings)
    if (show_suppressed || !f.suppressed) group(f.location.file).findings.push_back(&f);
  for (const Diagnostic& d : report.diagnostics.items()) group(d.where.file).diagnostics.push_back(&d);
  std::erase_if(groups, [](const FileGroup& g) { return g.findings.empty() && g.diagnostics.empty(); });
  for (FileGroup& g : groups) {
    std::stable_sort(g.findings.begin(), g.findings.end(), [](const Finding* a, const Finding* b) {
      if (a->severity != b->severity) return a->severity > b->severity;
      if (a->location.line != b->location.line) return a->location.line < b->location.line;
      if (a->location.column != b->location.column) return a->location.column < b->location.column;
      return a->rule_id() < b->rule_id();
    });
  }
  return groups;
}

// "12:5", "12", or "-" for a whole-file location; image content adds the path and layer.
std::string position(const Location& loc) {
  std::string out;
  if (!loc.path.empty()) out = loc.path + (loc.line > 0 ? ":" : "");
  if (loc.line > 0) {
    out += std::to_string(loc.line);
    if (loc.column > 0) out += ":" + std::to_string(loc.column);
  }
  if (out.empty()) out = "-";
  if (loc.layer_index >= 0)
    out += " (layer " + std::to_string(loc.layer_index) + " " + truncate_utf8(loc.layer_digest, 19) + ")";
  else if (!loc.layer_digest.empty())
    out += " (layer " + truncate_utf8(loc.layer_digest, 19) + ")";
  return printable(out);
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

// "    label: text", wrapped with a hanging indent.
void add_wrapped(std::string& out, std::string_view label, std::string_view text, bool color) {
  if (text.empty()) return;
  std::string lead = std::string(kIndent) + std::string(label) + ": ";
  std::vector<std::string> lines = wrap(printable(text), kWrapWidth - lead.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    out += i == 0 ? std::string(kIndent) + styled(std::string(label) + ":", Style::kDim, color) + " "
                  : std::string(lead.size(), ' ');
    out += lines[i] + "\n";
  }
}

void add_evidence(std::string& out, std::string_view evidence, bool color) {
  if (evidence.empty()) return;
  std::vector<std::string> lines = split(evidence, '\n');
  for (size_t i = 0; i < lines.size() && i < kEvidenceLines; ++i) {
    std::string shown = i + 1 == kEvidenceLines && lines.size() > kEvidenceLines
                            ? "..."
                            : printable(truncate_utf8(lines[i], kEvidenceBytes));
    out += std::string(kIndent) + styled("> " + shown, Style::kDim, color) + "\n";
  }
}

void add_finding(std::string& out, const Finding& f, bool color) {
  const Rule& rule = rule_of(f);
  std::string sev = to_upper(to_string(f.severity));
  out += "  " + styled(pad(sev, 8), severity_style(f.severity), color) + "  " +
         styled(printable(rule.id), Style::kCyan, color) + "  " + position(f.location) + "  " +
         styled(printable(rule.title), Style::kBold, color);
  if (f.suppressed) {
    std::string how = f.suppression_kind.empty() ? "" : " (" + f.suppression_kind + ")";
    std::string why = f.suppression_reason.empty() ? "" : ": " + f.suppression_reason;
    out += "  " + styled(printable("[suppressed" + how + why + "]"), Style::kMagenta, color);
  }
  out += "\n";
  if (!f.message.empty()) out += std::string(kIndent) + printable(f.message) + "\n";
  add_evidence(out, f.evidence, color);
  if (!f.location.layer_created_by.empty())
    add_wrapped(out,
                f.location.layer_index >= 0 ? "layer " + std::to_string(f.location.layer_index) : "history",
                truncate_utf8(f.location.layer_created_by, 200), color);
  add_wrapped(out, "why", rule.why, color);
  add_wrapped(out, "fix", rule.fix, color);
}

void add_diagnostic(std::string& out, const Diagnostic& d, bool color) {
  Style style = d.level == DiagLevel::kError     ? Style::kRed
                : d.level == DiagLevel::kWarning ? Style::kYellow
                                                 : Style::kDim;
  out += "  " + styled(pad(to_upper(to_string(d.level)), 8), style, color) + "  " + position(d.where) + "  " +
         printable(d.message) + (d.code.empty() ? "" : " [" + printable(d.code) + "]") + "\n";
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string summary_line(const ScanReport& report, bool color) {
  ReportCounts c = count_findings(report);
  std::string out = "Summary: ";
  if (c.unsuppressed == 0) {
    out += styled("no findings", Style::kGreen, color);
  } else {
    std::vector<std::string> parts;
    for (Severity s : severities_descending()) {
      std::string part = std::to_string(c.of(s)) + " " + to_string(s);
      parts.push_back(c.of(s) > 0 ? styled(part, severity_style(s), color) : part);
    }
    out += plural(c.unsuppressed, "finding", "findings") + " (" + join(parts, ", ") + ")";
  }
  bool images = !report.images.empty();
  out += " in " +
         plural(static_cast<int>(report.targets.size()), images ? "image" : "file",
                images ? "images" : "files") +
         " scanned";
  out += ", " + std::to_string(c.suppressed) + " suppressed";
  out += ", " + plural(static_cast<int>(report.diagnostics.items().size()), "diagnostic", "diagnostics");
  return out + "\n";
}

class TableReporter : public Reporter {
 public:
  std::string render(const ScanReport& report, const RenderOptions& options) const override {
    std::string out;
    for (const ImageSummary& image : report.images) out += image_summary_table(image, options.color);
    if (report.command == "image" || report.command == "sbom")
      out += vuln_table(report.vulns, options.color, options.show_suppressed);
    for (const FileGroup& g : group_by_file(report, options.show_suppressed)) {
      out += styled(g.file.empty() ? "(no file)" : printable(g.file), Style::kBold, options.color) + "\n";
      for (const Finding* f : g.findings) add_finding(out, *f, options.color);
      for (const Diagnostic* d : g.diagnostics) add_diagnostic(out, *d, options.color);
      out += "\n";
    }
    return out + summary_line(report, options.color);
  }
};

}  // namespace

std::unique_ptr<Reporter> make_table_reporter() { return std::make_unique<TableReporter>(); }

}  // namespace customs
