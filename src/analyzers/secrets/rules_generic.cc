// Secret rules SE090-SE119: secrets known by their file or context rather than their format
// (credential files, passwords in URLs, JWTs, vendors whose keys are plain hex or UUIDs), and the
// generic password=/secret: assignments, which run last and give way to any specific rule.
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;
constexpr std::string_view kSource = "NIST SP 800-190 4.1.4";

constexpr std::string_view kPasswordFix =
    "Change the password, remove the file from the build (and rebuild, since earlier layers keep it), "
    "and mount credentials at run time from an orchestrator secret.";
constexpr std::string_view kVendorFix =
    "Revoke or regenerate the key in the vendor's console and pass the new one to the container at run "
    "time from a secret store (orchestrator secret, mounted file), not in the image.";

// header.payload.signature, both JSON parts base64url ("eyJ" is '{"'); the validators read the
// header's "alg" to tell signed tokens from unsigned ones.
constexpr std::string_view kJwt = R"(\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*))";

const SecretRule kRules[] = {
    {Rule{"SE090", Severity::kHigh, kS, "Credentials in .git-credentials",
          "git's credential store keeps tokens and passwords in clear text: each line logs in to its Git "
          "host as that user.",
          "Revoke the tokens on the Git host, delete the file from the build, and pass credentials with "
          "a build secret or credential helper at run time.",
          kSource},
     "password", "://", R"(\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:([^\s:/@]+)@[A-Za-z0-9.\[-])",
     not_placeholder, 0, ".git-credentials"},
    {Rule{"SE091", Severity::kHigh, kS, "Password in .netrc",
          ".netrc holds clear-text logins that curl, git, ftp and pip send automatically to the named "
          "machines.",
          kPasswordFix, kSource},
     "password", "password", R"((?i)\bpassword[ \t]+([^\s]+))", not_placeholder, 0, "*netrc",
     kSecretCaseless},
    {Rule{"SE092", Severity::kHigh, kS, "Password in .pgpass",
          ".pgpass holds clear-text PostgreSQL passwords that psql and libpq use automatically.",
          kPasswordFix, kSource},
     "password", ":", R"((?:^|\n)[^:\s#][^:\s]*:(?:[0-9]+|\*):[^:\s]+:[^:\s]+:([^\s]+))", not_placeholder, 0,
     ".pgpass"},
    {Rule{"SE093", Severity::kMedium, kS, "Password hash in htpasswd",
          "htpasswd hashes can be cracked offline; MD5-crypt ($apr1$) and {SHA} fall fast to GPUs, and "
          "the file also names the users.",
          "Change the passwords, keep the htpasswd file out of the image (mount it as a secret), and "
          "prefer bcrypt (htpasswd -B).",
          kSource},
     "password", "$apr1$,$2y$,$2a$,$2b$,{sha},$5$,$6$",
     R"((?:^|\n)[^:\s#][^:\s]*:(\$apr1\$[./0-9A-Za-z]{0,8}\$[./0-9A-Za-z]{22}|\$2[aby]\$[0-9]{2}\$[./0-9A-Za-z]{53}|\{SHA\}[A-Za-z0-9+/]{27}=|\$[56]\$[^\s:$]{0,16}\$[./0-9A-Za-z]{43,86}))",
     nullptr, 0, "*htpasswd"},
    {Rule{"SE094", Severity::kHigh, kS, "Password in a URL",
          "A URL with user:password@ carries the password wherever the URL goes: configs, logs, process "
          "lists.",
          "Remove the password from the URL and pass it separately from a secret store or mounted file.",
          kSource},
     "password",
     "://",
     R"(\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@'"]*:([^\s:/@'"$]+)@[A-Za-z0-9\[])",
     url_password,
     0,
     {},
     kSecretGeneric},
    {Rule{"SE095", Severity::kHigh, kS, "Kubernetes token in a kubeconfig",
          "A user token in a kubeconfig authenticates to the cluster API with that user's or service "
          "account's RBAC rights.",
          "Revoke the token (delete the service account token Secret or rotate the static token), and "
          "let pods use their projected service account token instead of a kubeconfig in the image.",
          kSource},
     "token",
     "kind: config",
     R"(\n[ \t]*user:[ \t]*\r?\n(?:[ \t]+[A-Za-z-]+:[^\r\n]*\r?\n){0,8}[ \t]+token:[ \t]*["']?([A-Za-z0-9._~+/=:-]{16,}))",
     not_placeholder,
     3.0,
     {},
     kSecretMultiline},
    {Rule{"SE096", Severity::kCritical, kS, "Private key in an escaped string",
          "A PEM private key written with \\n escapes (JSON, env files, Helm values): whoever copies it "
          "can impersonate its owner.",
          "Rebuild without the key, revoke or replace it, and mount it at run time as an orchestrator "
          "secret.",
          kSource},
     "private-key",
     "private key",
     R"(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----(?:\\r)?\\n([A-Za-z0-9+/]{32,}))",
     nullptr,
     0,
     {},
     0},
    {Rule{"SE097", Severity::kMedium, kS, "JSON Web Token",
          "A signed JWT is a bearer credential: until it expires, whoever holds it is the subject it "
          "names to every service that trusts its issuer.",
          "Do not ship tokens in images: fetch them at run time. If it may still be valid, revoke the "
          "session or rotate the signing key.",
          kSource},
     "token", "eyj", kJwt, jwt_signed, 3.0},
    {Rule{"SE098", Severity::kLow, kS, "Unsigned JSON Web Token (alg none)",
          "An unsigned JWT proves nothing by itself, but services that accept \"alg\": \"none\" treat it "
          "as a credential, and it shows tokens are being stored in the image.",
          "Remove it from the image and make sure no service accepts alg none.", kSource},
     "token", "eyj", kJwt, jwt_unsigned},
    {Rule{"SE099", Severity::kHigh, kS, "HTTP Basic credentials",
          "An Authorization: Basic header is base64 of user:password: anyone can decode it.", kPasswordFix,
          kSource},
     "password",
     "basic",
     R"((?i)authorization["']?[ \t]*[:=][ \t]*["']?basic[ \t]+([A-Za-z0-9+/]{8,}={0,2}))",
     base64_user_password,
     0,
     {},
     kSecretCaseless},
    {Rule{"SE100", Severity::kHigh, kS, "Datadog API or application key",
          "A Datadog API key submits metrics, logs and events to the organization; an application key "
          "with it reads all telemetry and changes monitors.",
          kVendorFix, kSource},
     "saas",
     "datadog,dd_ap,dd-ap,ddap",
     R"((?i)(?:datadog|dd)[_-]?(?:api|app(?:lication)?)[_-]?key["']?[ \t]*[:=>]{1,3}[ \t]*["']?([a-f0-9]{32}|[a-f0-9]{40})\b)",
     not_example,
     3.0,
     {},
     kSecretCaseless},
    {Rule{"SE101", Severity::kHigh, kS, "Okta API token",
          "An Okta API token manages the org's users, groups and applications with its admin's rights.",
          kVendorFix, kSource},
     "saas",
     "okta",
     R"((?i)okta[a-z0-9_ .-]{0,25}(?:token|key|secret)["']?[ \t]*[:=>]{1,3}[ \t]*["']?(00[A-Za-z0-9_-]{40})(?:[^A-Za-z0-9_-]|$))",
     generic_value,
     3.5,
     {},
     kSecretCaseless},
    {Rule{"SE102", Severity::kHigh, kS, "Facebook access token or app secret",
          "A Facebook page or user token posts and reads as its page or user; an app secret mints tokens "
          "for the app.",
          kVendorFix, kSource},
     "saas",
     "facebook,fb",
     R"((?i)(?:facebook|fb)[a-z0-9_ .-]{0,25}(?:token|secret|key)["']?[ \t]*[:=>]{1,3}[ \t]*["']?(EAA[A-Za-z0-9]{30,250}|[a-f0-9]{32})\b)",
     generic_value,
     3.0,
     {},
     kSecretCaseless},
    {Rule{"SE103", Severity::kMedium, kS, "Twitch token or client secret",
          "A Twitch OAuth token or client secret acts as the channel or application on the Twitch API "
          "and chat.",
          kVendorFix, kSource},
     "saas",
     "twitch",
     R"((?i)twitch[a-z0-9_ .-]{0,25}(?:token|secret|key)["']?[ \t]*[:=>]{1,3}[ \t]*["']?(?:oauth:)?([a-z0-9]{30})\b)",
     generic_value,
     3.0,
     {},
     kSecretCaseless},
    {Rule{"SE104", Severity::kHigh, kS, "Postmark server or account token",
          "A Postmark token sends mail from your verified senders and reads the message history.", kVendorFix,
          kSource},
     "saas",
     "postmark",
     R"((?i)postmark[a-z0-9_ .-]{0,25}["']?[ \t]*[:=>]{1,3}[ \t]*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b)",
     not_example,
     3.0,
     {},
     kSecretCaseless},
    {Rule{"SE105", Severity::kMedium, kS, "Bearer token",
          "A literal bearer token in a header or script is a credential for whatever API it was sent "
          "to, until it expires.",
          "Fetch the token at run time instead of writing it down, and revoke it if it may still be "
          "valid.",
          kSource},
     "generic",
     "bearer",
     R"((?i)\bbearer\s+([A-Za-z0-9._~+/-]{20,256}=*))",
     generic_value,
     3.5,
     {},
     kSecretCaseless | kSecretGeneric},
    {Rule{"SE106", Severity::kMedium, kS, "Password assignment",
          "A literal password in a config file, script or environment variable is readable by everyone "
          "who can pull the image.",
          "Read the password at run time from a mounted secret (e.g. a *_FILE variable pointing at "
          "/run/secrets) and change it.",
          kSource},
     "generic",
     "password,passwd,pwd",
     R"((?i)(?:password|passwd|pwd)["']?[ \t]*(?::=|=>|[:=])[ \t]*["']?([^\s"'`;,()\[\]{}<>]{8,128}))",
     generic_value,
     3.0,
     {},
     kSecretCaseless | kSecretGeneric},
    {Rule{"SE107", Severity::kMedium, kS, "Secret, token or API key assignment",
          "A literal secret, token or API key assigned in a config file, script or environment variable "
          "is readable by everyone who can pull the image.",
          "Revoke the value with its issuer and pass it at run time from a secret store or mounted file.",
          kSource},
     "generic",
     "secret,token,api_key,api-key,apikey,access_key,access-key,accesskey,auth_key,auth-key,authkey,"
     "private_key,private-key,privatekey",
     R"((?i)(?:secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|private[_-]?key)["']?[ \t]*(?::=|=>|[:=])[ \t]*["']?([A-Za-z0-9+/=_.~-]{16,256}))",
     generic_value,
     3.5,
     {},
     kSecretCaseless | kSecretGeneric},
};

}  // namespace

std::span<const SecretRule> generic_secret_rules() { return kRules; }

}  // namespace customs
