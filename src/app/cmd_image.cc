// `customs image TARGET`: inspect a container image layer by layer.
#include <CLI/CLI.hpp>

#include <ostream>

#include "analyzers/image/check.h"
#include "analyzers/secrets/image_secrets.h"
#include "app/app.h"
#include "app/commands.h"
#include "app/image_options.h"
#include "app/image_scan.h"
#include "app/options.h"
#include "app/output.h"
#include "app/progress.h"
#include "app/vuln_options.h"

namespace customs {
namespace {

struct ImageOptions {
  ScanOptions scan;
  ImageSourceOptions source;
  VulnOptions vulns;
  int max_age_days = -1;
};

void add_image_options(CLI::App& cli, ImageOptions& o) {
  add_scan_options(cli, o.scan);
  add_image_source_options(cli, o.source);
  add_vuln_options(cli, o.vulns);
  cli.add_option("--max-age-days", o.max_age_days)->check(CLI::Range(1, 100000));
}

int fail(const std::string& message, int code, AppEnv& env) {
  env.err << "customs image: " << message << "\n";
  return code;
}

std::vector<const Rule*> image_rules() {
  std::vector<const Rule*> rules;
  for (const auto* c : image_checks()) rules.push_back(&c->rule);
  for (const Rule* r : secret_rule_list()) rules.push_back(r);
  return rules;
}

ScanReport build_report(ImageScan& scan, Severity min_severity) {
  ScanReport report;
  report.tool_version = CUSTOMS_VERSION;
  report.command = "image";
  report.rules = image_rules();
  report.targets.push_back(
      ScanTarget{scan.meta.reference, scan.meta.source_kind == "rootfs" ? "rootfs" : "image", true});
  report.diagnostics = scan.diagnostics;
  drop_below(scan.findings, min_severity);
  report.findings = std::move(scan.findings);
  report.images.push_back(std::move(scan.summary));
  return report;
}

}  // namespace

bool image_option_takes_value(const std::string& name) {
  CLI::App cli;
  ImageOptions o;
  add_image_options(cli, o);
  const CLI::Option* option = cli.get_option_no_throw(name);
  return option != nullptr && option->get_items_expected_min() > 0;
}

std::string image_help() {
  return "Usage: customs image TARGET [options]\n"
         "\n"
         "Inspects a container image layer by layer: its config and history, and every file\n"
         "of every layer (files deleted by a later layer too). TARGET is detected:\n"
         "  FILE.tar                 a docker-archive (docker/podman save) or an oci-archive\n"
         "  DIR                      an OCI image layout (index.json), or with --rootfs an\n"
         "                           unpacked root file system\n"
         "  oci:DIR[:TAG]            an OCI layout image by tag (as skopeo writes them)\n"
         "  oci-archive:FILE[:TAG]   an oci-archive image by tag\n"
         "  docker-archive:FILE[:NAME]\n"
         "  [docker://]REF           a registry image: host[:port]/repo[:tag|@digest], or a\n"
         "                           Docker Hub name such as alpine:3.19\n"
         "\n"
         "Options:\n" +
         scan_options_help() + image_source_options_help() +
         "  --max-age-days N   an image older than this is due for a rebuild (config: 90)\n" +
         vuln_options_help() + "  -h, --help         show this help\n";
}

int run_image_command(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs image", "customs image");
  ImageOptions o;
  add_image_options(cli, o);
  if (auto code = parse_command_line(cli, args, "image", image_help, env)) return *code;
  if (o.source.target.empty()) return fail("no TARGET given (see customs image --help)", kExitUsage, env);
  auto settings = resolve_scan_options(o.scan, env);
  if (!settings.ok()) return fail(settings.error().to_string(), kExitUsage, env);
  auto target = resolve_target(o.source.target, env.fs, o.source.rootfs);
  if (!target.ok()) return fail(target.error().to_string(), exit_for_error(target.error()), env);

  Policy policy = settings->config.policy;
  if (o.max_age_days > 0) policy.max_image_age_days = o.max_age_days;
  auto secrets = SecretScanner::create(settings->config.secrets);
  if (!secrets.ok()) return fail(secrets.error().to_string(), kExitInvalidInput, env);
  TempDir temp(env);
  ImageScanRequest request = make_image_request(o.source, *target, temp, env);
  request.policy = &policy;
  request.secrets = secrets->get();

  ProgressBar progress(env.err, env.stderr_is_tty && !o.scan.quiet, "reading layers", 0, 0);
  auto scan = scan_image(env.fs, request, &progress);
  progress.finish();
  if (!scan.ok()) return fail(scan.error().to_string(), exit_for_error(scan.error()), env);
  if (!o.scan.quiet) print_entry_errors(scan->diagnostics, "image", env.err);
  auto vulns = scan_vulnerabilities(scan->inventory, o.vulns, env);
  if (!vulns.ok()) return fail(vulns.error().to_string(), exit_for_error(vulns.error()), env);
  ScanReport report = build_report(*scan, settings->min_severity);
  report.diagnostics.append(vulns->result.diagnostics);
  report.vulns = to_section(std::move(*vulns));
  std::string text = settings->reporter->make()->render(report, settings->render);
  Status written = write_output(text, o.scan.output, env);
  if (!written.ok()) return fail(written.error().to_string(), kExitInvalidInput, env);
  if (!o.scan.quiet) {
    const ImageSummary& s = report.images.front();
    size_t cached = 0;
    for (const auto& l : s.layers) cached += l.from_cache;
    env.err << "customs: inspected " << s.reference << ": " << s.layers.size()
            << (s.layers.size() == 1 ? " layer (" : " layers (") << cached << " from cache), "
            << report.findings.size() << " findings, " << vuln_count_text(report.vulns) << "\n";
  }
  int code = exit_code_for(report.findings, settings->fail_on, report.diagnostics.has_errors());
  return code == kExitClean && vulns_fail(report.vulns, settings->fail_on) ? kExitFindings : code;
}

}  // namespace customs
