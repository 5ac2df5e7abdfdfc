// Secret rules: cloud providers (AWS, Google Cloud, Azure ...).
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;

const SecretRule kRules[] = {
    {Rule{
         "SE010", Severity::kCritical, kS, "AWS access key id",
         "An AWS access key id, usually next to its secret key, gives the API access of the IAM user or role "
         "it belongs to; images leak them to everyone who can pull.",
         "Deactivate the key in IAM now; give the workload an IAM role (instance profile, IRSA, ECS task "
         "role) instead of static keys.",
         "NIST SP 800-190 4.1.4"},
     "cloud", "akia,asia,abia,acca", R"(\b((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})\b)", not_example},
    {Rule{"SE011", Severity::kCritical, kS, "AWS secret access key",
          "The secret access key signs AWS API requests: with it and the key id anyone has the access of the "
          "IAM user it belongs to.",
          "Deactivate the key pair in IAM now; use an IAM role for the workload instead of static keys.",
          "NIST SP 800-190 4.1.4"},
     "cloud",
     "aws_secret,aws_secret_access_key,secretaccesskey,aws-secret",
     R"((?i)aws_?secret_?(?:access_?)?key["']?\s*[=:]+\s*["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$))",
     not_example,
     3.0,
     {},
     kSecretCaseless},
};

}  // namespace

std::span<const SecretRule> cloud_secret_rules() { return kRules; }

}  // namespace customs
