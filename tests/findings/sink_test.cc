#include "findings/sink.h"

#include <gtest/gtest.h>

namespace customs {
namespace {

const Rule kRule{"T001", Severity::kHigh, Practice::kLeastPrivilege, "title", "why", "fix", "src", true};
const Rule kOptIn{"T002", Severity::kLow, Practice::kSupplyChain, "title", "why", "fix", "src", false};

TEST(FindingSink, FingerprintIgnoresLineButSeparatesOccurrences) {
  FindingSink sink;
  Location a{"Dockerfile", 3};
  Location b{"Dockerfile", 9};
  sink.report(kRule, a, "m", "USER root");
  sink.report(kRule, b, "m", "USER root");
  FindingSink moved;
  moved.report(kRule, Location{"Dockerfile", 5}, "m", "USER root");
  ASSERT_EQ(sink.findings().size(), 2u);
  EXPECT_NE(sink.findings()[0].fingerprint, sink.findings()[1].fingerprint);
  EXPECT_EQ(sink.findings()[0].fingerprint, moved.findings()[0].fingerprint);
  EXPECT_EQ(sink.findings()[0].fingerprint.size(), 32u);
}

TEST(FindingSink, PolicyOverridesSeverityAndDisables) {
  Policy p;
  p.severity_overrides["T001"] = Severity::kCritical;
  FindingSink sink(&p);
  sink.report(kRule, Location{"f"}, "m");
  ASSERT_EQ(sink.findings().size(), 1u);
  EXPECT_EQ(sink.findings()[0].severity, Severity::kCritical);
  p.disabled.insert("T001");
  EXPECT_EQ(sink.report(kRule, Location{"f"}, "m"), nullptr);
}

TEST(FindingSink, OptInRulesNeedExplicitEnable) {
  Policy p;
  FindingSink sink(&p);
  EXPECT_EQ(sink.report(kOptIn, Location{"f"}, "m"), nullptr);
  p.enabled.insert("T002");
  EXPECT_NE(sink.report(kOptIn, Location{"f"}, "m"), nullptr);
}

TEST(Severity, ParsesNamesCaseInsensitively) {
  EXPECT_EQ(severity_from("HIGH"), Severity::kHigh);
  EXPECT_EQ(severity_from("moderate"), Severity::kMedium);
  EXPECT_EQ(severity_from("urgent"), std::nullopt);
}

}  // namespace
}  // namespace customs
