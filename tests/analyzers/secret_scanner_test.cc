// The secret scanner engine: both backends, keywords, priorities, allowlists, binary and file
// rules, masking. Uses its own small rule table so that the built-in rules can change freely.
#include "analyzers/secrets/scanner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzers/secrets/secret_allowlist.h"

namespace customs {
namespace {

bool no_zeros(std::string_view secret, std::string_view, std::string_view) {
  return secret.find('0') == std::string_view::npos;
}

Rule rule(std::string_view id) { return Rule{id, Severity::kHigh, Practice::kSecrets, "t", "w", "f", "s"}; }

const SecretRule kTestRules[] = {
    {rule("T1"), "token", "tok_", R"(\b(tok_[a-z0-9]{10})\b)", no_zeros},
    {rule("T2"),
     "generic",
     "token",
     R"((?i)token\s*=\s*(\S{6,}))",
     nullptr,
     2.5,
     {},
     kSecretCaseless | kSecretGeneric},
    {rule("T3"), "private-key", "begin key", R"(BEGIN KEY)", nullptr, 0, {}, kSecretBinaryOk},
    {rule("T4"), "password", "password", R"(password (\S+))", nullptr, 0, ".netrc"},
    {rule("T5"), "token", "needle", R"(hay_([a-z]{8}))"},  // the keyword never occurs in a match
};

std::unique_ptr<SecretScanner> make(SecretBackend backend, SecretScanOptions o = {}) {
  o.backend = backend;
  auto s = SecretScanner::create(o, kTestRules);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? std::move(*s) : nullptr;
}

std::vector<std::string> ids(const std::vector<SecretHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.emplace_back(h.rule->rule.id);
  return out;
}

class SecretScannerBoth : public ::testing::TestWithParam<SecretBackend> {};

TEST_P(SecretScannerBoth, ReportsPositionMaskAndHashButNeverTheValue) {
  auto s = make(GetParam());
  std::string text = "a=1\nkey: tok_abcdefghij end\n";
  auto hits = s->scan("app/config", text);
  ASSERT_EQ(ids(hits), std::vector<std::string>{"T1"});
  EXPECT_EQ(hits[0].begin, 9u);
  EXPECT_EQ(hits[0].end, 23u);
  EXPECT_EQ(hits[0].line, 2);
  EXPECT_EQ(hits[0].column, 6);
  EXPECT_EQ(hits[0].end_line, 2);
  EXPECT_EQ(hits[0].end_column, 20);
  EXPECT_EQ(hits[0].masked, "to************");
  EXPECT_EQ(hits[0].hash.rfind("sha256:", 0), 0u);
  EXPECT_EQ(hits[0].hash.size(), 7u + 16u);
  EXPECT_EQ(hits[0].snippet, "key: to************ end");
}

TEST_P(SecretScannerBoth, EachHitHasItsOwnLineAndColumn) {
  auto s = make(GetParam());
  auto hits = s->scan("", "tok_abcdefghij\n\n  tok_bcdefghijk x tok_cdefghijkl\ntoken = q8Zr!x2Lw\n");
  ASSERT_EQ(ids(hits), (std::vector<std::string>{"T1", "T1", "T1", "T2"}));
  std::vector<std::pair<int, int>> at;
  for (const auto& h : hits) at.emplace_back(h.line, h.column);
  EXPECT_EQ(at, (std::vector<std::pair<int, int>>{{1, 1}, {3, 3}, {3, 20}, {4, 9}}));
}

TEST_P(SecretScannerBoth, ValidatorAndEntropyRejectCandidates) {
  auto s = make(GetParam());
  EXPECT_TRUE(s->scan("", "tok_abcdefghi0").empty());    // validator: no '0'
  EXPECT_TRUE(s->scan("", "token = aaaaaaaa").empty());  // entropy 0 < 2.5
  EXPECT_EQ(ids(s->scan("", "token = q8Zr!x2Lw")), std::vector<std::string>{"T2"});
}

TEST_P(SecretScannerBoth, GenericRuleSkipsCommentLines) {
  auto s = make(GetParam());
  EXPECT_TRUE(s->scan("", "  # token = q8Zr!x2Lw\n// token = q8Zr!x2Lw\n * token = q8Zr!x2Lw").empty());
  EXPECT_EQ(ids(s->scan("", "# note\ntoken = q8Zr!x2Lw")), std::vector<std::string>{"T2"});
  EXPECT_EQ(ids(s->scan("", "# tok_abcdefghij")), std::vector<std::string>{"T1"});  // not generic
}

TEST_P(SecretScannerBoth, EarlierRuleWinsAnOverlap) {
  auto s = make(GetParam());
  // T2's secret (tok_abcdefghij) is T1's too: T1 comes first in the table.
  auto hits = s->scan("", "TOKEN=tok_abcdefghij");
  ASSERT_EQ(ids(hits), std::vector<std::string>{"T1"});
}

TEST_P(SecretScannerBoth, RuleWithoutItsKeywordInTheTextDoesNotRun) {
  auto s = make(GetParam());
  EXPECT_TRUE(s->scan("", "hay_abcdefgh").empty());
  EXPECT_EQ(ids(s->scan("", "needle hay_abcdefgh")), std::vector<std::string>{"T5"});
}

TEST_P(SecretScannerBoth, BinaryTextOnlyRunsBinaryRules) {
  auto s = make(GetParam());
  std::string bin = std::string(
                        "\x7f"
                        "ELF\0\0",
                        6) +
                    "tok_abcdefghij BEGIN KEY";
  EXPECT_EQ(ids(s->scan("usr/bin/x", bin)), std::vector<std::string>{"T3"});
  SecretScanOptions all;
  all.scan_binaries = true;
  EXPECT_EQ(ids(make(GetParam(), all)->scan("usr/bin/x", bin)), (std::vector<std::string>{"T1", "T3"}));
}

TEST_P(SecretScannerBoth, FileRuleOnlyRunsOnItsFileName) {
  auto s = make(GetParam());
  EXPECT_TRUE(s->scan("etc/notes", "password hunter22").empty());
  EXPECT_EQ(ids(s->scan("root/.netrc", "password hunter22")), std::vector<std::string>{"T4"});
  EXPECT_EQ(ids(s->scan("root/.NETRC", "password hunter22")), std::vector<std::string>{"T4"});
}

TEST_P(SecretScannerBoth, AllowedValuesAreNotReported) {
  SecretScanOptions o;
  o.allow_values = {"^tok_abc"};
  EXPECT_TRUE(make(GetParam(), o)->scan("", "tok_abcdefghij").empty());
  EXPECT_TRUE(make(GetParam())->scan("", "token = ${API_TOKEN}").empty());
  EXPECT_TRUE(make(GetParam())->scan("", "token = 'npm_default-test-token'").empty());
  EXPECT_TRUE(make(GetParam())->scan("", "token = fake_secret_value").empty());
  EXPECT_EQ(ids(make(GetParam())->scan("", "token = 'npm_default-contest-tok'")),
            std::vector<std::string>{"T2"});
}

TEST_P(SecretScannerBoth, DisabledRuleIsNotRun) {
  SecretScanOptions o;
  o.disabled_rules = {"T1"};
  auto s = make(GetParam(), o);
  EXPECT_EQ(s->rule_count(), 4u);
  EXPECT_EQ(ids(s->scan("", "token=tok_abcdefghij")), std::vector<std::string>{"T2"});
}

INSTANTIATE_TEST_SUITE_P(Backends, SecretScannerBoth,
                         ::testing::Values(SecretBackend::kHyperscan, SecretBackend::kRe2Set),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(SecretScanner, UnknownDisabledRuleIsAnError) {
  SecretScanOptions o;
  o.disabled_rules = {"T9"};
  auto s = SecretScanner::create(o, kTestRules);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(s.error().message, "secrets: unknown rule id 'T9' in disabled rules");
}

TEST(SecretScanner, BadAllowlistRegexIsAnError) {
  SecretScanOptions o;
  o.allow_paths = {"("};
  auto s = SecretScanner::create(o, kTestRules);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message.rfind("secrets: bad allow-paths regex '(':", 0), 0u) << s.error().message;
}

TEST(SecretScanner, HyperscanRefusalNamesTheRule) {
  const SecretRule bad[] = {{rule("B1"), "token", "x", R"((a)\1)"}};
  SecretScanOptions o;
  auto hs = SecretScanner::create(o, bad);
  ASSERT_FALSE(hs.ok());  // RE2 refuses backreferences too, and says so first
  EXPECT_EQ(hs.error().message.rfind("secret rule B1: bad regex:", 0), 0u) << hs.error().message;
  // A regex that can match the empty string: RE2 takes it, Hyperscan does not.
  const SecretRule hs_only[] = {{rule("B2"), "token", "x", R"(x*)"}};
  auto refused = SecretScanner::create(o, hs_only);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message.rfind("secret rule B2: Hyperscan refused its regex:", 0), 0u)
      << refused.error().message;
  o.backend = SecretBackend::kRe2Set;
  EXPECT_TRUE(SecretScanner::create(o, hs_only).ok());
}

TEST(SecretScanner, DefaultPathAllowlistSkipsDocsAndFixturesOnly) {
  auto s = SecretScanner::create({}, kTestRules);
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE((*s)->wants_path("usr/share/doc/openssl/README"));
  EXPECT_FALSE((*s)->wants_path("app/node_modules/x/test/key.pem"));
  EXPECT_FALSE((*s)->wants_path("srv/README.md"));
  EXPECT_FALSE((*s)->wants_path("usr/share/lintian/overrides/passwd"));
  EXPECT_TRUE((*s)->wants_path("app/.env"));
  EXPECT_TRUE((*s)->wants_path("root/.ssh/id_rsa"));
  EXPECT_TRUE((*s)->wants_path("app/contest/.env"));
  SecretScanOptions off;
  off.default_allowlists = false;
  auto all = SecretScanner::create(off, kTestRules);
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE((*all)->wants_path("usr/share/doc/openssl/README"));
}

TEST(SecretScanner, BuiltInRulesCompileUnderBothBackends) {
  for (SecretBackend b : {SecretBackend::kHyperscan, SecretBackend::kRe2Set}) {
    SecretScanOptions o;
    o.backend = b;
    auto s = SecretScanner::create(o);
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ((*s)->rule_count(), secret_rules().size());
  }
}

TEST(SecretScanner, ShannonEntropyOfKnownStrings) {
  EXPECT_DOUBLE_EQ(shannon_entropy(""), 0.0);
  EXPECT_DOUBLE_EQ(shannon_entropy("aaaa"), 0.0);
  EXPECT_DOUBLE_EQ(shannon_entropy("abab"), 1.0);
  EXPECT_DOUBLE_EQ(shannon_entropy("abcd"), 2.0);
}

}  // namespace
}  // namespace customs
