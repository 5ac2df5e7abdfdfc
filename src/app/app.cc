#include "app/app.h"

#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <iostream>

#include "app/commands.h"

namespace customs {

int run_customs(const std::vector<std::string>& args, AppEnv& env) {
  if (args.empty()) {
    env.err << short_usage();
    return kExitUsage;
  }
  const std::string& first = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (first == "-h" || first == "--help") {
    env.out << main_help();
    return kExitClean;
  }
  if (first == "--version") return run_version_command(rest, env);
  if (!first.empty() && first[0] == '-') {
    env.err << "customs: unknown option '" << first << "'; options come after the command\n" << short_usage();
    return kExitUsage;
  }
  const Command* command = find_command(first);
  if (!command) return unknown_command(first, env);
  return command->run(rest, env);
}

int run_app(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  DiskFs fs;
  const char* no_color = std::getenv("NO_COLOR");
  AppEnv env{fs, std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1, no_color && *no_color};
  env.stderr_is_tty = ::isatty(STDERR_FILENO) == 1;
  for (const char* name : {"HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "CUSTOMS_DB", "TMPDIR", "DOCKER_CONFIG",
                           "REGISTRY_AUTH_FILE", "SOURCE_DATE_EPOCH"})
    if (const char* value = std::getenv(name)) env.environment[name] = value;
  try {
    int code = run_customs(args, env);
    std::cout.flush();
    return code;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "customs: internal error: " << e.what() << "\n";
    return kExitInvalidInput;
  }
}

}  // namespace customs
