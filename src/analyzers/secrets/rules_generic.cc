// Secret rules: tokens and passwords known by their context (JWT, password in a URL, password= assignments).
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;

const SecretRule kRules[] = {
    {Rule{"SE090", Severity::kHigh, kS, "Password in a URL",
          "A URL with user:password@ carries the password wherever the URL goes: configs, logs, process "
          "lists.",
          "Remove the password from the URL and pass it separately from a secret store or mounted file.",
          "NIST SP 800-190 4.1.4"},
     "generic",
     "://",
     R"(\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'"]*:([^\s:/@'"$]+)@[A-Za-z0-9\[])",
     not_placeholder,
     0,
     {},
     kSecretGeneric},
};

}  // namespace

std::span<const SecretRule> generic_secret_rules() { return kRules; }

}  // namespace customs
