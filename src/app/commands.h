#pragma once
// The command table: one row per `customs <command>`. Adding a command is one row here plus the
// file that implements it. Commands read and write only through AppEnv, so tests can run them
// against a MemoryFs and string streams.
#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "io/fs.h"

namespace customs {

// Everything a command touches outside itself.
struct AppEnv {
  FsView& fs;
  std::ostream& out;  // the report and nothing else (help text too, when asked for)
  std::ostream& err;  // usage errors, notes, progress
  bool stdout_is_tty = false;
  bool no_color_env = false;   // NO_COLOR is set to a non-empty value
  bool stderr_is_tty = false;  // progress bars only then
  // The environment variables customs reads (HOME, XDG_CACHE_HOME, XDG_DATA_HOME, CUSTOMS_DB,
  // TMPDIR, DOCKER_CONFIG, REGISTRY_AUTH_FILE, SOURCE_DATE_EPOCH); tests set them here instead of
  // in the process.
  std::map<std::string, std::string> environment;

  // The variable's value, or "" when unset.
  std::string env_var(const std::string& name) const {
    auto it = environment.find(name);
    return it == environment.end() ? std::string() : it->second;
  }
};

// `args` are the words after the command name.
using CommandFn = int (*)(const std::vector<std::string>& args, AppEnv& env);

struct Command {
  std::string_view name;
  std::string_view summary;  // one line, for `customs --help`
  std::string (*help)();     // full help: usage, description, options
  CommandFn run;
};

const std::vector<Command>& commands();
const Command* find_command(std::string_view name);
// What a mistyped command name probably meant: a command the name is a prefix of, else the
// closest command within edit distance 2 (table order breaks ties); "" when none.
std::string suggest_command(std::string_view name);
// Prints "customs: unknown command 'x'. Did you mean 'y'?" on env.err; returns kExitUsage.
int unknown_command(std::string_view name, AppEnv& env);

// The top level: `args` is argv without the program name. Returns the exit code (app/app.h).
int run_customs(const std::vector<std::string>& args, AppEnv& env);

std::string main_help();    // `customs --help`
std::string short_usage();  // printed on stderr when no command is given

// The commands, one file each.
int run_dockerfile_command(const std::vector<std::string>& args, AppEnv& env);
std::string dockerfile_help();
int run_checks_command(const std::vector<std::string>& args, AppEnv& env);
std::string checks_help();
int run_image_command(const std::vector<std::string>& args, AppEnv& env);
std::string image_help();
int run_sbom_command(const std::vector<std::string>& args, AppEnv& env);
std::string sbom_help();
int run_secrets_command(const std::vector<std::string>& args, AppEnv& env);
std::string secrets_help();
// Whether `--name` of `customs image` (a superset of the scanning options) takes a value.
bool image_option_takes_value(const std::string& name);
int run_diff_command(const std::vector<std::string>& args, AppEnv& env);
std::string diff_help();
int run_db_command(const std::vector<std::string>& args, AppEnv& env);
std::string db_help();
int run_scan_command(const std::vector<std::string>& args, AppEnv& env);
std::string scan_help();
int run_version_command(const std::vector<std::string>& args, AppEnv& env);
std::string version_help();
std::string version_text();  // `customs version` output

}  // namespace customs
