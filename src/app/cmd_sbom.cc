// `customs sbom TARGET`: every package in an image, root file system, directory or single file,
// as a table, JSON, CycloneDX 1.6 or SPDX 2.3; `customs sbom scan FILE` reads an SBOM back.
#include <CLI/CLI.hpp>

#include <ctime>

#include "analyzers/packages/inventory.h"
#include "app/app.h"
#include "app/commands.h"
#include "app/image_options.h"
#include "app/options.h"
#include "app/output.h"
#include "app/progress.h"
#include "app/vuln_options.h"
#include "catalog/catalog.h"
#include "report/cyclonedx_writer.h"
#include "report/inventory_report.h"
#include "report/reporters.h"
#include "report/spdx_writer.h"
#include "report/vuln_table.h"
#include "sources/sbom/sbom_reader.h"

namespace customs {
namespace {

struct SbomOptions {
  ImageSourceOptions source;
  std::string format = "table";
  std::string output;
  bool quiet = false;
  bool no_color = false;
  bool with_vulns = false;  // --vulns (always on for `sbom scan`)
  std::string fail_on;      // exit 1 when an unsuppressed vulnerability is at or above it
  VulnOptions vulns;
};

// A renderer per --format: adding a format is one row.
// `vulns` is null when vulnerabilities were not asked for.
using RenderFn = std::string (*)(const Inventory& inv, const Diagnostics& diags, const VulnSection* vulns,
                                 bool color);
struct SbomFormat {
  std::string_view name;
  RenderFn render;
};

std::string render_table(const Inventory& inv, const Diagnostics& d, const VulnSection* vulns, bool color) {
  std::string out = render_inventory_table(inv, d, color);
  if (vulns != nullptr) out += "\n" + vuln_table(*vulns, color, false);
  return out;
}
std::string render_json(const Inventory& inv, const Diagnostics& d, const VulnSection* vulns, bool) {
  return render_inventory_json(inv, d, vulns);
}
std::string render_cyclonedx(const Inventory& inv, const Diagnostics&, const VulnSection* vulns, bool) {
  SbomWriteOptions options;
  options.vulns = vulns;
  return write_cyclonedx(inv, options);
}
std::string render_spdx(const Inventory& inv, const Diagnostics&, const VulnSection*, bool) {
  return write_spdx(inv, SbomWriteOptions{});
}
// SARIF carries the vulnerabilities (packages are not results).
std::string render_sarif(const Inventory& inv, const Diagnostics& d, const VulnSection* vulns, bool) {
  ScanReport report;
  report.tool_version = inv.tool_version;
  report.command = "sbom";
  report.targets.push_back(ScanTarget{inv.target, inv.target_kind, true});
  report.diagnostics = d;
  if (vulns != nullptr) report.vulns = *vulns;
  return make_sarif_reporter()->render(report, RenderOptions{});
}

constexpr SbomFormat kFormats[] = {
    {"table", render_table}, {"json", render_json},   {"cyclonedx", render_cyclonedx},
    {"spdx", render_spdx},   {"sarif", render_sarif},
};

const SbomFormat* find_format(std::string_view name) {
  for (const auto& f : kFormats)
    if (f.name == name) return &f;
  return nullptr;
}

int fail(const std::string& message, int code, AppEnv& env) {
  env.err << "customs sbom: " << message << "\n";
  return code;
}

// RFC 3339 UTC; $SOURCE_DATE_EPOCH (reproducible builds) pins it.
std::string timestamp(const AppEnv& env) {
  std::time_t now = std::time(nullptr);
  std::string pinned = env.env_var("SOURCE_DATE_EPOCH");
  if (!pinned.empty() && pinned.find_first_not_of("0123456789") == std::string::npos && pinned.size() < 12)
    now = static_cast<std::time_t>(std::stoll(pinned));
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A regular file that is not a tar archive (no "ustar" magic at offset 257): a lockfile, jar,
// binary or package database to catalog on its own.
bool is_single_file(const std::string& path, const FsView& fs) {
  auto info = fs.stat(path);
  if (!info.ok() || info->type != FileType::kRegular) return false;
  auto file = fs.open(path);
  if (!file.ok()) return false;  // let the image reader report the error
  char magic[5] = {};
  auto n = (*file)->read_at(257, magic, sizeof magic);
  return !n.ok() || *n < sizeof magic || std::string_view(magic, sizeof magic) != "ustar";
}

// The path a cataloger expects: the longest suffix of `path` that some cataloger wants
// ("/srv/x/var/lib/dpkg/status" -> "var/lib/dpkg/status"), else the normalised path.
std::string catalog_path(const std::string& path, const FileInfo& info) {
  auto normalised = normalize_entry_path(path, EntryLimits{}, /*allow_absolute=*/true);
  std::string full = normalised.ok() ? *normalised : path;
  FsEntry probe;
  probe.size = info.size;
  probe.mode = info.mode;
  for (size_t start = 0; start < full.size();) {
    probe.path = full.substr(start);
    for (const Cataloger& c : catalogers())
      if (c.wants(probe) > 0) return probe.path;
    size_t slash = full.find('/', start);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return full;
}

Result<Inventory> inventory_of_file(const std::string& path, AppEnv& env, Diagnostics& diags) {
  auto info = env.fs.stat(path);
  if (!info.ok()) return info.error();
  constexpr uint64_t kMaxFile = uint64_t{512} << 20;
  auto bytes = env.fs.read_file(path, kMaxFile);
  if (!bytes.ok()) return bytes.error();
  FsEntry entry;
  entry.path = catalog_path(path, *info);
  entry.size = info->size;
  entry.mode = info->mode;
  CatalogResult result = catalog_file(entry, *bytes, info->size > kMaxFile);
  Inventory inv;
  inv.target = path;
  inv.target_kind = "file";
  inv.name = path;
  inv.os = result.os;
  inv.packages = std::move(result.packages);
  for (auto& d : result.diagnostics) {
    d.where.file = path;
    diags.add(d.level, d.code, d.message, d.where);
  }
  finish_inventory(inv, diags);
  return inv;
}

Result<Inventory> inventory_of_target(const SbomOptions& o, AppEnv& env, Diagnostics& diags) {
  if (!o.source.rootfs && is_single_file(o.source.target, env.fs))
    return inventory_of_file(o.source.target, env, diags);
  auto target = resolve_target(o.source.target, env.fs, o.source.rootfs);
  if (!target.ok()) return target.error();
  TempDir temp(env);
  ImageScanRequest request = make_image_request(o.source, *target, temp, env);
  ProgressBar progress(env.err, env.stderr_is_tty && !o.quiet, "reading layers", 0, 0);
  auto scan = scan_image(env.fs, request, &progress);
  progress.finish();
  if (!scan.ok()) return scan.error();
  diags = scan->diagnostics;
  if (target->kind == TargetKind::kRootfs) scan->inventory.target_kind = "directory";
  return std::move(scan->inventory);
}

Result<Inventory> inventory_of_sbom(const std::string& path, AppEnv& env, Diagnostics& diags) {
  auto bytes = env.fs.read_file(path, uint64_t{1} << 30);
  if (!bytes.ok()) return bytes.error();
  auto inv = read_sbom(*bytes, path, &diags);
  if (!inv.ok()) return inv.error();
  finish_inventory(*inv, diags);
  return inv;
}

void add_sbom_options(CLI::App& cli, SbomOptions& o) {
  add_image_source_options(cli, o.source);
  cli.add_option("-f,--format", o.format);
  cli.add_option("-o,--output", o.output);
  cli.add_flag("-q,--quiet", o.quiet);
  cli.add_flag("--no-color", o.no_color);
  cli.add_flag("--vulns", o.with_vulns);
  cli.add_option("--fail-on", o.fail_on);
  add_vuln_options(cli, o.vulns);
}

}  // namespace

std::string sbom_help() {
  return "Usage: customs sbom TARGET [options]\n"
         "       customs sbom scan FILE.cdx.json|FILE.spdx.json [options]\n"
         "\n"
         "Lists every package: OS packages (dpkg, apk, rpm), language packages (npm, Python,\n"
         "Java, Go and Rust binaries, Ruby, PHP, .NET) and lockfiles, each with its purl,\n"
         "licences, the path it was found at and, in images, the layer that added it (base\n"
         "image or application). TARGET is anything `customs image` takes, a directory, or a\n"
         "single file (a lockfile, a jar, a binary). `sbom scan` reads a CycloneDX or SPDX\n"
         "JSON document back into the same package list.\n"
         "\n"
         "Options:\n"
         "  -f, --format F     table, json, cyclonedx (CycloneDX 1.6 JSON) or spdx (SPDX 2.3\n"
         "                     JSON) (table)\n"
         "  -o, --output FILE  write the output to FILE instead of standard output\n"
         "  -q, --quiet        no progress or summary on standard error\n"
         "  --no-color         plain text even on a terminal\n"
         "  --vulns            match vulnerabilities too (always done by `sbom scan`); sarif\n"
         "                     output lists them, cyclonedx adds its vulnerabilities section\n"
         "  --fail-on SEV      exit 1 when a vulnerability is at or above SEV (critical, high,\n"
         "                     medium, low)\n" +
         image_source_options_help() + vuln_options_help() + "  -h, --help         show this help\n";
}

int run_sbom_command(const std::vector<std::string>& args, AppEnv& env) {
  bool reading = !args.empty() && args.front() == "scan";
  std::vector<std::string> rest(args.begin() + (reading ? 1 : 0), args.end());
  CLI::App cli("customs sbom", "customs sbom");
  SbomOptions o;
  add_sbom_options(cli, o);
  if (auto code = parse_command_line(cli, rest, "sbom", sbom_help, env)) return *code;
  if (o.source.target.empty()) return fail("no TARGET given (see customs sbom --help)", kExitUsage, env);
  const SbomFormat* format = find_format(o.format);
  if (format == nullptr)
    return fail("unknown format '" + o.format + "' (table, json, cyclonedx, spdx, sarif)", kExitUsage, env);

  std::optional<Severity> fail_on;
  if (!o.fail_on.empty() && !(fail_on = severity_from(o.fail_on)))
    return fail("unknown severity '" + o.fail_on + "' for --fail-on", kExitUsage, env);
  Diagnostics diags;
  auto inv = reading ? inventory_of_sbom(o.source.target, env, diags) : inventory_of_target(o, env, diags);
  if (!inv.ok()) return fail(inv.error().to_string(), exit_for_error(inv.error()), env);
  inv->tool_version = CUSTOMS_VERSION;
  inv->timestamp = timestamp(env);
  bool color =
      o.format == "table" && env.stdout_is_tty && !env.no_color_env && !o.no_color && o.output.empty();
  std::optional<VulnSection> vulns;
  if (reading || o.with_vulns) {
    auto scanned = scan_vulnerabilities(*inv, o.vulns, env);
    if (!scanned.ok()) return fail(scanned.error().to_string(), exit_for_error(scanned.error()), env);
    diags.append(scanned->result.diagnostics);
    vulns = to_section(std::move(*scanned));
  }
  Status written = write_output(format->render(*inv, diags, vulns ? &*vulns : nullptr, color), o.output, env);
  if (!written.ok()) return fail(written.error().to_string(), kExitInvalidInput, env);
  if (!o.quiet) {
    env.err << "customs: " << inv->packages.size() << " packages in " << inv->target;
    if (vulns) env.err << ", " << vuln_count_text(*vulns);
    env.err << "\n";
  }
  if (diags.has_errors()) return kExitInvalidInput;
  return vulns && vulns_fail(*vulns, fail_on) ? kExitFindings : kExitClean;
}

}  // namespace customs
