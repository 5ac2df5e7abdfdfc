// Secret rules: chat, payment, mail and other service APIs.
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;

const SecretRule kRules[] = {
    {Rule{"SE060", Severity::kHigh, kS, "Slack token",
          "A Slack token reads and posts messages as its bot or user, often across the whole workspace.",
          "Revoke the token in the Slack app settings and load a new one from a secret at run time.",
          "NIST SP 800-190 4.1.4"},
     "saas", "xoxb-,xoxp-,xoxa-,xoxr-,xoxs-", R"(\b(xox[baprs]-[A-Za-z0-9-]{10,}))"},
};

}  // namespace

std::span<const SecretRule> saas_secret_rules() { return kRules; }

}  // namespace customs
