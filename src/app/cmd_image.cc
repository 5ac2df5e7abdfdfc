// `customs image TARGET`: inspect a container image layer by layer.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <ctime>
#include <ostream>

#include "analyzers/image/check.h"
#include "app/app.h"
#include "app/commands.h"
#include "app/image_scan.h"
#include "app/options.h"
#include "app/output.h"
#include "app/progress.h"

namespace customs {
namespace {

struct ImageOptions {
  ScanOptions scan;
  std::string target;
  std::string image_name;
  std::string platform;
  bool rootfs = false;
  bool insecure = false;
  std::string username;
  std::string password;
  int timeout = 60;
  int retries = 3;
  bool no_cache = false;
  std::string cache_dir;
  uint64_t cache_max_mb = 2048;
  int max_age_days = -1;
  unsigned workers = 0;
  uint64_t max_expansion_ratio = DecompressLimits{}.max_ratio;
};

void add_image_options(CLI::App& cli, ImageOptions& o) {
  add_scan_options(cli, o.scan);
  cli.add_option("target", o.target);
  cli.add_option("--image", o.image_name);
  cli.add_option("--platform", o.platform);
  cli.add_flag("--rootfs", o.rootfs);
  cli.add_flag("--insecure", o.insecure);
  cli.add_option("--username", o.username);
  cli.add_option("--password", o.password);
  cli.add_option("--timeout", o.timeout)->check(CLI::Range(1, 3600));
  cli.add_option("--retries", o.retries)->check(CLI::Range(0, 20));
  cli.add_flag("--no-cache", o.no_cache);
  cli.add_option("--cache-dir", o.cache_dir);
  cli.add_option("--cache-max-mb", o.cache_max_mb)->check(CLI::Range(1, 1 << 24));
  cli.add_option("--max-age-days", o.max_age_days)->check(CLI::Range(1, 100000));
  cli.add_option("--workers", o.workers)->check(CLI::Range(1, 256));
  cli.add_option("--max-expansion-ratio", o.max_expansion_ratio);
}

// $XDG_CACHE_HOME/customs/layers, else ~/.cache/customs/layers, else "" (no cache).
std::string default_cache_dir(const AppEnv& env) {
  std::string base = env.env_var("XDG_CACHE_HOME");
  if (base.empty() && !env.env_var("HOME").empty()) base = env.env_var("HOME") + "/.cache";
  return base.empty() ? "" : base + "/customs/layers";
}

std::vector<std::string> auth_files(const AppEnv& env) {
  std::vector<std::string> files;
  if (!env.env_var("REGISTRY_AUTH_FILE").empty()) files.push_back(env.env_var("REGISTRY_AUTH_FILE"));
  if (!env.env_var("DOCKER_CONFIG").empty()) files.push_back(env.env_var("DOCKER_CONFIG") + "/config.json");
  if (!env.env_var("HOME").empty()) files.push_back(env.env_var("HOME") + "/.docker/config.json");
  return files;
}

// A private folder for registry blobs while they are scanned; removed when the scan ends.
class TempDir {
 public:
  explicit TempDir(const AppEnv& env) {
    std::string base = env.env_var("TMPDIR").empty() ? "/tmp" : env.env_var("TMPDIR");
    std::string pattern = base + "/customs-XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    if (!path_.empty()) ::rmdir(path_.c_str());  // the blobs delete themselves
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

int fail(const std::string& message, int code, AppEnv& env) {
  env.err << "customs image: " << message << "\n";
  return code;
}

std::vector<const Rule*> image_rules() {
  std::vector<const Rule*> rules;
  for (const auto* c : image_checks()) rules.push_back(&c->rule);
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

// Errors in single entries (hostile names, links out of the root) do not stop the scan, but they
// make it exit 3 and are printed here, at most 10, each cut to 700 bytes.
void print_entry_errors(const Diagnostics& diags, AppEnv& env) {
  size_t shown = 0, errors = 0;
  for (const auto& d : diags.items()) {
    if (d.level != DiagLevel::kError) continue;
    if (++errors > 10) continue;
    std::string line = d.message.size() > 700 ? d.message.substr(0, 700) + "..." : d.message;
    env.err << "customs image: " << line << "\n";
    ++shown;
  }
  if (errors > shown) env.err << "customs image: " << errors - shown << " more errors in the report\n";
}

int exit_for_error(const Error& e) { return e.kind == ErrorKind::kUsage ? kExitUsage : kExitInvalidInput; }

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
         scan_options_help() +
         "  --image NAME       the image to read from an archive holding several (repo:tag)\n"
         "  --platform P       os/arch[/variant] of a multi-platform image (linux/amd64)\n"
         "  --rootfs           TARGET is an unpacked root file system directory\n"
         "  --insecure         plain HTTP to the registry (a local test registry)\n"
         "  --username U       registry user (else ~/.docker/config.json, $REGISTRY_AUTH_FILE)\n"
         "  --password P       registry password or token\n"
         "  --timeout S        registry timeout in seconds (60)\n"
         "  --retries N        retries on 429, 5xx and dropped connections (3)\n"
         "  --no-cache         do not use the layer cache\n"
         "  --cache-dir DIR    the layer cache (~/.cache/customs/layers)\n"
         "  --cache-max-mb N   bound of the layer cache; least recently used go first (2048)\n"
         "  --max-age-days N   an image older than this is due for a rebuild (config: 90)\n"
         "  --workers N        layers read at once (one per core)\n"
         "  --max-expansion-ratio N\n"
         "                     a layer may decompress to at most N times its size once past\n"
         "                     256 MiB (250; 0 = no bound): the guard against gzip bombs\n"
         "  -h, --help         show this help\n";
}

int run_image_command(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs image", "customs image");
  ImageOptions o;
  add_image_options(cli, o);
  if (auto code = parse_command_line(cli, args, "image", image_help, env)) return *code;
  if (o.target.empty()) return fail("no TARGET given (see customs image --help)", kExitUsage, env);
  auto settings = resolve_scan_options(o.scan, env);
  if (!settings.ok()) return fail(settings.error().to_string(), kExitUsage, env);
  auto target = resolve_target(o.target, env.fs, o.rootfs);
  if (!target.ok()) return fail(target.error().to_string(), exit_for_error(target.error()), env);

  Policy policy = settings->config.policy;
  if (o.max_age_days > 0) policy.max_image_age_days = o.max_age_days;
  TempDir temp(env);
  ImageScanRequest request;
  request.target = *target;
  request.open.image_name = o.image_name;
  request.open.platform = o.platform;
  request.registry.insecure = o.insecure;
  request.registry.credentials = {o.username, o.password};
  request.registry.auth_files = auth_files(env);
  request.registry.timeout_seconds = o.timeout;
  request.registry.retries = o.retries;
  request.registry.temp_dir = temp.path();
  request.policy = &policy;
  request.use_cache = !o.no_cache;
  request.cache_dir = o.cache_dir.empty() ? default_cache_dir(env) : o.cache_dir;
  request.cache_max_bytes = o.cache_max_mb << 20;
  request.workers = o.workers;
  request.decompress.max_ratio = o.max_expansion_ratio;
  request.now = static_cast<int64_t>(std::time(nullptr));

  ProgressBar progress(env.err, env.stderr_is_tty && !o.scan.quiet, "reading layers", 0, 0);
  auto scan = scan_image(env.fs, request, &progress);
  progress.finish();
  if (!scan.ok()) return fail(scan.error().to_string(), exit_for_error(scan.error()), env);
  if (!o.scan.quiet) print_entry_errors(scan->diagnostics, env);
  ScanReport report = build_report(*scan, settings->min_severity);
  std::string text = settings->reporter->make()->render(report, settings->render);
  Status written = write_output(text, o.scan.output, env);
  if (!written.ok()) return fail(written.error().to_string(), kExitInvalidInput, env);
  if (!o.scan.quiet) {
    const ImageSummary& s = report.images.front();
    size_t cached = 0;
    for (const auto& l : s.layers) cached += l.from_cache;
    env.err << "customs: inspected " << s.reference << ": " << s.layers.size()
            << (s.layers.size() == 1 ? " layer (" : " layers (") << cached << " from cache), "
            << report.findings.size() << " findings\n";
  }
  return exit_code_for(report.findings, settings->fail_on, report.diagnostics.has_errors());
}

}  // namespace customs
