#pragma once
// Command-line parsing shared by the commands: the CLI11 adapter (CLI11 throws; nothing else
// here does) and the options every scanning command takes.
#include <optional>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/config.h"
#include "findings/severity.h"
#include "report/report.h"

namespace CLI {
class App;
}

namespace customs {

// Parses `args` (the words after the command name) into `cli`. Returns nullopt when the command
// should go on; otherwise the exit code to return: 0 after printing `help` to env.out for
// -h/--help, 2 after printing the usage error to env.err.
std::optional<int> parse_command_line(CLI::App& cli, const std::vector<std::string>& args,
                                      std::string_view command, std::string (*help)(), AppEnv& env);

// The common options of scanning commands, as given.
struct ScanOptions {
  std::string format = "table";
  std::string output;
  std::string fail_on;   // "" when not given
  std::string severity;  // "" when not given
  std::string config;
  bool quiet = false;
  bool no_color = false;
  bool show_suppressed = false;
};

void add_scan_options(CLI::App& cli, ScanOptions& options);
// The help text of the common options (format names come from the reporter table).
std::string scan_options_help();

// The options checked and combined with the config file.
struct ScanSettings {
  const ReporterEntry* reporter = nullptr;
  std::optional<Severity> fail_on;  // nullopt: findings never fail the run
  Severity min_severity = Severity::kInfo;
  Config config;
  RenderOptions render;
};

// Checks the option values and loads the config (--config, else ./customs.yaml). Every error is
// kUsage: an unknown format or severity, a bad or missing config file. --fail-on beats the
// config's fail-on.
Result<ScanSettings> resolve_scan_options(const ScanOptions& options, const AppEnv& env);

// "table, json, sarif".
std::string format_names();

}  // namespace customs
