#include "app/commands.h"

#include <algorithm>
#include <ostream>

#include "app/app.h"
#include "core/strings.h"

namespace customs {

namespace {

int run_help_command(const std::vector<std::string>& args, AppEnv& env);

std::string help_help() {
  return "Usage: customs help [COMMAND]\n"
         "\n"
         "Shows the help of customs, or of one command.\n";
}

}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"dockerfile", "Check Dockerfiles and Containerfiles for security problems", dockerfile_help,
       run_dockerfile_command},
      {"image", "Inspect a container image layer by layer", image_help, run_image_command},
      {"sbom", "List every package of an image, directory or file (CycloneDX, SPDX); read an SBOM back",
       sbom_help, run_sbom_command},
      {"secrets", "Find secrets in every layer of an image (deleted files too), its config, or a directory",
       secrets_help, run_secrets_command},
      {"scan", "Inspect a Dockerfile, an image or a root file system, whichever TARGET is", scan_help,
       run_scan_command},
      {"diff", "Compare the vulnerabilities of two JSON reports: new, fixed, unchanged", diff_help,
       run_diff_command},
      {"db", "The local vulnerability database: import, update, info, export", db_help, run_db_command},
      {"checks", "List the checks customs runs, or show one in full", checks_help, run_checks_command},
      {"version", "Print the version of customs and of the libraries it uses", version_help,
       run_version_command},
      {"help", "Show the help of customs or of one command", help_help, run_help_command},
  };
  return table;
}

const Command* find_command(std::string_view name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

std::string suggest_command(std::string_view name) {
  if (name.empty()) return "";
  for (const auto& c : commands())
    if (c.name.size() > name.size() && c.name.substr(0, name.size()) == name) return std::string(c.name);
  const Command* best = nullptr;
  size_t best_distance = 3;  // suggest only within distance 2
  for (const auto& c : commands()) {
    size_t d = edit_distance(name, c.name);
    if (d < best_distance) {
      best = &c;
      best_distance = d;
    }
  }
  return best ? std::string(best->name) : "";
}

std::string main_help() {
  std::string text = "customs " CUSTOMS_VERSION
                     ": a container security inspector\n"
                     "\n"
                     "Usage: customs <command> [options]\n"
                     "\n"
                     "Commands:\n";
  size_t width = 0;
  for (const auto& c : commands()) width = std::max(width, c.name.size());
  for (const auto& c : commands())
    text += "  " + std::string(c.name) + std::string(width - c.name.size() + 2, ' ') +
            std::string(c.summary) + "\n";
  text +=
      "\n"
      "Run 'customs help <command>' or 'customs <command> --help' for the options\n"
      "of a command, and 'customs --version' for the version.\n"
      "\n"
      "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error,\n"
      "3 unreadable or invalid input.\n";
  return text;
}

std::string short_usage() {
  std::string names;
  for (const auto& c : commands()) names += (names.empty() ? "" : "|") + std::string(c.name);
  return "Usage: customs <" + names +
         "> [options]\n"
         "Run 'customs --help' for more.\n";
}

// Prints "unknown command" with a suggestion on stderr; returns the usage exit code.
int unknown_command(std::string_view name, AppEnv& env) {
  env.err << "customs: unknown command '" << name << "'.";
  std::string guess = suggest_command(name);
  if (!guess.empty()) env.err << " Did you mean '" << guess << "'?";
  env.err << "\nRun 'customs --help' for the list of commands.\n";
  return kExitUsage;
}

namespace {

int run_help_command(const std::vector<std::string>& args, AppEnv& env) {
  if (args.empty()) {
    env.out << main_help();
    return kExitClean;
  }
  if (args[0] == "-h" || args[0] == "--help") {
    env.out << help_help();
    return kExitClean;
  }
  if (args.size() > 1) {
    env.err << "customs help: expected at most one command name\n";
    return kExitUsage;
  }
  const Command* c = find_command(args[0]);
  if (!c) return unknown_command(args[0], env);
  env.out << c->help();
  return kExitClean;
}

}  // namespace

}  // namespace customs
