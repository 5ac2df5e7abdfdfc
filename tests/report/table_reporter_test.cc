#include <gtest/gtest.h>

#include "core/strings.h"
#include "report/reporters.h"
#include "report/sample_report.h"

namespace customs {
namespace {

using testing::sample_report;

std::string render_table(const ScanReport& r, bool color = false, bool show_suppressed = false) {
  RenderOptions o;
  o.color = color;
  o.show_suppressed = show_suppressed;
  return make_table_reporter()->render(r, o);
}

TEST(TableReporter, PlainOutputMatchesGolden) {
  testing::expect_golden(render_table(sample_report()), "report.table.txt");
}

TEST(TableReporter, PlainOutputHasNoEscapeCodesEvenWhenEvidenceCarriesThem) {
  ScanReport r = sample_report();
  r.findings[0].evidence = "FROM \x1b[31mpython\x1b[0m\x9b";
  r.findings[0].message = "bell \a and CSI \xC2\x9B";
  std::string out = render_table(r, false, true);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_NE(out.find("> FROM \\x1B[31mpython\\x1B[0m\\x9B"), std::string::npos) << out;
  EXPECT_NE(out.find("bell \\x07 and CSI \\xC2\\x9B"), std::string::npos) << out;
}

TEST(TableReporter, ColourOutputStylesSeveritiesButNotInputText) {
  ScanReport r = sample_report();
  r.findings[0].evidence = "FROM \x1b[2Jpython";
  std::string out = render_table(r, true);
  EXPECT_NE(out.find("\x1b[1;31mCRITICAL\x1b[0m"), std::string::npos) << out;
  EXPECT_NE(out.find("\x1b[33mMEDIUM  \x1b[0m"), std::string::npos) << out;
  EXPECT_EQ(out.find("\x1b[2J"), std::string::npos);
  EXPECT_NE(out.find("FROM \\x1B[2Jpython"), std::string::npos);
}

TEST(TableReporter, SuppressedFindingsAreHiddenUnlessAskedForThenMarked) {
  std::string hidden = render_table(sample_report());
  EXPECT_EQ(hidden.find("USER 0"), std::string::npos);
  EXPECT_EQ(hidden.find("[suppressed"), std::string::npos);
  std::string shown = render_table(sample_report(), false, true);
  EXPECT_NE(
      shown.find("  HIGH      T102  3:1  Container runs as root  [suppressed (inline pragma): the entrypoint "
                 "drops privileges with gosu]\n"),
      std::string::npos)
      << shown;
  // The summary counts the same either way.
  EXPECT_EQ(hidden.substr(hidden.rfind("Summary:")), shown.substr(shown.rfind("Summary:")));
}

TEST(TableReporter, FindingsOfAFileAreOrderedBySeverityThenLine) {
  std::string out = render_table(sample_report());
  size_t critical = out.find("CRITICAL  T101  4:5");
  size_t medium = out.find("MEDIUM    T103  1:1");
  size_t low = out.find("LOW       T104  -");
  ASSERT_NE(critical, std::string::npos);
  EXPECT_LT(critical, medium);
  EXPECT_LT(medium, low);
}

TEST(TableReporter, FilesWithoutFindingsPrintNothingButAreCounted) {
  ScanReport r;
  r.targets = {{"a/Dockerfile", "dockerfile", true}, {"b/Dockerfile", "dockerfile", true}};
  EXPECT_EQ(render_table(r), "Summary: no findings in 2 files scanned, 0 suppressed, 0 diagnostics\n");
}

TEST(TableReporter, DiagnosticsAreListedUnderTheirFile) {
  ScanReport r;
  r.targets = {{"Dockerfile", "dockerfile", false}};
  r.diagnostics.error("io.unreadable", "cannot read the file", {"Dockerfile"});
  EXPECT_EQ(render_table(r),
            "Dockerfile\n"
            "  ERROR     -  cannot read the file [io.unreadable]\n"
            "\n"
            "Summary: no findings in 1 file scanned, 0 suppressed, 1 diagnostic\n");
}

TEST(TableReporter, LongAndMultiLineEvidenceIsBounded) {
  ScanReport r = sample_report();
  r.findings.resize(1);
  r.findings[0].evidence = std::string(500, 'x') + "\nline2\nline3\nline4";
  std::string out = render_table(r);
  EXPECT_NE(out.find("    > " + std::string(160, 'x') + "...\n    > line2\n    > ...\n"), std::string::npos)
      << out;
  EXPECT_EQ(out.find("line3"), std::string::npos);
}

TEST(TableReporter, WhyAndFixWrapAtOneHundredColumns) {
  std::string out = render_table(sample_report());
  for (const std::string& line : split(out, '\n')) {
    if (line.starts_with("Summary:")) continue;
    EXPECT_LE(line.size(), 100u) << line;
  }
  EXPECT_NE(
      out.find("    why: Without a health check the container runtime cannot tell a hung service from a "
               "working one,\n         so it is never restarted and traffic keeps going to it\n"),
      std::string::npos)
      << out;
}

TEST(TableReporter, NullRuleDoesNotCrash) {
  ScanReport r;
  Finding f;
  f.location.file = "Dockerfile";
  f.message = "orphan";
  r.findings.push_back(f);
  EXPECT_NE(render_table(r).find("unknown  -  Unknown rule"), std::string::npos);
}

}  // namespace
}  // namespace customs
