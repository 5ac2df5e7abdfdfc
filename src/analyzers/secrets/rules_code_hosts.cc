// Secret rules SE040-SE049: code hosts (GitHub, GitLab, Bitbucket, Atlassian).
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;
constexpr std::string_view kSource = "NIST SP 800-190 4.1.4";

constexpr std::string_view kGitHubFix =
    "Revoke the token on GitHub (Settings > Developer settings, or the app's settings), then pass a "
    "fresh one at run time or as a build secret (RUN --mount=type=secret), never in ENV or a file.";

const SecretRule kRules[] = {
    {Rule{"SE040", Severity::kCritical, kS, "GitHub token",
          "A GitHub token (personal, OAuth, user-to-server, server-to-server or refresh; its checksum "
          "verifies) acts as its user or app: it reads private repositories and often pushes code or "
          "changes settings.",
          kGitHubFix, kSource},
     "code-host", "ghp_,gho_,ghu_,ghs_,ghr_", R"(\b(gh[pousr]_[A-Za-z0-9]{36})\b)", github_checksum},
    {Rule{"SE041", Severity::kCritical, kS, "GitHub fine-grained personal access token",
          "A fine-grained token acts as its user on the repositories and permissions it was given, "
          "often including contents write.",
          kGitHubFix, kSource},
     "code-host", "github_pat_", R"(\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b)", not_placeholder, 3.5},
    {Rule{"SE042", Severity::kMedium, kS, "GitHub token with a checksum that does not verify",
          "The value has the shape of a GitHub token but its CRC32 checksum does not match: a test "
          "value, a typo, or a token cut short. Real tokens always verify, so this is likely not "
          "usable, but whoever wrote it meant to ship a credential.",
          "Check where the value comes from; if it was ever a real token revoke it, and pass tokens at "
          "run time instead of writing them into the image.",
          kSource},
     "code-host", "ghp_,gho_,ghu_,ghs_,ghr_", R"(\b(gh[pousr]_[A-Za-z0-9]{36})\b)", github_bad_checksum, 4.0},
    {Rule{"SE043", Severity::kHigh, kS, "GitHub OAuth app client secret",
          "With an OAuth app's client secret anyone can complete the OAuth flow as the app and exchange "
          "intercepted codes for user tokens.",
          "Generate a new client secret in the OAuth app settings, delete the old one, and load it from "
          "a secret store.",
          kSource},
     "code-host",
     "github",
     R"((?i)github[a-z0-9_ .-]{0,20}(?:client[_-]?)?secret["']?[ \t]*[:=>]{1,3}[ \t]*["']?([a-f0-9]{40})\b)",
     not_example,
     3.0,
     {},
     kSecretCaseless},
    {Rule{"SE044", Severity::kCritical, kS, "GitLab personal access token",
          "A GitLab personal access token acts as its user on the API, Git and the container registry, "
          "within its scopes.",
          "Revoke it in User settings > Access tokens and use a CI_JOB_TOKEN or a masked CI variable "
          "instead.",
          kSource},
     "code-host", "glpat-",
     R"(\b(glpat-(?:[0-9A-Za-z_-]{27,300}\.[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?:[^0-9A-Za-z_.-]|$))",
     not_placeholder, 3.0},
    {Rule{"SE045", Severity::kHigh, kS, "GitLab deploy token",
          "A deploy token reads (and may write) the repository, packages and container images of its "
          "project or group.",
          "Revoke it in Settings > Repository > Deploy tokens and pass a new one as a CI or run-time "
          "secret.",
          kSource},
     "code-host", "gldt-", R"(\b(gldt-[0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_-]|$))", not_placeholder, 3.0},
    {Rule{"SE046", Severity::kHigh, kS, "GitLab runner token",
          "A runner registration or authentication token lets a machine register as a runner and pick "
          "up CI jobs, with their variables and secrets.",
          "Reset the token in Settings > CI/CD > Runners (or delete the runner) and register runners "
          "with a token passed at run time.",
          kSource},
     "code-host", "gr1348941,glrt-",
     R"(\b(GR1348941[0-9A-Za-z_-]{20}|glrt-(?:t[0-9]_)?[0-9A-Za-z_-]{20,300}(?:\.[0-9a-z]{9})?)(?:[^0-9A-Za-z_.-]|$))",
     not_placeholder, 3.0},
    {Rule{"SE047", Severity::kHigh, kS, "GitLab pipeline trigger token",
          "A trigger token starts pipelines of its project with the trigger owner's rights and chosen "
          "variables.",
          "Revoke it in Settings > CI/CD > Pipeline trigger tokens and keep the new one in a secret.",
          kSource},
     "code-host", "glptt-", R"(\b(glptt-[0-9a-f]{40})\b)", not_placeholder, 3.0},
    {Rule{"SE048", Severity::kHigh, kS, "Bitbucket app password",
          "A Bitbucket app password or access token reads and pushes the repositories of its account "
          "within its permissions.",
          "Revoke it in Personal settings > App passwords (or the repository's access tokens) and use a "
          "secured pipeline variable instead.",
          kSource},
     "code-host",
     "bitbucket",
     R"((?i)bitbucket[a-z0-9_ .-]{0,25}(?:pass(?:word)?|secret|token|key)["']?[ \t]*[:=>]{1,3}[ \t]*["']?([A-Za-z0-9_=.-]{20,200}))",
     generic_value,
     3.0,
     {},
     kSecretCaseless},
    {Rule{"SE049", Severity::kHigh, kS, "Atlassian API token",
          "An Atlassian API token acts as its user on Jira, Confluence and Bitbucket Cloud: it reads "
          "and changes issues, pages and repositories.",
          "Revoke it at id.atlassian.com > Security > API tokens and pass a new one as a run-time secret.",
          kSource},
     "code-host", "atatt3", R"(\b(ATATT3[A-Za-z0-9_=-]{186})(?:[^A-Za-z0-9_=-]|$))", not_placeholder, 3.5},
};

}  // namespace

std::span<const SecretRule> code_host_secret_rules() { return kRules; }

}  // namespace customs
