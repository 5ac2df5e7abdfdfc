#pragma once
// A secret rule: the Rule behind its findings (id, severity, title, why, fix, source) plus how the
// scanner finds the secret: a regex for the one multi-pattern pass, keywords that must occur in
// the text, and a precise validator. Rules are rows in one table per group (rules_*.cc); adding a
// rule touches its group file and its test (tests/secrets/rules_test.cc).
#include <cstdint>
#include <span>
#include <string_view>

#include "findings/rule.h"

namespace customs {

// Decides one candidate the regex found. `secret` is the captured value, `match` the whole regex
// match, `line` the full line(s) the match is on. Pure and thread-safe.
using SecretValidator = bool (*)(std::string_view secret, std::string_view match, std::string_view line);

enum SecretRuleFlag : uint32_t {
  kSecretCaseless = 1u << 0,   // the regex matches without case
  kSecretBinaryOk = 1u << 1,   // also looked for in binary files (which are otherwise skipped)
  kSecretMultiline = 1u << 2,  // the match may span lines ('.' matches '\n'): PEM blocks
  // A context rule (password=...): it yields to any specific rule's overlapping match, and it
  // skips lines that are comments (#, //, /*, *, --, ;), where such text is mostly documentation.
  kSecretGeneric = 1u << 3,
};

struct SecretRule {
  Rule rule;                  // id "SE001"...; practice kSecrets
  std::string_view category;  // "cloud", "code-host", "saas", "registry", "private-key", "token",
                              // "password", "generic"
  // Comma-separated, lower case. The rule runs only on text that contains one of them
  // (case-insensitively); empty = always runs (its regex must then start with a fixed literal).
  std::string_view keywords;
  // RE2 syntax that Hyperscan also accepts (no lookaround, no backreferences, no named groups). The
  // first capturing group is the secret; without a group the whole match is.
  std::string_view regex;
  SecretValidator validate = nullptr;  // nullptr: every regex match is a candidate
  double min_entropy = 0;              // Shannon bits per character the secret must reach
  // Only files whose base name matches (glob with '*', lower case, e.g. ".netrc", "*.ppk");
  // empty = any file. Text that is not a file (image config, history) has the base name "". A
  // rule with a glob runs on every file the glob names, whatever its keywords, and is left out of
  // the multi-pattern pass.
  std::string_view file_glob = {};
  uint32_t flags = 0;
};

// Every built-in rule, in priority order: where two matches overlap, the earlier rule wins.
std::span<const SecretRule> secret_rules();
const SecretRule* find_secret_rule(std::string_view id);

// The group tables secret_rules() concatenates (one file each).
std::span<const SecretRule> cloud_secret_rules();
std::span<const SecretRule> code_host_secret_rules();
std::span<const SecretRule> saas_secret_rules();
std::span<const SecretRule> registry_secret_rules();
std::span<const SecretRule> private_key_secret_rules();
std::span<const SecretRule> generic_secret_rules();

// Shannon entropy of `s` in bits per character (0 for an empty string).
double shannon_entropy(std::string_view s);

}  // namespace customs
