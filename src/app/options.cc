#include "app/options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <ostream>

#include "app/app.h"
#include "app/output.h"
#include "core/strings.h"

namespace customs {

std::optional<int> parse_command_line(CLI::App& cli, const std::vector<std::string>& args,
                                      std::string_view command, std::string (*help)(), AppEnv& env) {
  cli.set_help_flag("-h,--help");
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them in reverse
  try {
    cli.parse(std::move(reversed));
  } catch (const CLI::CallForHelp&) {
    env.out << help();
    return kExitClean;
  } catch (const CLI::ParseError& e) {
    env.err << "customs " << command << ": " << e.what() << "\nRun 'customs " << command
            << " --help' for usage.\n";
    return kExitUsage;
  } catch (const CLI::Error& e) {
    env.err << "customs " << command << ": " << e.what() << "\n";
    return kExitUsage;
  }
  return std::nullopt;
}

void add_scan_options(CLI::App& cli, ScanOptions& o) {
  cli.add_option("--format", o.format);
  cli.add_option("--output", o.output);
  cli.add_option("--fail-on", o.fail_on);
  cli.add_option("--severity", o.severity);
  cli.add_option("--config", o.config);
  cli.add_flag("--quiet", o.quiet);
  cli.add_flag("--no-color", o.no_color);
  cli.add_flag("--show-suppressed", o.show_suppressed);
}

std::string format_names() {
  std::string names;
  for (const auto& r : reporters()) names += (names.empty() ? "" : ", ") + std::string(r.name);
  return names;
}

std::string scan_options_help() {
  return "  --format NAME      report format: " + format_names() +
         " (default table)\n"
         "  --output FILE      write the report to FILE; nothing goes to stdout\n"
         "  --severity LEVEL   report only findings at or above LEVEL\n"
         "                     (info, low, medium, high, critical; default info)\n"
         "  --fail-on LEVEL    exit 1 when an unsuppressed reported finding is at or above\n"
         "                     LEVEL; 'none' (the default) exits 0 whatever is found\n"
         "  --config FILE      settings file (default: ./customs.yaml when it exists)\n"
         "  --show-suppressed  list suppressed findings in the table too\n"
         "  --no-color         no colours (also when NO_COLOR is set)\n"
         "  --quiet            no notes or progress on stderr; the report still prints\n";
}

namespace {

Error usage_error(std::string message) { return make_error(ErrorKind::kUsage, std::move(message)); }

}  // namespace

Result<ScanSettings> resolve_scan_options(const ScanOptions& o, const AppEnv& env) {
  ScanSettings s;
  s.reporter = find_reporter(o.format);
  if (!s.reporter) return usage_error("unknown format '" + o.format + "' (valid: " + format_names() + ")");
  if (!o.severity.empty()) {
    auto sev = severity_from(o.severity);
    if (!sev)
      return usage_error("unknown severity '" + o.severity +
                         "' for --severity (valid: info, low, medium, high, critical)");
    s.min_severity = *sev;
  }
  auto config = load_config(env.fs, o.config);
  if (!config.ok()) return config.error();
  s.config = std::move(*config);
  s.fail_on = s.config.fail_on;
  if (!o.fail_on.empty()) {
    if (iequals(o.fail_on, "none")) {
      s.fail_on.reset();
    } else {
      auto sev = severity_from(o.fail_on);
      if (!sev)
        return usage_error("unknown severity '" + o.fail_on +
                           "' for --fail-on (valid: info, low, medium, high, critical, none)");
      s.fail_on = *sev;
    }
  }
  s.render.color = use_color(o.format, o.output, o.no_color, env);
  s.render.show_suppressed = o.show_suppressed;
  return s;
}

}  // namespace customs
