#include <gtest/gtest.h>

#include <sstream>

#include "app/app.h"
#include "app/output.h"

namespace customs {
namespace {

const Rule kRule{"TST01", Severity::kMedium, Practice::kBenchmarks, "title", "why", "fix", "source"};

Finding finding(Severity s, bool suppressed = false) {
  Finding f;
  f.rule = &kRule;
  f.severity = s;
  f.suppressed = suppressed;
  return f;
}

TEST(AppExitCode, NoFailOnIsCleanWhateverIsFound) {
  EXPECT_EQ(exit_code_for({finding(Severity::kCritical)}, std::nullopt, false), kExitClean);
}

TEST(AppExitCode, FindingAtTheThresholdFails) {
  EXPECT_EQ(exit_code_for({finding(Severity::kHigh)}, Severity::kHigh, false), kExitFindings);
}

TEST(AppExitCode, FindingBelowTheThresholdIsClean) {
  EXPECT_EQ(exit_code_for({finding(Severity::kMedium), finding(Severity::kLow)}, Severity::kHigh, false),
            kExitClean);
}

TEST(AppExitCode, SuppressedFindingsNeverFail) {
  EXPECT_EQ(exit_code_for({finding(Severity::kCritical, true)}, Severity::kInfo, false), kExitClean);
}

TEST(AppExitCode, InputErrorWinsOverFindings) {
  EXPECT_EQ(exit_code_for({finding(Severity::kCritical)}, Severity::kLow, true), kExitInvalidInput);
  EXPECT_EQ(exit_code_for({}, std::nullopt, true), kExitInvalidInput);
}

TEST(AppExitCode, NoFindingsIsClean) { EXPECT_EQ(exit_code_for({}, Severity::kInfo, false), kExitClean); }

TEST(AppOutput, DropBelowKeepsTheThresholdAndAbove) {
  std::vector<Finding> fs = {finding(Severity::kInfo), finding(Severity::kHigh), finding(Severity::kLow),
                             finding(Severity::kMedium)};
  drop_below(fs, Severity::kMedium);
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].severity, Severity::kHigh);
  EXPECT_EQ(fs[1].severity, Severity::kMedium);
}

struct Env {
  MemoryFs fs;
  std::ostringstream out, err;
  AppEnv env{fs, out, err, true, false};
};

TEST(AppOutput, ColourOnlyForTableOnATerminal) {
  Env e;
  EXPECT_TRUE(use_color("table", "", false, e.env));
  EXPECT_FALSE(use_color("json", "", false, e.env));
  EXPECT_FALSE(use_color("table", "report.txt", false, e.env));
  EXPECT_FALSE(use_color("table", "", true, e.env));
  e.env.no_color_env = true;
  EXPECT_FALSE(use_color("table", "", false, e.env));
  e.env.no_color_env = false;
  e.env.stdout_is_tty = false;
  EXPECT_FALSE(use_color("table", "", false, e.env));
}

TEST(AppOutput, WritesToStdoutWithoutOutputPath) {
  Env e;
  ASSERT_TRUE(write_output("report\n", "", e.env).ok());
  EXPECT_EQ(e.out.str(), "report\n");
  EXPECT_FALSE(e.fs.exists("report.txt"));
}

TEST(AppOutput, WritesToTheFileAndNothingToStdout) {
  Env e;
  ASSERT_TRUE(write_output("report\n", "out/report.txt", e.env).ok());
  EXPECT_EQ(e.out.str(), "");
  auto bytes = e.fs.read_file("out/report.txt", 100);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, "report\n");
}

}  // namespace
}  // namespace customs
