// `customs dockerfile [PATH...]`: find, check, fix and report Dockerfiles.
#include <CLI/CLI.hpp>
#include <exception>
#include <ostream>

#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile/pragmas.h"
#include "app/app.h"
#include "app/commands.h"
#include "app/discover.h"
#include "app/options.h"
#include "app/output.h"
#include "app/parallel.h"
#include "app/scan.h"
#include "findings/fix.h"

namespace customs {

namespace {

struct DockerfileOptions {
  ScanOptions scan;
  std::vector<std::string> paths;
  bool fix = false;
  bool diff = false;
};

// "1 file", "2 files"; `many` when the plural is not word + "s".
std::string plural(size_t n, std::string_view word, std::string_view many = {}) {
  std::string w(n == 1 ? word : many.empty() ? std::string(word) + "s" : many);
  return std::to_string(n) + " " + w;
}

// Checks every file, in parallel; scans[i] belongs to files[i] whatever the scheduling.
std::vector<FileScan> scan_all(const FsView& fs, const std::vector<std::string>& files,
                               const ScanRequest& request) {
  std::vector<FileScan> scans(files.size());
  parallel_for(files.size(), [&](size_t i) {
    try {
      scans[i] = scan_dockerfile_file(fs, files[i], request);
    } catch (const std::exception& e) {
      scans[i] = FileScan{};
      scans[i].path = files[i];
      scans[i].error =
          make_error(ErrorKind::kInternal, std::string("internal error: ") + e.what(), Location{files[i]});
    }
  });
  return scans;
}

const char* diagnostic_code(const Error& e) {
  switch (e.kind) {
    case ErrorKind::kNotFound:
    case ErrorKind::kIo: return "input.unreadable";
    case ErrorKind::kLimit: return "input.too-large";
    case ErrorKind::kInternal: return "internal";
    default: return "parse.failed";
  }
}

std::vector<const Rule*> all_rules() {
  std::vector<const Rule*> rules;
  for (const auto* c : dockerfile_checks()) rules.push_back(&c->rule);
  for (const auto& r : pragma_rules()) rules.push_back(&r);
  return rules;
}

// Writes the fixed files; returns false when one could not be written.
bool write_fixes(std::vector<FileScan>& scans, bool quiet, AppEnv& env) {
  bool ok = true;
  int fixes = 0, files = 0;
  for (auto& s : scans) {
    if (s.fixes_applied == 0) continue;
    Status w = env.fs.write_file(s.path, s.fixed);
    if (!w.ok()) {
      env.err << "customs: " << w.error().to_string() << "\n";
      ok = false;
      continue;
    }
    fixes += s.fixes_applied;
    ++files;
  }
  if (!quiet)
    env.err << "customs: applied " << plural(fixes, "fix", "fixes") << " to " << plural(files, "file")
            << "\n";
  return ok;
}

std::string diffs_of(const std::vector<FileScan>& scans, bool quiet, AppEnv& env) {
  std::string text;
  int fixes = 0, files = 0;
  for (const auto& s : scans) {
    if (s.fixes_applied == 0) continue;
    text += unified_diff(s.path, s.source, s.fixed);
    fixes += s.fixes_applied;
    ++files;
  }
  if (!quiet)
    env.err << "customs: " << plural(fixes, "fix", "fixes") << " in " << plural(files, "file")
            << " (nothing written)\n";
  return text;
}

// Prints diagnostics at or above `min` (errors: input customs could only partly understand) on
// stderr, at most kMaxErrorLines of them, so that bad input never passes with only a line in the
// report.
void print_errors(const Diagnostics& diags, AppEnv& env, DiagLevel min = DiagLevel::kError) {
  constexpr size_t kMaxErrorLines = 10;
  size_t shown = 0, errors = 0;
  std::string file;
  for (const auto& d : diags.items()) {
    if (d.level < min) continue;
    if (++errors > kMaxErrorLines) continue;
    file = d.where.file;
    std::string at = d.where.to_string();
    env.err << "customs: " << (at.empty() ? "" : at + ": ") << d.message << "\n";
    ++shown;
  }
  if (errors > shown)
    env.err << "customs: " << file << ": " << plural(errors - shown, "more error") << " in the report\n";
}

ScanReport build_report(std::vector<FileScan>& scans, const Diagnostics& discovery, Severity min_severity,
                        bool quiet, AppEnv& env) {
  ScanReport report;
  if (!quiet) print_errors(discovery, env, DiagLevel::kWarning);
  report.diagnostics.append(discovery);
  report.tool_version = CUSTOMS_VERSION;
  report.command = "dockerfile";
  report.rules = all_rules();
  for (auto& s : scans) {
    report.targets.push_back(ScanTarget{s.path, "dockerfile", s.parsed});
    if (!s.parsed) {
      report.diagnostics.error(diagnostic_code(s.error), s.error.message, s.error.where);
      if (!quiet) env.err << "customs: " << s.error.to_string() << "\n";
    }
    if (!quiet) print_errors(s.diagnostics, env);
    report.diagnostics.append(s.diagnostics);
    drop_below(s.findings, min_severity);
    for (auto& f : s.findings) report.findings.push_back(std::move(f));
  }
  return report;
}

void print_summary(const ScanReport& report, AppEnv& env) {
  size_t suppressed = 0, unreadable = 0;
  for (const auto& f : report.findings) suppressed += f.suppressed;
  for (const auto& t : report.targets) unreadable += !t.parsed;
  env.err << "customs: checked " << plural(report.targets.size(), "file") << ": "
          << plural(report.findings.size(), "finding");
  if (suppressed) env.err << " (" << suppressed << " suppressed)";
  if (unreadable) env.err << ", " << unreadable << " could not be checked";
  env.err << "\n";
}

int fail(std::string_view message, int code, AppEnv& env) {
  env.err << "customs dockerfile: " << message << "\n";
  return code;
}

}  // namespace

std::string dockerfile_help() {
  return "Usage: customs dockerfile [PATH...] [options]\n"
         "\n"
         "Checks Dockerfiles and Containerfiles for security problems. Each PATH is a file\n"
         "(any name) or a directory searched recursively for Dockerfile, Containerfile,\n"
         "*.Dockerfile, *.dockerfile, Dockerfile.* and Containerfile.* (skipping .git and\n"
         "node_modules). The default PATH is the current directory.\n"
         "\n"
         "Options:\n" +
         scan_options_help() +
         "  --fix              apply the safe mechanical fixes to the files, then report\n"
         "                     what is left\n"
         "  --diff             print the fixes as unified diffs instead of the report;\n"
         "                     change nothing\n"
         "  -h, --help         show this help\n";
}

int run_dockerfile_command(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs dockerfile", "customs dockerfile");
  DockerfileOptions o;
  add_scan_options(cli, o.scan);
  cli.add_flag("--fix", o.fix);
  cli.add_flag("--diff", o.diff);
  cli.add_option("paths", o.paths);
  if (auto code = parse_command_line(cli, args, "dockerfile", dockerfile_help, env)) return *code;
  if (o.fix && o.diff) return fail("--fix and --diff cannot be used together", kExitUsage, env);
  auto settings = resolve_scan_options(o.scan, env);
  if (!settings.ok()) return fail(settings.error().to_string(), kExitUsage, env);
  if (o.paths.empty()) o.paths.push_back(".");

  Diagnostics discovery;
  auto files = discover_dockerfiles(env.fs, o.paths, DiscoverLimits{}, &discovery);
  if (!files.ok()) return fail(files.error().to_string(), kExitInvalidInput, env);
  ScanRequest request{&settings->config.policy, o.fix || o.diff, settings->min_severity, !o.diff};
  std::vector<FileScan> scans = scan_all(env.fs, *files, request);

  bool quiet = o.scan.quiet;
  bool write_failed = o.fix && !write_fixes(scans, quiet, env);
  std::string diff_text = o.diff ? diffs_of(scans, quiet, env) : "";
  ScanReport report = build_report(scans, discovery, settings->min_severity, quiet, env);
  std::string text = o.diff ? diff_text : settings->reporter->make()->render(report, settings->render);
  Status written = write_output(text, o.scan.output, env);
  if (!written.ok()) return fail(written.error().to_string(), kExitInvalidInput, env);
  if (!quiet) print_summary(report, env);
  // Unreadable files and files with errors (an unterminated heredoc, an unknown instruction) are
  // invalid input: exit 3 even though the rest of them was checked.
  bool input_error = write_failed || report.diagnostics.has_errors();
  for (const auto& t : report.targets) input_error |= !t.parsed;
  return exit_code_for(report.findings, settings->fail_on, input_error);
}

}  // namespace customs
