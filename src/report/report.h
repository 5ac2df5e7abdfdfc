#pragma once
// What a run produced, handed to a Reporter. Reporters are chosen by name from a table.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "findings/finding.h"
#include "findings/rule.h"

namespace customs {

struct ScanTarget {
  std::string path;    // as the user gave it (or as found walking a directory)
  std::string kind;    // "dockerfile", later "image", "rootfs", ...
  bool parsed = true;  // false when the target could not be read or parsed at all
};

struct ScanReport {
  std::string tool_name = "customs";
  std::string tool_version;
  std::string command;  // "dockerfile"
  std::vector<ScanTarget> targets;
  std::vector<Finding> findings;  // suppressed ones included, marked
  Diagnostics diagnostics;
  std::vector<const Rule*> rules;  // every rule that ran (for SARIF rule metadata)
};

struct RenderOptions {
  bool color = false;            // ANSI colours (table only), on when stdout is a TTY
  bool show_suppressed = false;  // table only: list suppressed findings too
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual std::string render(const ScanReport& report, const RenderOptions& options) const = 0;
};

struct ReporterEntry {
  std::string_view name;  // "table", "json", "sarif"
  std::string_view description;
  std::function<std::unique_ptr<Reporter>()> make;
};

// The name table of reporters.
const std::vector<ReporterEntry>& reporters();
const ReporterEntry* find_reporter(std::string_view name);

}  // namespace customs
