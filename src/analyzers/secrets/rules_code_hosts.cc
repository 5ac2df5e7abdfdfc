// Secret rules: code hosts (GitHub, GitLab, Bitbucket ...).
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;

const SecretRule kRules[] = {
    {Rule{"SE020", Severity::kCritical, kS, "GitHub token",
          "A GitHub token acts as its user or app: it can read private repositories and often push code or "
          "change settings.",
          "Revoke the token on GitHub (Settings > Developer settings), then pass a fresh one at run time or "
          "as a build secret.",
          "NIST SP 800-190 4.1.4"},
     "code-host", "ghp_,gho_,ghu_,ghs_,ghr_", R"(\b(gh[pousr]_[A-Za-z0-9]{36})\b)"},
};

}  // namespace

std::span<const SecretRule> code_host_secret_rules() { return kRules; }

}  // namespace customs
