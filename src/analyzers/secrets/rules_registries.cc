// Secret rules SE050-SE059: package and image registries (npm, PyPI, RubyGems, NuGet, Docker,
// Artifactory).
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;
constexpr std::string_view kSource = "NIST SP 800-190 4.1.4";

constexpr std::string_view kNpmFix =
    "Revoke the token (npm token revoke, or the registry's UI) and give it to the build as a secret "
    "mount (RUN --mount=type=secret,id=npmrc,target=/root/.npmrc) instead of an .npmrc in the image.";
constexpr std::string_view kDockerFix =
    "Change the password or revoke the access token at the registry, and log in at run time (docker "
    "login from a CI secret, a credential helper, or an imagePullSecret) instead of shipping config.json.";

const SecretRule kRules[] = {
    {Rule{"SE050", Severity::kHigh, kS, "npm access token",
          "An npm token can publish packages as its owner: a leaked one is a supply-chain attack waiting to "
          "happen.",
          kNpmFix, kSource},
     "registry", "npm_", R"(\b(npm_[A-Za-z0-9]{36})\b)", github_checksum},
    {Rule{"SE051", Severity::kHigh, kS, "Registry auth token in .npmrc",
          "An _authToken line in .npmrc or .yarnrc logs in to its registry: it installs private packages "
          "and often publishes them.",
          kNpmFix, kSource},
     "registry",
     "_authtoken",
     R"((?i)_authToken["']?[ \t]*[=:][ \t]*["']?([^\s"'#;]{16,512}))",
     not_placeholder,
     3.0,
     {},
     kSecretCaseless},
    {Rule{"SE052", Severity::kHigh, kS, "Registry password in .npmrc",
          "_auth (base64 user:password) and _password (base64 password) in .npmrc log in to the "
          "registry as that user.",
          kNpmFix, kSource},
     "registry", "_auth,_password", R"((?:^|[\s:])_(?:auth|password)\s*=\s*["']?([A-Za-z0-9+/]{8,}={0,2}))",
     not_placeholder, 2.5},
    {Rule{"SE053", Severity::kHigh, kS, "PyPI API token",
          "A PyPI token uploads new releases of the user's or project's packages: a direct path to a "
          "supply-chain compromise.",
          "Delete the token in PyPI account settings > API tokens; publish from CI with trusted "
          "publishing (OIDC) instead of stored tokens.",
          kSource},
     "registry", "pypi-ageichlwas5vcmc,pypi-agendgvzdc5wexbplm9yzw",
     R"(\b(pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}))", not_placeholder, 3.0},
    {Rule{"SE054", Severity::kHigh, kS, "RubyGems API key",
          "A RubyGems API key pushes new versions of its owner's gems and can yank old ones.",
          "Revoke the key on rubygems.org (Settings > API keys) and publish with trusted publishing or a "
          "CI secret.",
          kSource},
     "registry", "rubygems_", R"(\b(rubygems_[a-f0-9]{48})\b)", not_placeholder, 3.0},
    {Rule{"SE055", Severity::kHigh, kS, "NuGet API key",
          "A NuGet.org API key pushes packages under its owner's IDs.",
          "Regenerate or delete the key on nuget.org (API keys) and publish from CI with a secret or "
          "trusted publishing.",
          kSource},
     "registry", "oy2", R"(\b(oy2[a-z0-9]{43})\b)", not_placeholder, 3.5},
    {Rule{"SE056", Severity::kHigh, kS, "Docker registry credentials (config.json auth)",
          "The \"auth\" field of a Docker config.json is base64 of user:password: anyone can decode it "
          "and pull or push the registry's images as that user.",
          kDockerFix, kSource},
     "registry", "\"auth\"", R"re("auth"\s*:\s*"([A-Za-z0-9+/]{8,}={0,2})")re", base64_user_password},
    {Rule{"SE057", Severity::kHigh, kS, "Kubernetes image pull secret data",
          "A .dockerconfigjson / .dockercfg value is base64 of a Docker config with registry "
          "credentials: decoding it gives the user and password.",
          "Rotate the registry credentials and create the pull secret in the cluster (kubectl create "
          "secret docker-registry) instead of shipping its manifest in the image.",
          kSource},
     "registry", ".dockerconfigjson,.dockercfg",
     R"(\.docker(?:configjson|cfg)["']?\s*:\s*[|>]?[-+]?\s*["']?(ey[A-Za-z0-9+/]{20,}={0,2}))",
     base64_docker_config},
    {Rule{"SE058", Severity::kHigh, kS, "Docker Hub access token",
          "A Docker Hub personal or organization access token pulls private images and, with write "
          "scope, pushes over the team's tags.",
          kDockerFix, kSource},
     "registry", "dckr_pat_,dckr_oat_", R"(\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})(?:[^A-Za-z0-9_-]|$))",
     not_placeholder, 3.5},
    {Rule{"SE059", Severity::kHigh, kS, "JFrog Artifactory API key or reference token",
          "An Artifactory API key or reference token reads and deploys artifacts with its user's "
          "permissions across the repositories of the instance.",
          "Revoke the key or token in the JFrog Platform (User profile > Identity tokens) and use "
          "short-lived access tokens from CI (OIDC) instead.",
          kSource},
     "registry", "akcp,cmvmdgtuojaxoj", R"(\b(AKCp[A-Za-z0-9]{69}|cmVmdGtuOjAxOj[A-Za-z0-9]{50})\b)",
     not_placeholder, 3.5},
};

}  // namespace

std::span<const SecretRule> registry_secret_rules() { return kRules; }

}  // namespace customs
