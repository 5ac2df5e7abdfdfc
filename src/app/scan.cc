#include "app/scan.h"

#include "app/discover.h"

#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile/pragmas.h"
#include "findings/fix.h"
#include "findings/sink.h"
#include "sources/dockerfile/parser.h"

namespace customs {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

struct CheckOutcome {
  bool parsed = false;
  Error error;
  std::vector<Finding> findings;
  Diagnostics diagnostics;
};

CheckOutcome check_bytes(const std::string& bytes, const std::string& path, bool has_dockerignore,
                         const Policy& policy) {
  CheckOutcome out;
  auto df = parse_dockerfile(bytes, path, out.diagnostics);
  if (!df.ok()) {
    out.error = df.error();
    if (out.error.where.file.empty()) out.error.where.file = path;
    return out;
  }
  out.parsed = true;
  DockerfileContext ctx{*df, policy, has_dockerignore};
  FindingSink sink(&policy);
  run_dockerfile_checks(ctx, sink);
  apply_pragmas(ctx, sink);
  out.findings = sink.take();
  return out;
}

// The edits of the findings --fix may act on: unsuppressed, at or above the minimum severity.
std::vector<TextEdit> fix_edits_of(const std::vector<Finding>& findings, Severity min) {
  std::vector<TextEdit> edits;
  for (const auto& f : findings) {
    if (f.suppressed || f.severity < min) continue;
    edits.insert(edits.end(), f.fix_edits.begin(), f.fix_edits.end());
  }
  return edits;
}

// Applies the fixes to scan.source and re-checks the result. A fix that cannot be applied or that
// leaves a file the parser refuses is dropped with a diagnostic; the file is then left as it was.
void fix_and_recheck(FileScan& scan, bool has_dockerignore, const ScanRequest& request) {
  auto edits = fix_edits_of(scan.findings, request.fix_min_severity);
  if (edits.empty()) return;
  // Edit positions index the text after a byte-order mark (as the parser saw it); the mark is kept.
  std::string_view body = scan.source;
  bool bom = body.substr(0, kBom.size()) == kBom;
  if (bom) body.remove_prefix(kBom.size());
  auto outcome = apply_edits(body, std::move(edits));
  if (outcome.ok() && bom) outcome->text.insert(0, kBom);
  if (!outcome.ok()) {
    scan.diagnostics.warning("fix.invalid-edit", "fixes not applied: " + outcome.error().message,
                             Location{scan.path});
    return;
  }
  if (outcome->applied == 0 || outcome->text == scan.source) return;
  CheckOutcome again = check_bytes(outcome->text, scan.path, has_dockerignore, *request.policy);
  if (!again.parsed) {
    scan.diagnostics.warning("fix.broke-file",
                             "fixes not applied: the fixed file would not parse: " + again.error.message,
                             Location{scan.path});
    return;
  }
  scan.fixed = std::move(outcome->text);
  scan.fixes_applied = outcome->applied;
  if (!request.recheck) return;
  scan.findings = std::move(again.findings);
  scan.diagnostics = std::move(again.diagnostics);
}

}  // namespace

FileScan scan_dockerfile_bytes(std::string bytes, const std::string& path, bool has_dockerignore,
                               const ScanRequest& request) {
  static const Policy kDefaultPolicy;
  ScanRequest req = request;
  if (!req.policy) req.policy = &kDefaultPolicy;
  FileScan scan;
  scan.path = path;
  scan.source = std::move(bytes);
  CheckOutcome first = check_bytes(scan.source, path, has_dockerignore, *req.policy);
  scan.parsed = first.parsed;
  scan.error = std::move(first.error);
  scan.findings = std::move(first.findings);
  scan.diagnostics = std::move(first.diagnostics);
  if (scan.parsed && req.fix) fix_and_recheck(scan, has_dockerignore, req);
  return scan;
}

FileScan scan_dockerfile_file(const FsView& fs, const std::string& path, const ScanRequest& request) {
  auto bytes = fs.read_file(path, DockerfileParseLimits{}.max_bytes);
  if (!bytes.ok()) {
    FileScan scan;
    scan.path = path;
    scan.error = bytes.error();
    if (scan.error.where.file.empty()) scan.error.where.file = path;
    return scan;
  }
  return scan_dockerfile_bytes(std::move(*bytes), path, has_dockerignore(fs, path), request);
}

}  // namespace customs
