// `customs diff OLD.json NEW.json`: what is new, fixed and unchanged between two scans.
#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>
#include <ostream>

#include "app/app.h"
#include "app/commands.h"
#include "app/options.h"
#include "app/output.h"
#include "findings/severity.h"
#include "vulndb/triage/diff.h"

namespace customs {
namespace {

int fail(const std::string& message, int code, AppEnv& env) {
  env.err << "customs diff: " << message << "\n";
  return code;
}

Result<std::vector<VulnKey>> read_keys(const std::string& path, AppEnv& env) {
  auto bytes = env.fs.read_file(path, uint64_t{1} << 30);
  if (!bytes) return bytes.error();
  return read_report_vulnerabilities(*bytes, path);
}

std::string line_of(const VulnKey& k) {
  return k.id + "  " + k.severity + "  " + k.package_name + " " + k.package_version + "  " + k.path;
}

nlohmann::ordered_json key_json(const VulnKey& k) {
  return {{"id", k.id},
          {"aliases", k.aliases},
          {"severity", k.severity},
          {"fingerprint", k.fingerprint},
          {"package",
           {{"name", k.package_name}, {"version", k.package_version}, {"purl", k.purl}, {"path", k.path}}}};
}

std::string render_json(const VulnDiff& d) {
  nlohmann::ordered_json j;
  j["new"] = nlohmann::ordered_json::array();
  for (const auto& k : d.added) j["new"].push_back(key_json(k));
  j["fixed"] = nlohmann::ordered_json::array();
  for (const auto& k : d.fixed) j["fixed"].push_back(key_json(k));
  j["unchanged"] = nlohmann::ordered_json::array();
  for (const auto& [old_key, new_key] : d.unchanged) {
    auto u = key_json(new_key);
    u["old_version"] = old_key.package_version;
    j["unchanged"].push_back(u);
  }
  j["counts"] = {{"new", d.added.size()}, {"fixed", d.fixed.size()}, {"unchanged", d.unchanged.size()}};
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string render_table(const VulnDiff& d) {
  std::string out = "New (" + std::to_string(d.added.size()) + "):\n";
  for (const auto& k : d.added) out += "  + " + line_of(k) + "\n";
  out += "Fixed (" + std::to_string(d.fixed.size()) + "):\n";
  for (const auto& k : d.fixed) out += "  - " + line_of(k) + "\n";
  out += "Unchanged: " + std::to_string(d.unchanged.size()) + "\n";
  return out;
}

}  // namespace

std::string diff_help() {
  return "Usage: customs diff OLD.json NEW.json [options]\n"
         "\n"
         "Compares the vulnerabilities of two JSON reports (customs image or customs sbom\n"
         "--format json): what is new, what was fixed and what is unchanged. A vulnerability is\n"
         "the same when its id (or one of its aliases) is found in the same package at the same\n"
         "path, whatever the package's version: an upgrade that did not fix it is unchanged.\n"
         "Suppressed vulnerabilities are left out.\n"
         "\n"
         "Options:\n"
         "  -f, --format F     table or json (table)\n"
         "  -o, --output FILE  write the output to FILE instead of standard output\n"
         "  --fail-on SEV      exit 1 when a new vulnerability is at or above SEV\n"
         "  -h, --help         show this help\n";
}

int run_diff_command(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs diff", "customs diff");
  std::vector<std::string> files;
  std::string format = "table", output, fail_on;
  cli.add_option("files", files);
  cli.add_option("-f,--format", format);
  cli.add_option("-o,--output", output);
  cli.add_option("--fail-on", fail_on);
  if (auto code = parse_command_line(cli, args, "diff", diff_help, env)) return *code;
  if (files.size() != 2) return fail("give two JSON reports: OLD.json NEW.json", kExitUsage, env);
  if (format != "table" && format != "json")
    return fail("unknown format '" + format + "' (table, json)", kExitUsage, env);
  std::optional<Severity> threshold;
  if (!fail_on.empty() && !(threshold = severity_from(fail_on)))
    return fail("unknown severity '" + fail_on + "'", kExitUsage, env);
  std::vector<VulnKey> sides[2];
  for (int i = 0; i < 2; ++i) {
    auto keys = read_keys(files[static_cast<size_t>(i)], env);
    if (!keys) return fail(keys.error().to_string(), kExitInvalidInput, env);
    std::erase_if(*keys, [](const VulnKey& k) { return k.suppressed; });
    sides[i] = std::move(*keys);
  }
  VulnDiff d = diff_vulnerabilities(sides[0], sides[1]);
  Status written = write_output(format == "json" ? render_json(d) : render_table(d), output, env);
  if (!written) return fail(written.error().to_string(), kExitInvalidInput, env);
  for (const auto& k : d.added) {
    auto s = severity_from(k.severity);
    if (threshold && s && *s >= *threshold) return kExitFindings;
  }
  return kExitClean;
}

}  // namespace customs
