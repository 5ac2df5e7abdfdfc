#include <gtest/gtest.h>

#include "app/config.h"

namespace customs {
namespace {

bool known(std::string_view id) { return id == "DF001" || id == "DF002" || id == "DF003"; }

Result<Config> parse(std::string_view text) { return parse_config(text, "customs.yaml", known); }

// The error's "file:line:col: message", for exact comparison.
std::string error_of(std::string_view text) {
  auto r = parse(text);
  EXPECT_FALSE(r.ok()) << "expected an error for:\n" << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind, ErrorKind::kUsage);
  return r.error().to_string();
}

TEST(AppConfig, EmptyInputIsTheDefaultConfig) {
  auto r = parse("");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->policy.enabled.empty());
  EXPECT_TRUE(r->policy.disabled.empty());
  EXPECT_FALSE(r->has_fail_on);
  EXPECT_EQ(r->path, "customs.yaml");
}

TEST(AppConfig, CommentsOnlyIsTheDefaultConfig) {
  auto r = parse("# nothing here\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->policy.severity_overrides.empty());
}

TEST(AppConfig, ChecksDisableAndEnableFillThePolicy) {
  auto r = parse("checks:\n  disable: [DF001, DF002]\n  enable:\n    - DF003\n");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->policy.disabled, (std::set<std::string>{"DF001", "DF002"}));
  EXPECT_EQ(r->policy.enabled, (std::set<std::string>{"DF003"}));
}

TEST(AppConfig, SeverityOverridesAreParsedCaseInsensitively) {
  auto r = parse("checks:\n  severity:\n    DF001: HIGH\n    DF002: info\n");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->policy.severity_overrides.size(), 2u);
  EXPECT_EQ(r->policy.severity_overrides.at("DF001"), Severity::kHigh);
  EXPECT_EQ(r->policy.severity_overrides.at("DF002"), Severity::kInfo);
}

TEST(AppConfig, TrustedRegistriesKeepTheirOrder) {
  auto r = parse("registries:\n  trusted: [ghcr.io, 'registry.example.com:5000', docker.io]\n");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->policy.trusted_registries,
            (std::vector<std::string>{"ghcr.io", "registry.example.com:5000", "docker.io"}));
}

TEST(AppConfig, RequiredLabels) {
  auto r = parse("labels:\n  required:\n    - org.opencontainers.image.source\n    - maintainer\n");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->policy.required_labels,
            (std::vector<std::string>{"org.opencontainers.image.source", "maintainer"}));
}

TEST(AppConfig, FailOnSeverity) {
  auto r = parse("fail-on: medium\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->has_fail_on);
  ASSERT_TRUE(r->fail_on.has_value());
  EXPECT_EQ(*r->fail_on, Severity::kMedium);
}

TEST(AppConfig, FailOnNone) {
  auto r = parse("fail-on: none\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->has_fail_on);
  EXPECT_FALSE(r->fail_on.has_value());
}

TEST(AppConfig, EmptySectionsAreAllowed) {
  auto r = parse("checks:\nregistries:\n  trusted:\n");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_TRUE(r->policy.trusted_registries.empty());
}

TEST(AppConfig, UnknownTopLevelKeyIsLocated) {
  EXPECT_EQ(error_of("checks:\n  disable: [DF001]\nregistry:\n  trusted: []\n"),
            "customs.yaml:3:1: unknown key 'registry' in the top level "
            "(expected checks, registries, labels, fail-on, secrets)");
}

TEST(AppConfig, UnknownNestedKeyIsLocated) {
  EXPECT_EQ(error_of("checks:\n  disabled: [DF001]\n"),
            "customs.yaml:2:3: unknown key 'disabled' in 'checks' (expected disable, enable, severity)");
}

TEST(AppConfig, UnknownRuleIdIsLocatedAtTheItem) {
  EXPECT_EQ(error_of("checks:\n  disable: [DF001, DF999]\n"),
            "customs.yaml:2:20: unknown rule id 'DF999' in 'checks.disable'");
}

TEST(AppConfig, UnknownRuleIdInSeverityIsLocatedAtTheKey) {
  EXPECT_EQ(error_of("checks:\n  severity:\n    DF404: high\n"),
            "customs.yaml:3:5: unknown rule id 'DF404' in 'checks.severity'");
}

TEST(AppConfig, BadSeverityIsLocatedAtTheValue) {
  EXPECT_EQ(error_of("checks:\n  severity:\n    DF001: hgih\n"),
            "customs.yaml:3:12: 'checks.severity.DF001' must be one of info, low, medium, high, critical, "
            "not 'hgih'");
}

TEST(AppConfig, BadFailOnIsLocatedAtTheValue) {
  EXPECT_EQ(
      error_of("fail-on: severe\n"),
      "customs.yaml:1:10: 'fail-on' must be one of info, low, medium, high, critical, none; not 'severe'");
}

TEST(AppConfig, ListWhereAMappingIsExpected) {
  EXPECT_EQ(error_of("checks: [DF001]\n"), "customs.yaml:1:9: 'checks' must be a mapping");
}

TEST(AppConfig, ScalarWhereAListIsExpected) {
  EXPECT_EQ(error_of("registries:\n  trusted: ghcr.io\n"),
            "customs.yaml:2:12: 'registries.trusted' must be a list");
}

TEST(AppConfig, NestedListItemIsAWrongType) {
  EXPECT_EQ(error_of("labels:\n  required:\n    - [a, b]\n"),
            "customs.yaml:3:7: 'labels.required' must be a list of non-empty strings");
}

TEST(AppConfig, TopLevelMustBeAMapping) {
  EXPECT_EQ(error_of("- checks\n"), "customs.yaml:1:1: the top level must be a mapping");
}

TEST(AppConfig, RuleBothEnabledAndDisabled) {
  EXPECT_EQ(error_of("checks:\n  enable: [DF001]\n  disable: [DF001]\n"),
            "customs.yaml:1:1: rule id 'DF001' is both enabled and disabled in 'checks'");
}

TEST(AppConfig, MalformedYamlCarriesTheParserLocation) {
  EXPECT_EQ(error_of("checks:\n  disable: [DF001\n"),
            "customs.yaml:3:1: invalid YAML: end of sequence flow not found");
}

TEST(AppConfig, DeeplyNestedYamlIsAnErrorNotACrash) {
  std::string deep(100000, '[');
  auto r = parse(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUsage);
}

TEST(AppConfig, LoadMissingExplicitFileIsAUsageError) {
  MemoryFs fs;
  auto r = load_config(fs, "other.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUsage);
  EXPECT_EQ(r.error().where.file, "other.yaml");
}

TEST(AppConfig, LoadWithoutAnyFileIsTheDefault) {
  MemoryFs fs;
  auto r = load_config(fs, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "");
}

TEST(AppConfig, LoadReadsCustomsYamlFromTheWorkingDirectory) {
  MemoryFs fs;
  fs.add_file("customs.yaml", "registries:\n  trusted: [ghcr.io]\n");
  auto r = load_config(fs, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->path, "customs.yaml");
  EXPECT_EQ(r->policy.trusted_registries, (std::vector<std::string>{"ghcr.io"}));
}

TEST(AppConfig, SecretsSectionFillsTheScanOptions) {
  auto r = parse(
      "secrets:\n  backend: re2\n  disable: [SE001]\n  allow-paths: ['^opt/']\n  allow-values: "
      "['^sk_test_']\n"
      "  default-allowlists: false\n  max-file-size: 2MiB\n  scan-binaries: yes\n  archive-depth: 0\n"
      "  archive-max-bytes: 1048576\n");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const SecretScanOptions& o = r->secrets;
  EXPECT_EQ(o.backend, SecretBackend::kRe2Set);
  EXPECT_EQ(o.disabled_rules, (std::vector<std::string>{"SE001"}));
  EXPECT_EQ(o.allow_paths, (std::vector<std::string>{"^opt/"}));
  EXPECT_EQ(o.allow_values, (std::vector<std::string>{"^sk_test_"}));
  EXPECT_FALSE(o.default_allowlists);
  EXPECT_EQ(o.max_file_size, uint64_t{2} << 20);
  EXPECT_TRUE(o.scan_binaries);
  EXPECT_EQ(o.archive_depth, 0);
  EXPECT_EQ(o.archive_max_bytes, uint64_t{1} << 20);
}

TEST(AppConfig, SecretsDefaultsWithoutTheSection) {
  auto r = parse("fail-on: high\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->secrets.backend, SecretBackend::kHyperscan);
  EXPECT_EQ(r->secrets.max_file_size, SecretScanOptions{}.max_file_size);
  EXPECT_EQ(r->secrets.archive_depth, 2);
}

TEST(AppConfig, BadSecretsValuesAreLocated) {
  EXPECT_EQ(error_of("secrets:\n  backend: pcre\n"),
            "customs.yaml:2:12: 'secrets.backend' must be hyperscan or re2, not 'pcre'");
  EXPECT_EQ(error_of("secrets:\n  disable: [SE001, XX9]\n"),
            "customs.yaml:2:20: unknown secret rule id 'XX9' in 'secrets.disable'");
  EXPECT_EQ(error_of("secrets:\n  allow-values: ['(a']\n"),
            "customs.yaml:2:18: 'secrets.allow-values' holds an invalid RE2 regex '(a': missing ): (a");
  EXPECT_EQ(
      error_of("secrets:\n  max-file-size: 65MiB\n"),
      "customs.yaml:2:18: 'secrets.max-file-size' must be a size from 1 byte to 64 MiB (bytes, or with KiB, "
      "MiB, GiB), not '65MiB'");
  EXPECT_EQ(
      error_of("secrets:\n  archive-max-bytes: 0\n"),
      "customs.yaml:2:22: 'secrets.archive-max-bytes' must be a size from 1 byte to 4096 MiB (bytes, or with "
      "KiB, MiB, GiB), not '0'");
  EXPECT_EQ(error_of("secrets:\n  archive-depth: -1\n"),
            "customs.yaml:2:18: 'secrets.archive-depth' must be a whole number from 0 to 8, not '-1'");
  EXPECT_EQ(error_of("secrets:\n  scan-binaries: maybe\n"),
            "customs.yaml:2:18: 'secrets.scan-binaries' must be true or false, not 'maybe'");
  EXPECT_EQ(
      error_of("secrets:\n  max-file-size: 99999999999999999999\n"),
      "customs.yaml:2:18: 'secrets.max-file-size' must be a size from 1 byte to 64 MiB (bytes, or with KiB, "
      "MiB, GiB), not '99999999999999999999'");
  EXPECT_EQ(
      error_of("secrets:\n  allowpaths: []\n"),
      "customs.yaml:2:3: unknown key 'allowpaths' in 'secrets' (expected backend, disable, allow-paths, "
      "allow-values, default-allowlists, max-file-size, scan-binaries, archive-depth, archive-max-bytes)");
}

TEST(AppConfig, SecretRuleIdsAreKnownToTheChecksSection) {
  EXPECT_TRUE(is_known_rule_id("SE001"));
  auto r = parse_config("checks:\n  disable: [SE001]\n", "customs.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->policy.disabled, (std::set<std::string>{"SE001"}));
}

TEST(AppConfig, RealRuleTableKnowsItsOwnIdsOnly) {
  EXPECT_FALSE(is_known_rule_id("NOPE1"));
  EXPECT_FALSE(is_known_rule_id(""));
}

}  // namespace
}  // namespace customs
