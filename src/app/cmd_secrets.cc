// `customs secrets TARGET`: secrets in every layer of an image (files deleted or overwritten later
// too), in its config and history, or in a directory. What TARGET is decides how it is read: the
// target kinds are rows of a table, and the first row that accepts the target scans it; the
// report, the output and the exit code are the same for every kind.
#include <CLI/CLI.hpp>

#include <ostream>

#include "analyzers/secrets/image_secrets.h"
#include "analyzers/secrets/manifest_secrets.h"
#include "analyzers/secrets/scanner.h"
#include "analyzers/secrets/text_secrets.h"
#include "app/app.h"
#include "app/commands.h"
#include "app/discover.h"
#include "app/image_options.h"
#include "app/image_scan.h"
#include "app/options.h"
#include "app/output.h"
#include "app/progress.h"

namespace customs {

namespace {

struct SecretsOptions {
  ScanOptions scan;
  ImageSourceOptions source;
};

// Everything a target kind needs to scan.
struct SecretsRun {
  const SecretsOptions& options;
  const ScanSettings& settings;
  const SecretScanner& scanner;
  AppEnv& env;
};

// A target kind: whether it takes the target, and the scan that makes its report (targets,
// findings, diagnostics, images). Errors say what could not be read; their kind picks the exit
// code (exit_for_error).
struct SecretsTargetKind {
  std::string_view name;
  bool (*accepts)(const SecretsRun& run);
  Result<ScanReport> (*scan)(const SecretsRun& run);
};

bool any_target(const SecretsRun&) { return true; }

// Images in every form `customs image` reads, and directories as root file systems.
Result<ScanReport> scan_image_target(const SecretsRun& run) {
  const SecretsOptions& o = run.options;
  auto target = resolve_target(o.source.target, run.env.fs, o.source.rootfs);
  if (!target.ok()) return target.error();
  TempDir temp(run.env);
  ImageScanRequest request = make_image_request(o.source, *target, temp, run.env);
  request.policy = &run.settings.config.policy;
  request.secrets = &run.scanner;
  request.secrets_only = true;
  ProgressBar progress(run.env.err, run.env.stderr_is_tty && !o.scan.quiet, "reading layers", 0, 0);
  auto scan = scan_image(run.env.fs, request, &progress);
  progress.finish();
  if (!scan.ok()) return scan.error();
  if (!o.scan.quiet) print_entry_errors(scan->diagnostics, "secrets", run.env.err);
  ScanReport report;
  bool rootfs = scan->meta.source_kind == "rootfs";
  report.targets.push_back(ScanTarget{scan->meta.reference, rootfs ? "rootfs" : "image", true});
  report.diagnostics = scan->diagnostics;
  report.findings = std::move(scan->findings);
  report.images.push_back(std::move(scan->summary));
  return report;
}

// A regular file that is no image archive: a Dockerfile (by name), a Kubernetes or Compose
// manifest (looks_like_manifest), or any other file, scanned as text. A file named like an
// archive stays with the image row, which says why it cannot be read.
bool single_file_target(const SecretsRun& run) {
  const std::string& path = run.options.source.target;
  auto info = run.env.fs.stat(path);
  if (!info.ok() || info->type != FileType::kRegular || run.options.source.rootfs) return false;
  for (std::string_view ext : {".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.xz"})
    if (path.ends_with(ext)) return false;
  auto image = resolve_target(path, run.env.fs, false);
  return !image.ok() || image->kind == TargetKind::kRegistry;
}

Result<ScanReport> scan_single_file_target(const SecretsRun& run) {
  const std::string& path = run.options.source.target;
  auto text = run.env.fs.read_file(path, run.scanner.options().max_file_size);
  if (!text.ok()) return text.error();
  std::string_view base = std::string_view(path).substr(path.rfind('/') + 1);
  SecretFileKind kind = SecretFileKind::kText;
  if (is_dockerfile_name(base)) kind = SecretFileKind::kDockerfile;
  if (looks_like_manifest(path, *text)) kind = SecretFileKind::kManifest;
  ScanReport report;
  FindingSink sink(&run.settings.config.policy);
  Status scanned = scan_file_secrets(run.scanner, path, *text, kind, sink, report.diagnostics);
  if (!scanned.ok()) return scanned.error();
  report.targets.push_back(ScanTarget{path, "file", true});
  report.findings = sink.take();
  return report;
}

// First match wins: rows for narrower kinds go before the image row, which takes everything.
const SecretsTargetKind kTargetKinds[] = {
    {"file", single_file_target, scan_single_file_target},
    {"image", any_target, scan_image_target},
};

void add_secrets_options(CLI::App& cli, SecretsOptions& o) {
  add_scan_options(cli, o.scan);
  add_image_source_options(cli, o.source);
}

int fail(const std::string& message, int code, AppEnv& env) {
  env.err << "customs secrets: " << message << "\n";
  return code;
}

void print_summary(const ScanReport& report, AppEnv& env) {
  env.err << "customs: scanned " << report.targets.front().path << " for secrets";
  if (!report.images.empty() && report.images.front().source_kind != "rootfs") {
    size_t layers = report.images.front().layers.size();
    env.err << " (" << layers << (layers == 1 ? " layer" : " layers") << " and the config)";
  }
  env.err << ": " << report.findings.size() << (report.findings.size() == 1 ? " finding\n" : " findings\n");
}

}  // namespace

std::string secrets_help() {
  return "Usage: customs secrets TARGET [options]\n"
         "\n"
         "Finds credentials and private keys in every file of every layer of an image\n"
         "(files deleted or overwritten by a later layer too: they can still be pulled\n"
         "out of the layer that added them), inside zip/jar/war/ear archives, and in the\n"
         "image config (Env, Labels, the history's build commands and ARG values).\n"
         "Secret values are never shown: findings carry a masked form and a hash.\n"
         "TARGET is what customs image takes (docker-archive, OCI layout or archive,\n"
         "registry reference) or a directory, scanned as a root file system.\n"
         "customs.yaml's secrets: section sets the rules, allowlists and size limits\n"
         "(docs/secrets.md).\n"
         "\n"
         "Options:\n" +
         scan_options_help() + image_source_options_help() + "  -h, --help         show this help\n";
}

int run_secrets_command(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs secrets", "customs secrets");
  SecretsOptions o;
  add_secrets_options(cli, o);
  if (auto code = parse_command_line(cli, args, "secrets", secrets_help, env)) return *code;
  if (o.source.target.empty()) return fail("no TARGET given (see customs secrets --help)", kExitUsage, env);
  auto settings = resolve_scan_options(o.scan, env);
  if (!settings.ok()) return fail(settings.error().to_string(), kExitUsage, env);
  auto scanner = SecretScanner::create(settings->config.secrets);
  if (!scanner.ok()) return fail(scanner.error().to_string(), kExitInvalidInput, env);
  SecretsRun run{o, *settings, **scanner, env};
  const SecretsTargetKind* kind = nullptr;
  for (const auto& k : kTargetKinds)
    if (kind == nullptr && k.accepts(run)) kind = &k;
  auto report = kind->scan(run);
  if (!report.ok()) return fail(report.error().to_string(), exit_for_error(report.error()), env);
  report->tool_version = CUSTOMS_VERSION;
  report->command = "secrets";
  report->rules = secret_rule_list();
  drop_below(report->findings, settings->min_severity);
  std::string text = settings->reporter->make()->render(*report, settings->render);
  Status written = write_output(text, o.scan.output, env);
  if (!written.ok()) return fail(written.error().to_string(), kExitInvalidInput, env);
  if (!o.scan.quiet) print_summary(*report, env);
  return exit_code_for(report->findings, settings->fail_on, report->diagnostics.has_errors());
}

}  // namespace customs
