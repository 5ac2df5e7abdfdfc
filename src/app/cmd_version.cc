// `customs version` and `customs --version`.
#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/app.h"
#include "app/commands.h"
#include "app/options.h"
#include "fmt/core.h"

#ifndef CUSTOMS_YAML_CPP_VERSION
#define CUSTOMS_YAML_CPP_VERSION "unknown"
#endif

namespace customs {

std::string version_help() {
  return "Usage: customs version\n"
         "\n"
         "Prints the version of customs and of the libraries it was built with.\n";
}

std::string version_text() {
  return fmt::format(
      "customs {}\n"
      "  fmt {}.{}.{}\n"
      "  yaml-cpp {}\n"
      "  nlohmann-json {}.{}.{}\n"
      "  CLI11 {}\n",
      CUSTOMS_VERSION, FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100,
      CUSTOMS_YAML_CPP_VERSION, NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
      NLOHMANN_JSON_VERSION_PATCH, CLI11_VERSION);
}

int run_version_command(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs version", "customs version");
  if (auto code = parse_command_line(cli, args, "version", version_help, env)) return *code;
  env.out << version_text();
  return kExitClean;
}

}  // namespace customs
