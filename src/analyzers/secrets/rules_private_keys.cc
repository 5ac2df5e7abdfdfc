// Secret rules: private keys (PEM, OpenSSH, PGP, PuTTY).
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;

const SecretRule kRules[] = {
    {Rule{"SE001", Severity::kCritical, kS, "Private key",
          "A private key in an image can be copied by anyone who can pull the image; whoever holds it can "
          "impersonate the server or user it belongs to and decrypt what was sent to them.",
          "Delete the key from the build (and from every earlier layer: rebuild without it), revoke or "
          "rotate it, and mount it at run time as an orchestrator secret.",
          "NIST SP 800-190 4.1.4"},
     "private-key",
     "private key",
     R"(-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----)",
     nullptr,
     0,
     {},
     kSecretBinaryOk},
};

}  // namespace

std::span<const SecretRule> private_key_secret_rules() { return kRules; }

}  // namespace customs
