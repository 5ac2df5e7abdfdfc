// `customs db import|info ...`: the local vulnerability database.
#include <CLI/CLI.hpp>

#include <ctime>
#include <ostream>

#include "app/app.h"
#include "app/commands.h"
#include "app/image_options.h"
#include "app/options.h"
#include "app/progress.h"
#include "app/vuln_options.h"
#include "core/strings.h"
#include "vulndb/bundle.h"
#include "vulndb/importer.h"
#include "vulndb/store.h"
#include "vulndb/update.h"

namespace customs {
namespace {

int fail(const std::string& message, int code, AppEnv& env) {
  env.err << "customs db: " << message << "\n";
  return code;
}

// Days from an RFC 3339 UTC time to now (negative when unreadable).
double age_in_days(const std::string& rfc3339) {
  std::tm tm{};
  if (strptime(rfc3339.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) == nullptr) return -1;
  return std::difftime(std::time(nullptr), timegm(&tm)) / 86400.0;
}

std::string resolve_db(const std::string& flag, const AppEnv& env) {
  return flag.empty() ? default_db_path(env) : flag;
}

// Makes the folder of the default database (the user's data folder) when needed.
Status prepare_db_folder(const std::string& path, AppEnv& env) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return ok_status();
  return env.fs.make_dirs(path.substr(0, slash));
}

bool is_bundle(const std::string& path, const AppEnv& env) {
  auto file = env.fs.open(path);
  if (!file) return false;
  std::string head(kBundleMagic.size(), '\0');
  auto n = (*file)->read_at(0, head.data(), head.size());
  return n && *n == head.size() && head == kBundleMagic;
}

// A signed bundle replaces the database, only once its signature and hash are verified.
int import_bundle(const std::string& bundle, const std::string& key, const std::string& db, AppEnv& env) {
  if (key.empty())
    return fail(bundle + " is a signed bundle: give the exporter's public key with --key FILE.pem",
                kExitUsage, env);
  auto info = verify_bundle(bundle, key, db);
  if (!info)
    return fail(info.error().to_string() + " (the database was not changed)", kExitInvalidInput, env);
  env.out << "installed the bundle " << bundle << " (" << info->header.algorithm << ", key "
          << info->header.key_id << ", made " << info->header.created << ") as " << db << ": "
          << info->database_bytes << " bytes\n";
  return kExitClean;
}

int run_import(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs db import", "customs db import");
  std::string db;
  std::vector<std::string> paths;
  bool quiet = false;
  std::string key;
  cli.add_option("--db", db);
  cli.add_flag("-q,--quiet", quiet);
  cli.add_option("--key", key);
  cli.add_option("paths", paths);
  if (auto code = parse_command_line(cli, args, "db import", db_help, env)) return *code;
  if (paths.empty()) return fail("no feed PATH given (see customs db --help)", kExitUsage, env);
  std::string path = resolve_db(db, env);
  if (path.empty()) return fail("no database path: give --db FILE (HOME is not set)", kExitUsage, env);
  if (Status s = prepare_db_folder(path, env); !s) return fail(s.error().to_string(), kExitInvalidInput, env);
  if (paths.size() == 1 && is_bundle(paths.front(), env)) return import_bundle(paths.front(), key, path, env);
  if (!key.empty())
    return fail("--key is for signed bundles (customs db export), and " + paths.front() + " is none",
                kExitUsage, env);
  auto store = VulnStore::open(path, VulnStore::Mode::kReadWrite);
  if (!store) return fail(store.error().to_string(), exit_for_error(store.error()), env);
  for (int v : (*store)->upgrades_applied())
    if (!quiet) env.err << "customs db: upgraded the database schema to version " << v << "\n";
  ProgressBar progress(env.err, env.stderr_is_tty && !quiet, "importing", 0, 0);
  ImportOptions options;
  options.imported_at = utc_now();
  options.progress = [&](size_t) { progress.item_done(); };
  auto report = import_paths(paths, env.fs, **store, options);
  progress.finish();
  if (!report) return fail(report.error().to_string() + " (nothing was imported)", kExitInvalidInput, env);
  size_t shown = 0;
  for (const auto& d : report->diagnostics.items()) {
    if (quiet || ++shown > 10) break;
    env.err << "customs db: " << d.where.to_string() << ": " << d.message << "\n";
  }
  if (report->diagnostics.items().size() > shown && !quiet)
    env.err << "customs db: " << report->diagnostics.items().size() - shown << " more records skipped\n";
  const ImportCounts& c = report->counts;
  env.out << "imported " << report->files << " files into " << path << ": " << c.advisories_added
          << " advisories added, " << c.advisories_replaced << " replaced, " << c.advisories_kept
          << " kept (newer already there); " << c.cve_ratings << " NVD records, " << c.kev << " KEV entries, "
          << c.epss << " EPSS scores; " << report->diagnostics.items().size() << " records skipped, "
          << report->skipped_files << " files were no feed\n";
  return kExitClean;
}

int run_info(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs db info", "customs db info");
  std::string db;
  int max_age_days = 7;
  cli.add_option("--db", db);
  cli.add_option("--max-age-days", max_age_days)->check(CLI::Range(1, 100000));
  if (auto code = parse_command_line(cli, args, "db info", db_help, env)) return *code;
  std::string path = resolve_db(db, env);
  auto store = VulnStore::open(path, VulnStore::Mode::kReadOnly);
  if (!store) return fail(store.error().to_string(), kExitInvalidInput, env);
  auto info = (*store)->info();
  if (!info) return fail(info.error().to_string(), kExitInvalidInput, env);
  env.out << "database   " << path << " (schema " << info->schema_version << ")\n"
          << "imported   " << (info->last_import.empty() ? "never" : info->last_import) << "\n"
          << "records    " << info->advisories << " advisories (" << info->affected << " affected packages), "
          << info->cve_ratings << " NVD, " << info->kev << " KEV, " << info->epss << " EPSS\n\n"
          << "source            records  withdrawn  newest\n";
  for (const auto& s : info->sources) {
    std::string name = s.source + std::string(s.source.size() < 16 ? 16 - s.source.size() : 1, ' ');
    std::string records = std::to_string(s.records);
    env.out << name << std::string(records.size() < 9 ? 9 - records.size() : 1, ' ') << records
            << std::string(11 - std::min<size_t>(10, std::to_string(s.withdrawn).size()), ' ') << s.withdrawn
            << "  " << (s.newest.empty() ? "-" : s.newest) << "\n";
  }
  double age = age_in_days(info->last_import);
  if (age > max_age_days)
    env.err << "customs db: warning: the database was last imported " << static_cast<int>(age)
            << " days ago (more than " << max_age_days << "): run customs db update or import newer feeds\n";
  return kExitClean;
}

int run_export(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs db export", "customs db export");
  std::string db, key, out, comment;
  cli.add_option("--db", db);
  cli.add_option("--key", key);
  cli.add_option("--comment", comment);
  cli.add_option("output", out);
  if (auto code = parse_command_line(cli, args, "db export", db_help, env)) return *code;
  if (out.empty() || key.empty())
    return fail("give the bundle to write and --key PRIVATE.pem", kExitUsage, env);
  std::string path = resolve_db(db, env);
  BundleMeta meta{utc_now(), comment, 9};
  if (Status s = write_bundle(path, key, out, meta); !s)
    return fail(s.error().to_string(), exit_for_error(s.error()), env);
  env.out << "wrote the signed bundle " << out << " of " << path << "\n";
  return kExitClean;
}

// Downloads the osv.dev archives (and any --url) into customs' cache, then imports them.
int run_update(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs db update", "customs db update");
  std::string db;
  UpdateOptions u;
  std::vector<std::string> ecosystems;
  bool quiet = false;
  cli.add_option("--db", db);
  cli.add_option("--base-url", u.base_url);
  cli.add_option("--ecosystem", ecosystems);
  cli.add_option("--url", u.extra_urls);
  cli.add_option("--timeout", u.timeout_seconds);
  cli.add_option("--ca-bundle", u.ca_bundle);
  cli.add_flag("--insecure", u.insecure);
  cli.add_flag("--allow-http", u.allow_http);
  cli.add_flag("-q,--quiet", quiet);
  if (auto code = parse_command_line(cli, args, "db update", db_help, env)) return *code;
  if (!ecosystems.empty()) u.ecosystems = ecosystems;
  std::string cache = env.env_var("XDG_CACHE_HOME");
  if (cache.empty() && !env.env_var("HOME").empty()) cache = env.env_var("HOME") + "/.cache";
  if (cache.empty()) return fail("no cache folder (HOME is not set)", kExitUsage, env);
  u.download_dir = cache + "/customs/feeds";
  if (Status s = env.fs.make_dirs(u.download_dir); !s)
    return fail(s.error().to_string(), kExitInvalidInput, env);
  Diagnostics diags;
  auto files = download_feeds(u, diags);
  for (const auto& d : diags.items())
    if (!quiet) env.err << "customs db: " << d.message << "\n";
  if (!files)
    return fail(files.error().to_string() + " (the database was not changed)", kExitInvalidInput, env);
  std::vector<std::string> import_args = *files;
  import_args.insert(import_args.end(), {"--db", resolve_db(db, env)});
  if (quiet) import_args.push_back("-q");
  return run_import(import_args, env);
}

struct DbSubcommand {
  std::string_view name;
  int (*run)(const std::vector<std::string>& args, AppEnv& env);
};

constexpr DbSubcommand kSubcommands[] = {
    {"import", run_import},
    {"info", run_info},
    {"export", run_export},
    {"update", run_update},
};

}  // namespace

std::string db_help() {
  return "Usage: customs db import PATH... [--db FILE]\n"
         "       customs db import BUNDLE --key PUBLIC.pem [--db FILE]\n"
         "       customs db export BUNDLE --key PRIVATE.pem [--db FILE] [--comment TEXT]\n"
         "       customs db update [--db FILE] [--ecosystem NAME]... [--url URL]... [--base-url URL]\n"
         "       customs db info [--db FILE] [--max-age-days N]\n"
         "\n"
         "The local vulnerability database (SQLite), used offline by customs image and\n"
         "customs sbom. `import` reads feed files, directories of them and osv.dev zip\n"
         "archives: OSV JSON and YAML (every ecosystem), the Debian security tracker JSON and\n"
         "its DSA/DLA lists, Alpine secdb, NVD CVE API 2.0 and 1.1 feeds, the CISA KEV\n"
         "catalog (JSON, CSV) and FIRST EPSS CSV (.gz too). An import is one transaction:\n"
         "when it fails nothing changes. `info` shows the sources, counts and import time,\n"
         "and warns when the last import is older than --max-age-days (7).\n"
         "`export` writes the database as one zstd-compressed bundle signed with an Ed25519 or\n"
         "ECDSA (P-256, P-384) private key, for sites without a network; `import BUNDLE --key`\n"
         "checks the signature and hash before it replaces the database, and refuses anything\n"
         "else. `update` downloads osv.dev's per-ecosystem archives (HTTPS, libcurl) into\n"
         "~/.cache/customs/feeds (ETag-cached) and imports them, with any --url (KEV, EPSS).\n"
         "\n"
         "Options:\n"
         "  --db FILE          the database (default: $CUSTOMS_DB, else\n"
         "                     $XDG_DATA_HOME/customs/vuln.db, else ~/.local/share/customs/vuln.db)\n"
         "  -q, --quiet        no progress or notes on standard error\n"
         "  -h, --help         show this help\n";
}

int run_db_command(const std::vector<std::string>& args, AppEnv& env) {
  if (args.empty() || args.front() == "-h" || args.front() == "--help") {
    (args.empty() ? env.err : env.out) << db_help();
    return args.empty() ? kExitUsage : kExitClean;
  }
  for (const auto& sub : kSubcommands) {
    if (sub.name == args.front()) return sub.run(std::vector<std::string>(args.begin() + 1, args.end()), env);
  }
  return fail("unknown subcommand '" + args.front() + "' (import, info, export, update)", kExitUsage, env);
}

}  // namespace customs
