#include <gtest/gtest.h>

#include <sstream>

#include "app/app.h"
#include "app/commands.h"

namespace customs {
namespace {

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

CliRun run(const std::vector<std::string>& args) {
  MemoryFs fs;
  std::ostringstream out, err;
  AppEnv env{fs, out, err};
  CliRun r;
  r.code = run_customs(args, env);
  r.out = out.str();
  r.err = err.str();
  return r;
}

TEST(AppCommands, TableHasTheCommandsInOrder) {
  std::vector<std::string> names;
  for (const auto& c : commands()) names.emplace_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"dockerfile", "image", "sbom", "secrets", "scan", "diff", "db",
                                             "checks", "version", "help"}));
}

TEST(AppCommands, FindCommandIsExact) {
  ASSERT_NE(find_command("checks"), nullptr);
  EXPECT_EQ(find_command("checks")->name, "checks");
  EXPECT_EQ(find_command("check"), nullptr);
  EXPECT_EQ(find_command("CHECKS"), nullptr);
}

TEST(AppCommands, SuggestsWithinEditDistanceTwo) {
  EXPECT_EQ(suggest_command("dokerfile"), "dockerfile");
  EXPECT_EQ(suggest_command("chekcs"), "checks");
  EXPECT_EQ(suggest_command("verison"), "version");
}

TEST(AppCommands, SuggestsOnPrefix) {
  EXPECT_EQ(suggest_command("dock"), "dockerfile");
  EXPECT_EQ(suggest_command("ver"), "version");
}

TEST(AppCommands, NoSuggestionWhenFarAway) {
  EXPECT_EQ(suggest_command("kubernetes"), "");
  EXPECT_EQ(suggest_command("dockerfilexyz"), "");
  EXPECT_EQ(suggest_command(""), "");
}

TEST(AppCommands, NoArgumentsIsAUsageErrorOnStderr) {
  CliRun r = run({});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, short_usage());
  EXPECT_EQ(
      r.err.rfind(
          "Usage: customs <dockerfile|image|sbom|secrets|scan|diff|db|checks|version|help> [options]\n", 0),
      0u);
}

TEST(AppCommands, UnknownCommandSuggestsOnStderr) {
  CliRun r = run({"dokerfile", "."});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "customs: unknown command 'dokerfile'. Did you mean 'dockerfile'?\n"
            "Run 'customs --help' for the list of commands.\n");
}

TEST(AppCommands, UnknownCommandWithoutSuggestion) {
  CliRun r = run({"frobnicate"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err,
            "customs: unknown command 'frobnicate'.\nRun 'customs --help' for the list of commands.\n");
}

TEST(AppCommands, HelpFormsAllPrintToStdoutAndExitZero) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"--help"}, {"-h"}, {"help"}}) {
    CliRun r = run(args);
    EXPECT_EQ(r.code, kExitClean);
    EXPECT_EQ(r.out, main_help());
    EXPECT_EQ(r.err, "");
  }
}

TEST(AppCommands, CommandHelpThroughHelpAndFlagIsTheSame) {
  for (const auto& c : commands()) {
    CliRun a = run({"help", std::string(c.name)});
    CliRun b = run({std::string(c.name), "--help"});
    EXPECT_EQ(a.code, kExitClean) << c.name;
    EXPECT_EQ(b.code, kExitClean) << c.name;
    EXPECT_EQ(a.out, c.help()) << c.name;
    EXPECT_EQ(b.out, c.help()) << c.name;
  }
}

TEST(AppCommands, MainHelpListsEveryCommandSummary) {
  std::string help = main_help();
  for (const auto& c : commands()) EXPECT_NE(help.find(std::string(c.summary)), std::string::npos) << c.name;
}

TEST(AppCommands, HelpForUnknownCommandSuggests) {
  CliRun r = run({"help", "chekcs"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err.rfind("customs: unknown command 'chekcs'. Did you mean 'checks'?\n", 0), 0u);
}

TEST(AppCommands, OptionBeforeCommandIsAUsageError) {
  CliRun r = run({"--format", "json"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("customs: unknown option '--format'", 0), 0u);
}

TEST(AppCommands, VersionFlagAndCommandAgree) {
  CliRun a = run({"--version"});
  CliRun b = run({"version"});
  EXPECT_EQ(a.code, kExitClean);
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(a.out.rfind("customs 0.1.0\n", 0), 0u);
}

TEST(AppCommands, UnknownOptionOfACommandIsAUsageError) {
  CliRun r = run({"version", "--bogus"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("--bogus"), std::string::npos);
  EXPECT_NE(r.err.find("Run 'customs version --help' for usage."), std::string::npos);
}

}  // namespace
}  // namespace customs
