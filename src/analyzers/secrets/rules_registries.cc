// Secret rules: package and image registries (npm, PyPI, RubyGems, NuGet, Docker).
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;

const SecretRule kRules[] = {
    {Rule{"SE040", Severity::kHigh, kS, "npm access token",
          "An npm token can publish packages as its owner: a leaked one is a supply-chain attack waiting to "
          "happen.",
          "Revoke the token (npm token revoke), and give it to the build as a secret mount instead of an "
          ".npmrc in the image.",
          "NIST SP 800-190 4.1.4"},
     "registry", "npm_", R"(\b(npm_[A-Za-z0-9]{36})\b)"},
};

}  // namespace

std::span<const SecretRule> registry_secret_rules() { return kRules; }

}  // namespace customs
