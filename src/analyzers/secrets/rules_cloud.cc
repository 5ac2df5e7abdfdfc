// Secret rules SE020-SE039: cloud and hosting providers (AWS, Google Cloud, Azure, Alibaba,
// DigitalOcean, Heroku, IBM Cloud, Cloudflare, Fly.io, Vercel, Netlify).
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;
constexpr std::string_view kSource = "NIST SP 800-190 4.1.4";

const SecretRule kRules[] = {
    {Rule{
         "SE020", Severity::kCritical, kS, "AWS access key id",
         "An AWS access key id, usually next to its secret key, gives the API access of the IAM user or role "
         "it belongs to; images leak them to everyone who can pull.",
         "Deactivate the key in IAM now; give the workload an IAM role (instance profile, IRSA, ECS task "
         "role) instead of static keys.",
         kSource},
     "cloud", "akia,asia,abia,acca", R"(\b((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})\b)", not_example},
    {Rule{"SE021", Severity::kCritical, kS, "AWS secret access key",
          "The secret access key signs AWS API requests: with it and the key id anyone has the access of the "
          "IAM user it belongs to.",
          "Deactivate the key pair in IAM now; use an IAM role for the workload instead of static keys.",
          kSource},
     "cloud",
     "awssecret,aws_secret,aws-secret,secret_access_key,secretaccesskey",
     R"((?i)(?:aws[_-]?secret[_-]?(?:access[_-]?)?key|secret_access_key|secretaccesskey)["']?(?:[ \t]*[:=>]{1,3}[ \t]*|[ \t]+)["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$))",
     not_example,
     3.0,
     {},
     kSecretCaseless},
    {Rule{"SE022", Severity::kHigh, kS, "AWS session token",
          "A session token with its temporary key pair acts as the assumed role until it expires (up to 12 "
          "hours, longer for federation tokens).",
          "Revoke the role's active sessions (IAM: Revoke active sessions), and let the SDK fetch "
          "credentials from the instance or task role at run time.",
          kSource},
     "cloud",
     "session_token,sessiontoken,session-token",
     R"((?i)(?:aws[_-]?session[_-]?token|sessiontoken)["']?[ \t]*[:=>]{1,3}[ \t]*["']?([A-Za-z0-9/+=]{100,}))",
     not_example,
     3.5,
     {},
     kSecretCaseless},
    {Rule{"SE023", Severity::kCritical, kS, "Google Cloud service account key",
          "A service account key file authenticates as the service account from anywhere, with all its "
          "IAM roles, until the key is deleted.",
          "Delete the key in IAM > Service accounts > Keys; use Workload Identity (GKE) or the metadata "
          "server instead of key files, or mount the file as a secret at run time.",
          kSource},
     "cloud",
     "service_account",
     R"("private_key"\s*:\s*"-----BEGIN (?:RSA )?PRIVATE KEY-----(?:\\r)?\\n([A-Za-z0-9+/]{32,}))",
     nullptr,
     0,
     {},
     kSecretMultiline},
    {Rule{"SE024", Severity::kHigh, kS, "Google API key",
          "A Google API key bills its project for every call made with it and opens whatever APIs it is "
          "not restricted from (Maps, Gemini, Firebase ...).",
          "Delete or regenerate the key in APIs & Services > Credentials, restrict the new one by API and "
          "referrer, and pass it as a run-time secret.",
          kSource},
     "cloud", "aiza", R"(\b(AIza[0-9A-Za-z_-]{35}))", not_example, 3.0},
    {Rule{"SE025", Severity::kHigh, kS, "Google OAuth client secret",
          "With the client secret anyone can run the OAuth flow as the application and trade stolen codes "
          "and refresh tokens for access to users' Google data.",
          "Reset the secret in APIs & Services > Credentials and load the new one from a secret store.",
          kSource},
     "cloud", "gocspx-", R"(\b(GOCSPX-[A-Za-z0-9_-]{28}))", not_example, 3.0},
    {Rule{"SE026", Severity::kMedium, kS, "Google OAuth access token",
          "A Google OAuth access token acts for its user or service account on Google APIs until it "
          "expires (usually one hour).",
          "Revoke it (https://oauth2.googleapis.com/revoke) and have the workload fetch tokens at run "
          "time instead of storing them.",
          kSource},
     "cloud", "ya29.", R"(\b(ya29\.[0-9A-Za-z_-]{30,}))", not_placeholder, 3.5},
    {Rule{"SE027", Severity::kCritical, kS, "Azure storage account key",
          "The account key is full control of the storage account: every blob, queue, table and file "
          "share, and it can sign SAS tokens for anyone.",
          "Rotate the key in Storage account > Access keys; use a managed identity with RBAC, or a "
          "Key Vault reference, instead of connection strings in the image.",
          kSource},
     "cloud",
     "accountkey",
     R"((?i)AccountKey\s*=\s*([A-Za-z0-9+/]{86}==))",
     not_example,
     3.5,
     {},
     kSecretCaseless},
    {Rule{"SE028", Severity::kHigh, kS, "Azure shared access key",
          "A Service Bus, Event Hubs or IoT Hub shared access key sends, reads or manages messages with "
          "the rights of its policy.",
          "Regenerate the key on the shared access policy and use a managed identity or a run-time secret.",
          kSource},
     "cloud",
     "sharedaccesskey",
     R"((?i)SharedAccessKey\s*=\s*([A-Za-z0-9+/]{42,43}=))",
     not_example,
     3.5,
     {},
     kSecretCaseless},
    {Rule{"SE029", Severity::kHigh, kS, "Azure SAS token",
          "A shared access signature URL grants its permissions on the storage resource to anyone who "
          "has it, until it expires.",
          "Rotate the account key that signed it (or revoke the stored access policy), and issue "
          "short-lived user-delegation SAS at run time.",
          kSource},
     "cloud",
     "sig=", R"(\bsv=[0-9]{4}-[0-9]{2}-[0-9]{2}&[A-Za-z0-9%&=:._-]{0,200}&sig=([A-Za-z0-9%+/]{40,100}))",
     nullptr, 3.5},
    {Rule{"SE030", Severity::kHigh, kS, "Azure AD (Entra ID) client secret",
          "An application client secret signs in as the app registration and gets every Microsoft Graph "
          "and Azure permission granted to it.",
          "Delete the secret in App registrations > Certificates & secrets; use a managed identity or "
          "workload identity federation instead.",
          kSource},
     "cloud", "q~", R"((?:^|[\s"'`=:(,>])([A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:$|[\s"'`<),]))",
     not_placeholder, 3.0},
    {Rule{"SE031", Severity::kHigh, kS, "Alibaba Cloud AccessKey ID",
          "An Alibaba Cloud AccessKey, used with its secret, has the API access of its RAM user.",
          "Disable the AccessKey in the RAM console and use a RAM role (instance RAM role, RRSA) instead.",
          kSource},
     "cloud", "ltai", R"(\b(LTAI[A-Za-z0-9]{12,20})\b)", not_example, 3.0},
    {Rule{"SE032", Severity::kCritical, kS, "DigitalOcean token",
          "A DigitalOcean personal access, OAuth or refresh token controls the team's droplets, "
          "databases, Spaces and DNS.",
          "Revoke it in API > Tokens and load a scoped replacement from a secret at run time.", kSource},
     "cloud", "dop_v1_,doo_v1_,dor_v1_", R"(\b(do[opr]_v1_[a-f0-9]{64})\b)", not_example},
    {Rule{"SE033", Severity::kHigh, kS, "Heroku API key",
          "A Heroku API key acts as its user: it deploys code, reads config vars (more secrets) and "
          "deletes apps.",
          "Regenerate the key in Account settings (or heroku authorizations:revoke) and pass a fresh one "
          "from the CI secret store.",
          kSource},
     "cloud",
     "heroku",
     R"((?i)heroku[a-z0-9_ .-]{0,25}["']?[ \t]*[:=>]{1,3}[ \t]*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b)",
     not_example,
     3.0,
     {},
     kSecretCaseless},
    {Rule{"SE034", Severity::kHigh, kS, "Heroku API token (HRKU)",
          "A Heroku platform API token acts as its user: it deploys code, reads config vars and deletes "
          "apps.",
          "Revoke it (heroku authorizations:revoke) and pass a fresh one from the CI secret store.", kSource},
     "cloud", "hrku-aa", R"(\b(HRKU-AA[0-9A-Za-z_-]{58}))", not_example, 3.5},
    {Rule{"SE035", Severity::kHigh, kS, "IBM Cloud API key",
          "An IBM Cloud API key logs in as its user or service ID with all its IAM access.",
          "Delete the key in Manage > Access (IAM) > API keys and use a trusted profile or a run-time "
          "secret.",
          kSource},
     "cloud",
     "ibm,bluemix",
     R"((?i)(?:ibm|bluemix)[a-z0-9_ .-]{0,20}api[_-]?key["']?[ \t]*[:=>]{1,3}[ \t]*["']?([A-Za-z0-9_-]{44})(?:[^A-Za-z0-9_-]|$))",
     generic_value,
     3.5,
     {},
     kSecretCaseless},
    {Rule{"SE036", Severity::kHigh, kS, "Cloudflare API token",
          "A Cloudflare API token changes DNS, firewall and Workers for the zones it covers: enough to "
          "redirect or intercept a site's traffic.",
          "Roll or delete the token in My Profile > API Tokens and pass the new one as a run-time secret.",
          kSource},
     "cloud",
     "cloudflare,cf_api",
     R"((?i)(?:cloudflare|cf_api)[a-z0-9_ .-]{0,20}(?:token|key)["']?[ \t]*[:=>]{1,3}[ \t]*["']?([A-Za-z0-9_-]{40})(?:[^A-Za-z0-9_-]|$))",
     generic_value,
     3.5,
     {},
     kSecretCaseless},
    {Rule{"SE037", Severity::kHigh, kS, "Fly.io access token",
          "A Fly.io token deploys, reads secrets of and destroys the apps of its organization.",
          "Revoke it (fly tokens revoke) and create a narrowly scoped deploy token kept in the CI secret "
          "store.",
          kSource},
     "cloud", "fo1_,fm1a_,fm1r_,fm2_", R"(\b(fo1_[A-Za-z0-9_-]{43}|fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,}={0,3}))",
     not_placeholder, 4.0},
    {Rule{"SE038", Severity::kHigh, kS, "Vercel access token",
          "A Vercel token deploys to and reads the environment variables of the projects of its scope.",
          "Delete the token in Account settings > Tokens and pass a new one from the CI secret store.",
          kSource},
     "cloud",
     "vercel",
     R"((?i)vercel[a-z0-9_ .-]{0,20}(?:token|key|secret)["']?[ \t]*[:=>]{1,3}[ \t]*["']?([A-Za-z0-9]{24}|vc[a-z]_[A-Za-z0-9_-]{40,80})(?:[^A-Za-z0-9_-]|$))",
     generic_value,
     3.5,
     {},
     kSecretCaseless},
    {Rule{"SE039", Severity::kHigh, kS, "Netlify access token",
          "A Netlify token deploys to, and reads the environment of, every site its user can reach.",
          "Revoke it in User settings > Applications and pass a new one from the CI secret store.", kSource},
     "cloud",
     "netlify",
     R"((?i)netlify[a-z0-9_ .-]{0,20}(?:token|key|secret)["']?[ \t]*[:=>]{1,3}[ \t]*["']?((?:nfp_)?[A-Za-z0-9_-]{36,46})(?:[^A-Za-z0-9_-]|$))",
     generic_value,
     3.5,
     {},
     kSecretCaseless},
};

}  // namespace

std::span<const SecretRule> cloud_secret_rules() { return kRules; }

}  // namespace customs
