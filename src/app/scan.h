#pragma once
// Checking one Dockerfile: read, parse, run the checks, apply the pragmas, and for --fix/--diff
// compute the fixed text and check it again. Pure apart from reading through the FsView, so many
// files can be checked at once.
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "findings/finding.h"
#include "findings/policy.h"
#include "io/fs.h"

namespace customs {

struct FileScan {
  std::string path;
  bool parsed = false;  // false: unreadable or unparseable; `error` says why
  Error error;
  std::string source;             // the bytes read
  std::vector<Finding> findings;  // of `source`, or of `fixed` after a fix
  Diagnostics diagnostics;
  std::string fixed;  // the source with the fixes applied (when fixes_applied > 0)
  int fixes_applied = 0;
};

struct ScanRequest {
  const Policy* policy = nullptr;
  bool fix = false;                             // compute `fixed` and report the findings left in it
  Severity fix_min_severity = Severity::kInfo;  // fix only findings at or above this
  bool recheck = true;  // with fix: report the findings of the fixed text (false: of the source)
};

// Checks `bytes` as the Dockerfile at `path`.
FileScan scan_dockerfile_bytes(std::string bytes, const std::string& path, bool has_dockerignore,
                               const ScanRequest& request);

// Reads `path` through `fs` (bounded by the parser's size limit) and checks it.
FileScan scan_dockerfile_file(const FsView& fs, const std::string& path, const ScanRequest& request);

}  // namespace customs
