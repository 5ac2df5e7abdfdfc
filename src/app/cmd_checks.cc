// `customs checks [ID]`: the rule catalogue, from the same tables the checks run from.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "analyzers/dockerfile/check.h"
#include "analyzers/dockerfile/pragmas.h"
#include "analyzers/image/check.h"
#include "analyzers/secrets/image_secrets.h"
#include "app/app.h"
#include "app/commands.h"
#include "app/options.h"
#include "core/strings.h"

namespace customs {

namespace {

std::vector<const Rule*> catalogue() {
  std::vector<const Rule*> rules;
  for (const auto* c : dockerfile_checks()) rules.push_back(&c->rule);
  for (const auto& r : pragma_rules()) rules.push_back(&r);
  for (const auto* c : image_checks()) rules.push_back(&c->rule);
  for (const Rule* r : secret_rule_list()) rules.push_back(r);
  return rules;
}

const Rule* find_rule(const std::vector<const Rule*>& rules, std::string_view id) {
  for (const auto* r : rules)
    if (iequals(r->id, id)) return r;
  return nullptr;
}

std::string closest_id(const std::vector<const Rule*>& rules, std::string_view id) {
  std::string upper = to_upper(id), best;
  size_t best_distance = 3;
  for (const auto* r : rules) {
    size_t d = edit_distance(upper, r->id);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(r->id);
    }
  }
  return best;
}

nlohmann::json rule_json(const Rule& r) {
  return {{"id", r.id},
          {"severity", to_string(r.severity)},
          {"practice", to_string(r.practice)},
          {"enabled_by_default", r.enabled_by_default},
          {"title", r.title},
          {"why", r.why},
          {"fix", r.fix},
          {"source", r.source}};
}

std::string table_of(const std::vector<const Rule*>& rules) {
  std::vector<std::vector<std::string>> rows = {{"ID", "SEVERITY", "PRACTICE", "DEFAULT", "TITLE"}};
  for (const auto* r : rules)
    rows.push_back({std::string(r->id), to_string(r->severity), to_string(r->practice),
                    r->enabled_by_default ? "on" : "off", std::string(r->title)});
  std::vector<size_t> width(rows[0].size(), 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  std::string out;
  for (const auto& row : rows) {
    for (size_t i = 0; i + 1 < row.size(); ++i)
      out += row[i] + std::string(width[i] - row[i].size() + 2, ' ');
    out += row.back() + "\n";
  }
  return out;
}

// `text` filled into lines of at most `width` characters, each starting with `indent`.
std::string wrap(std::string_view text, std::string_view indent, size_t width = 78) {
  std::string out, line;
  for (const auto& word : split_whitespace(text)) {
    if (!line.empty() && indent.size() + line.size() + 1 + word.size() > width) {
      out += std::string(indent) + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += std::string(indent) + line + "\n";
  return out;
}

std::string rule_text(const Rule& r) {
  return std::string(r.id) + ": " + std::string(r.title) + "\n" +
         "  severity:           " + to_string(r.severity) + "\n" +
         "  practice:           " + to_string(r.practice) + "\n" +
         "  enabled by default: " + (r.enabled_by_default ? "yes" : "no") + "\n" +
         "  source:             " + std::string(r.source) + "\n\nWhy:\n" + wrap(r.why, "  ") + "\nFix:\n" +
         wrap(r.fix, "  ");
}

}  // namespace

std::string checks_help() {
  return "Usage: customs checks [ID] [options]\n"
         "\n"
         "Lists every check customs runs (id, severity, practice, whether it is on by\n"
         "default, title), or shows one check in full (why it matters, how to fix it, the\n"
         "benchmark behind it).\n"
         "\n"
         "Options:\n"
         "  --format NAME  table or json (default table)\n"
         "  -h, --help     show this help\n";
}

int run_checks_command(const std::vector<std::string>& args, AppEnv& env) {
  CLI::App cli("customs checks", "customs checks");
  std::string format = "table";
  std::vector<std::string> ids;
  cli.add_option("--format", format);
  cli.add_option("id", ids);
  if (auto code = parse_command_line(cli, args, "checks", checks_help, env)) return *code;
  if (format != "table" && format != "json") {
    env.err << "customs checks: unknown format '" << format << "' (valid: table, json)\n";
    return kExitUsage;
  }
  if (ids.size() > 1) {
    env.err << "customs checks: expected at most one check id\n";
    return kExitUsage;
  }
  auto rules = catalogue();
  if (ids.empty()) {
    if (format == "json") {
      nlohmann::json all = nlohmann::json::array();
      for (const auto* r : rules) all.push_back(rule_json(*r));
      env.out << all.dump(2) << "\n";
    } else {
      env.out << table_of(rules);
    }
    return kExitClean;
  }
  const Rule* rule = find_rule(rules, ids[0]);
  if (!rule) {
    env.err << "customs checks: unknown check '" << ids[0] << "'.";
    std::string guess = closest_id(rules, ids[0]);
    if (!guess.empty()) env.err << " Did you mean '" << guess << "'?";
    env.err << "\n";
    return kExitUsage;
  }
  env.out << (format == "json" ? rule_json(*rule).dump(2) + "\n" : rule_text(*rule));
  return kExitClean;
}

}  // namespace customs
