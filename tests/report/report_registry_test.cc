#include <gtest/gtest.h>

#include "report/report.h"

namespace customs {
namespace {

TEST(ReportRegistry, ListsTableJsonSarifInOrder) {
  std::vector<std::string_view> names;
  for (const ReporterEntry& e : reporters()) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string_view>{"table", "json", "sarif"}));
}

TEST(ReportRegistry, FindsByExactNameOnly) {
  ASSERT_NE(find_reporter("sarif"), nullptr);
  EXPECT_EQ(find_reporter("sarif")->name, "sarif");
  EXPECT_EQ(find_reporter("SARIF"), nullptr);
  EXPECT_EQ(find_reporter("xml"), nullptr);
}

TEST(ReportRegistry, EveryReporterRendersAnEmptyReport) {
  ScanReport empty;
  for (const ReporterEntry& e : reporters()) {
    std::string out = e.make()->render(empty, RenderOptions{});
    EXPECT_FALSE(out.empty()) << e.name;
    EXPECT_EQ(out.back(), '\n') << e.name;
  }
}

}  // namespace
}  // namespace customs
