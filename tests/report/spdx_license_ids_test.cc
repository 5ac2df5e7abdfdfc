#include "report/spdx_license_ids.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "report/license_expression.h"

namespace customs {
namespace {

TEST(SpdxLicenseIds, TableIsTheVendoredSchemaEnum) {
  std::ifstream in(std::string(CUSTOMS_TESTDATA) + "/schemas/spdx.SNAPSHOT.schema.json");
  ASSERT_TRUE(in);
  std::vector<std::string> schema = nlohmann::json::parse(in)["enum"].get<std::vector<std::string>>();
  std::vector<std::string> table(spdx_license_ids_begin(),
                                 spdx_license_ids_begin() + spdx_license_ids_size());
  std::sort(schema.begin(), schema.end());
  std::sort(table.begin(), table.end());
  EXPECT_EQ(table, schema);
}

TEST(SpdxLicenseIds, LookupIsCaseInsensitiveAndReturnsTheListSpelling) {
  EXPECT_EQ(canonical_spdx_license_id("apache-2.0"), "Apache-2.0");
  EXPECT_EQ(canonical_spdx_license_id("0BSD"), "0BSD");
  EXPECT_EQ(canonical_spdx_license_id("ZPL-2.1"), "ZPL-2.1");
  EXPECT_EQ(canonical_spdx_license_id("GPL-2.0+"), "GPL-2.0+");
  EXPECT_EQ(canonical_spdx_license_id("GPLv2"), std::nullopt);
  EXPECT_EQ(canonical_spdx_license_id(""), std::nullopt);
}

TEST(LicenseExpression, ClassifiesIdsExpressionsAndNames) {
  auto check = [](std::string_view in, LicenseForm form, std::string_view text) {
    ClassifiedLicense c = classify_license(in);
    EXPECT_EQ(c.form, form) << in;
    EXPECT_EQ(c.text, text) << in;
  };
  check(" mit ", LicenseForm::kId, "MIT");
  check("MIT or apache-2.0", LicenseForm::kExpression, "MIT OR Apache-2.0");
  check("(MIT AND (BSD-2-Clause OR Apache-2.0))", LicenseForm::kExpression,
        "(MIT AND (BSD-2-Clause OR Apache-2.0))");
  check("GPL-2.0-only WITH Classpath-exception-2.0", LicenseForm::kExpression,
        "GPL-2.0-only WITH Classpath-exception-2.0");
  check("Apache-2.0+", LicenseForm::kExpression, "Apache-2.0+");
  check("LicenseRef-acme", LicenseForm::kExpression, "LicenseRef-acme");
  check("GPLv2+", LicenseForm::kName, "GPLv2+");
  check("MIT OR", LicenseForm::kName, "MIT OR");
  check("(MIT", LicenseForm::kName, "(MIT");
  check("MIT Or GPLv2", LicenseForm::kName, "MIT Or GPLv2");
  check("Apache License, Version 2.0", LicenseForm::kName, "Apache License, Version 2.0");
  check(std::string(100, '('), LicenseForm::kName, std::string(100, '('));
}

TEST(LicenseExpression, RefForNameKeepsOnlyIdCharacters) {
  EXPECT_EQ(license_ref_for_name("GPLv2+"), "LicenseRef-GPLv2-");
  EXPECT_EQ(license_ref_for_name("  "), "LicenseRef-unknown");
}

}  // namespace
}  // namespace customs
