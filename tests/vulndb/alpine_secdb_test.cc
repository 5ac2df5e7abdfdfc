#include <gtest/gtest.h>

#include "feed_test_util.h"
#include "vulndb/import/parsers.h"

namespace customs {
namespace {

using testing::find_advisory;
using testing::row_text;
using testing::vulndb_testdata;

class AlpineSecdbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = parse_alpine_secdb(vulndb_testdata("alpine/main.json"), "main.json", diags_);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    batch_ = std::move(*r);
  }
  Diagnostics diags_;
  FeedBatch batch_;
};

TEST_F(AlpineSecdbTest, OneAdvisoryPerVulnerabilityId) {
  EXPECT_EQ(batch_.advisories.size(), 13u);
  EXPECT_TRUE(diags_.empty());
  const Advisory* a = find_advisory(batch_, "CVE-2023-5678");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->source, "alpine-secdb");
  ASSERT_EQ(a->affected.size(), 1u);
  EXPECT_EQ(row_text(a->affected[0]), "Alpine:v3.19 openssl affected 0..3.1.4-r1");
}

TEST_F(AlpineSecdbTest, ZeroKeyMeansNotAffected) {
  const Advisory* a = find_advisory(batch_, "CVE-2022-1292");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(row_text(a->affected.at(0)), "Alpine:v3.19 openssl not-affected ");
}

TEST_F(AlpineSecdbTest, IdStringsWithSeveralIdsAndRemarks) {
  const Advisory* jinja = find_advisory(batch_, "CVE-2024-22195");  // "CVE-... GHSA-...": aliases
  ASSERT_NE(jinja, nullptr);
  EXPECT_EQ(jinja->aliases, std::vector<std::string>{"GHSA-h5c8-rqwp-cp95"});
  EXPECT_EQ(find_advisory(batch_, "GHSA-h5c8-rqwp-cp95"), nullptr);
  const Advisory* xen = find_advisory(batch_, "CVE-2023-46837");
  ASSERT_NE(xen, nullptr);
  EXPECT_EQ(xen->aliases, std::vector<std::string>{"XSA-447"});
  const Advisory* xsa = find_advisory(batch_, "XSA-433");  // a non-CVE id alone is its own advisory
  ASSERT_NE(xsa, nullptr);
  EXPECT_EQ(row_text(xsa->affected.at(0)), "Alpine:v3.19 xen affected 0..4.17.2-r0");
  EXPECT_NE(find_advisory(batch_, "CVE-2023-20593"), nullptr);  // "(+ regression fix)" dropped
  // "CVE-A CVE-B" are two vulnerabilities, not aliases.
  const Advisory* a = find_advisory(batch_, "CVE-2023-42364");
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->aliases.empty());
  const Advisory* twice = find_advisory(batch_, "CVE-2023-42363");
  ASSERT_NE(twice, nullptr);
  ASSERT_EQ(twice->affected.size(), 2u);
  EXPECT_EQ(row_text(twice->affected[0]), "Alpine:v3.19 busybox affected 0..1.36.1-r6");
  EXPECT_EQ(row_text(twice->affected[1]), "Alpine:v3.19 busybox affected 0..1.36.1-r7");
}

TEST(AlpineSecdb, VulnListPackageFile) {
  std::string text = R"({"name": "ansible", "secfixes": {"2.9.3-r0": ["CVE-2019-14904"]},
                         "reponame": "main", "distroversion": "v3.12"})";
  Diagnostics diags;
  auto r = parse_alpine_secdb(text, "ansible.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->advisories.size(), 1u);
  EXPECT_EQ(row_text(r->advisories[0].affected.at(0)), "Alpine:v3.12 ansible affected 0..2.9.3-r0");
}

TEST(AlpineSecdb, BadEntriesAreReportedAtTheirLines) {
  Diagnostics diags;
  auto r = parse_alpine_secdb(vulndb_testdata("alpine/bad.json"), "bad.json", diags);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->advisories.size(), 1u);
  EXPECT_EQ(r->advisories[0].id, "CVE-2023-0001");
  EXPECT_EQ(row_text(r->advisories[0].affected.at(0)), "Alpine:v3.18 ok-package affected 0..1.0-r0");
  ASSERT_EQ(diags.items().size(), 4u);
  EXPECT_EQ(diags.items()[0].code, "alpine.bad-id");
  EXPECT_EQ(diags.items()[0].where.line, 9);
  EXPECT_NE(diags.items()[0].message.find("\"fixed a crash\""), std::string::npos);
  EXPECT_EQ(diags.items()[1].code, "alpine.bad-id");
  EXPECT_EQ(diags.items()[2].code, "alpine.bad-package");
  EXPECT_EQ(diags.items()[2].where.line, 14);
  EXPECT_EQ(diags.items()[3].code, "alpine.bad-secfix");
  EXPECT_EQ(diags.items()[3].where.line, 21);
}

TEST(AlpineSecdb, WrongShapeOrTruncatedIsAnError) {
  Diagnostics diags;
  EXPECT_FALSE(parse_alpine_secdb(R"({"packages": []})", "x.json", diags).ok());
  EXPECT_FALSE(parse_alpine_secdb(R"({"distroversion": "v3.19"})", "x.json", diags).ok());
  auto r = parse_alpine_secdb("{\"distroversion\": \"v3.19\",\n\"packages\": [", "x.json", diags);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().where.line, 2);
}

}  // namespace
}  // namespace customs
