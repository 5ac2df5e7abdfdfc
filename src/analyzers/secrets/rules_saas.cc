// Secret rules SE060-SE089: chat, payment, mail, AI, data and developer-platform APIs whose tokens
// have a recognisable format. Vendors known only by context are in rules_generic.cc.
#include "analyzers/secrets/secret_rule.h"
#include "analyzers/secrets/validators.h"

namespace customs {

namespace {

constexpr Practice kS = Practice::kSecrets;
constexpr std::string_view kSource = "NIST SP 800-190 4.1.4";

const SecretRule kRules[] = {
    {Rule{"SE060", Severity::kHigh, kS, "Slack token",
          "A Slack token reads and posts messages as its bot or user, often across the whole workspace.",
          "Revoke the token in the Slack app settings and load a new one from a secret at run time.",
          kSource},
     "saas", "xoxb-,xoxp-,xoxa-,xoxr-,xoxs-", R"(\b(xox[baprs]-[A-Za-z0-9-]{10,250}))", not_placeholder, 3.0},
    {Rule{"SE061", Severity::kHigh, kS, "Slack incoming webhook",
          "Anyone with the webhook URL can post messages into the channel, e.g. convincing phishing "
          "links that look like they come from your tooling.",
          "Remove the webhook in the Slack app's Incoming Webhooks page, create a new one, and pass its "
          "URL as a secret.",
          kSource},
     "saas", "hooks.slack.com",
     R"(https://hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9_]{8,12}/[A-Za-z0-9_]{8,12}/[A-Za-z0-9_]{16,64}))",
     not_placeholder, 3.0},
    {Rule{"SE062", Severity::kHigh, kS, "Discord bot token",
          "A Discord bot token logs in as the bot: it reads every channel the bot can see and acts with "
          "its permissions in every server it joined.",
          "Reset the token in the Developer Portal (Bot > Reset Token) and load it from a secret.", kSource},
     "saas", "discord",
     R"(\b([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?:[^A-Za-z0-9_-]|$))",
     not_placeholder, 3.5},
    {Rule{"SE063", Severity::kHigh, kS, "Discord webhook",
          "Anyone with a Discord webhook URL can post into its channel under any name and avatar.",
          "Delete the webhook in the channel's Integrations settings and pass a new URL as a secret.",
          kSource},
     "saas", "discord",
     R"(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/([0-9]{17,20}/[A-Za-z0-9_-]{60,68}))",
     not_placeholder, 3.0},
    {Rule{"SE064", Severity::kHigh, kS, "Telegram bot token",
          "A Telegram bot token controls the bot: it reads the messages sent to it and writes to its "
          "chats and channels.",
          "Revoke it with @BotFather (/revoke) and load the new token from a secret.", kSource},
     "saas", ":aa", R"(\b([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?:[^A-Za-z0-9_-]|$))", not_placeholder, 3.0},
    {Rule{"SE065", Severity::kCritical, kS, "Stripe live secret key",
          "A live Stripe secret or restricted key moves real money: it creates charges and refunds, "
          "reads customer and payment data and changes payouts.",
          "Roll the key in the Stripe dashboard (Developers > API keys) and load it from a secret store "
          "at run time.",
          kSource},
     "saas", "sk_live_,rk_live_", R"(\b((?:sk|rk)_live_[0-9A-Za-z]{24,247})\b)", not_placeholder, 3.0},
    {Rule{"SE066", Severity::kLow, kS, "Stripe test secret key",
          "A test-mode key moves no money, but it exposes the account's test data and shows that live "
          "keys are likely handled the same way.",
          "Roll the test key and load Stripe keys from the environment or a secret store.", kSource},
     "saas", "sk_test_,rk_test_", R"(\b((?:sk|rk)_test_[0-9A-Za-z]{24,247})\b)", not_example, 3.0},
    {Rule{"SE067", Severity::kHigh, kS, "Square access token or application secret",
          "A Square access token takes payments, issues refunds and reads the seller's customers and "
          "orders.",
          "Revoke the token or replace the application secret in the Square Developer Dashboard, and "
          "load the new one from a secret.",
          kSource},
     "saas", "sq0atp-,sq0csp-,eaaa",
     R"(\b(sq0atp-[0-9A-Za-z_-]{22}|sq0csp-[0-9A-Za-z_-]{43}|EAAA[A-Za-z0-9_-]{60})(?:[^A-Za-z0-9_-]|$))",
     not_placeholder, 3.5},
    {Rule{"SE068", Severity::kCritical, kS, "PayPal Braintree production access token",
          "A Braintree production access token processes payments and refunds on the merchant account.",
          "Revoke it in the Braintree Control Panel (or PayPal developer dashboard) and load the new one "
          "from a secret.",
          kSource},
     "saas", "access_token$production$", R"(\b(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b)",
     nullptr},
    {Rule{"SE069", Severity::kHigh, kS, "Twilio API key",
          "A Twilio API key (with its secret) sends SMS and places calls billed to the account and reads "
          "message logs.",
          "Delete the key in the Twilio Console (Account > API keys) and load its replacement from a "
          "secret.",
          kSource},
     "saas", "twilio", R"(\b(SK[0-9a-fA-F]{32})\b)", not_placeholder, 3.0},
    {Rule{"SE070", Severity::kHigh, kS, "SendGrid API key",
          "A SendGrid key sends mail as your verified domains: phishing that passes SPF and DKIM.",
          "Delete the key in SendGrid (Settings > API Keys) and load a restricted replacement from a "
          "secret.",
          kSource},
     "saas", "sg.", R"(\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$))", not_placeholder,
     3.5},
    {Rule{"SE071", Severity::kHigh, kS, "Mailgun API key",
          "A Mailgun private key sends mail from your domains and reads their logs and stored messages.",
          "Regenerate the key in Mailgun (API Security) and load it from a secret.", kSource},
     "saas", "key-", R"(\b(key-[0-9a-f]{32})\b)", not_placeholder, 3.0},
    {Rule{"SE072", Severity::kHigh, kS, "Mailchimp API key",
          "A Mailchimp key reads and exports the audience (personal data) and sends campaigns to it.",
          "Disable the key in Mailchimp (Profile > Extras > API keys) and load a new one from a secret.",
          kSource},
     "saas", "-us", R"(\b([0-9a-f]{32}-us[0-9]{1,2})\b)", not_placeholder, 3.0},
    {Rule{"SE073", Severity::kHigh, kS, "Shopify access token or shared secret",
          "A Shopify admin or app token reads and changes the store's orders, customers and products.",
          "Rotate the token or uninstall and reinstall the custom app, and load credentials from a "
          "secret.",
          kSource},
     "saas", "shpat_,shpss_,shpca_,shppa_", R"(\b(shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32})\b)", not_placeholder,
     3.0},
    {Rule{"SE074", Severity::kHigh, kS, "Dropbox access token",
          "A Dropbox token reads, changes and shares the files of the account or team it belongs to.",
          "Revoke it in the Dropbox App Console (or the user's connected apps) and load it from a secret.",
          kSource},
     "saas", "sl.", R"(\b(sl\.(?:u\.)?[A-Za-z0-9_-]{130,256})(?:[^A-Za-z0-9_-]|$))", not_placeholder, 4.0},
    {Rule{"SE075", Severity::kHigh, kS, "Asana personal access token",
          "An Asana token reads and edits every task, project and comment its user can see.",
          "Deauthorize the token in Asana (My settings > Apps > Developer apps) and load a new one from a "
          "secret.",
          kSource},
     "saas", "asana", R"(\b([0-9]/[0-9]{10,20}(?:/[0-9]{10,20})?:[0-9a-f]{32})\b)", not_placeholder, 3.0},
    {Rule{"SE076", Severity::kHigh, kS, "Linear API key",
          "A Linear API key reads and changes the workspace's issues, projects and comments as its user.",
          "Revoke it in Linear (Settings > API) and load a new one from a secret.", kSource},
     "saas", "lin_api_", R"(\b(lin_api_[A-Za-z0-9]{40})\b)", not_placeholder, 3.5},
    {Rule{"SE077", Severity::kHigh, kS, "Notion integration token",
          "A Notion integration token reads and edits every page and database shared with the "
          "integration.",
          "Refresh the secret in Notion (Settings > Integrations) and load it from a secret store.", kSource},
     "saas", "secret_,ntn_", R"(\b(secret_[A-Za-z0-9]{43}|ntn_[0-9]{11}[A-Za-z0-9]{35})\b)", not_placeholder,
     4.0},
    {Rule{"SE078", Severity::kHigh, kS, "OpenAI API key",
          "An OpenAI key runs models billed to the organization and reads its files, assistants and "
          "fine-tunes.",
          "Revoke the key at platform.openai.com (API keys) and load a project-scoped replacement from a "
          "secret.",
          kSource},
     "saas", "sk-proj-,sk-svcacct-,sk-admin-,t3blbkfj",
     R"(\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,250}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?:[^A-Za-z0-9_-]|$))",
     not_placeholder, 3.5},
    {Rule{"SE079", Severity::kHigh, kS, "Anthropic API key",
          "An Anthropic key runs Claude models billed to the organization's workspace.",
          "Disable the key in the Anthropic Console (API keys) and load a replacement from a secret.",
          kSource},
     "saas", "sk-ant-", R"(\b(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA)(?:[^A-Za-z0-9_-]|$))",
     not_placeholder, 3.5},
    {Rule{"SE080", Severity::kHigh, kS, "Hugging Face access token",
          "A Hugging Face token reads private models and datasets and, with write scope, replaces them "
          "(a model supply-chain attack).",
          "Invalidate the token in Hugging Face settings (Access Tokens) and load it from a secret.",
          kSource},
     "saas", "hf_", R"(\b(hf_[A-Za-z0-9]{34,40})\b)", not_placeholder, 3.5},
    {Rule{"SE081", Severity::kHigh, kS, "Databricks access token",
          "A Databricks token runs jobs and queries and reads the data of the workspace as its user.",
          "Revoke it in the workspace (User settings > Developer > Access tokens) and use OAuth "
          "machine-to-machine credentials from a secret.",
          kSource},
     "saas", "dapi", R"(\b(dapi[a-f0-9]{32}(?:-[0-9])?)\b)", not_placeholder, 3.0},
    {Rule{"SE082", Severity::kHigh, kS, "Doppler token",
          "A Doppler token reads the secrets of its project and config: one token, all the other "
          "secrets.",
          "Revoke the token in Doppler and inject secrets at run time (doppler run) with a token kept "
          "out of the image.",
          kSource},
     "saas", "dp.pt.,dp.st.,dp.sa.,dp.ct.,dp.scim.,dp.audit.",
     R"(\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b)", not_placeholder, 3.5},
    {Rule{"SE083", Severity::kCritical, kS, "HashiCorp Vault token",
          "A Vault service or batch token reads every secret its policies allow until it expires; "
          "root-ish tokens read them all.",
          "Revoke it (vault token revoke) and have workloads log in at run time (Kubernetes, AppRole or "
          "cloud auth) instead of carrying a token.",
          kSource},
     "saas", "hvs.,hvb.", R"(\b(hvs\.[A-Za-z0-9_-]{90,120}|hvb\.[A-Za-z0-9_-]{138,256})(?:[^A-Za-z0-9_-]|$))",
     not_placeholder, 3.5},
    {Rule{"SE084", Severity::kHigh, kS, "Terraform Cloud / HCP Terraform API token",
          "A Terraform Cloud token runs plans and applies and reads state (full of other secrets) in its "
          "organization.",
          "Delete the token in User or Organization settings > Tokens and use a team token from the CI "
          "secret store.",
          kSource},
     "saas", "atlasv1.", R"(\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?:[^A-Za-z0-9_=-]|$))",
     not_placeholder, 3.5},
    {Rule{"SE085", Severity::kHigh, kS, "Pulumi access token",
          "A Pulumi token reads stack state and configuration (with decrypted secrets) and runs updates.",
          "Delete the token in Pulumi Cloud (Access tokens) and use OIDC or a CI secret.", kSource},
     "saas", "pul-", R"(\b(pul-[a-f0-9]{40})\b)", not_placeholder, 3.0},
    {Rule{"SE086", Severity::kHigh, kS, "New Relic user API key",
          "A New Relic user key queries all telemetry (with whatever it logged) and changes alerts and "
          "dashboards of its accounts.",
          "Delete the key in New Relic (API keys) and load a new one from a secret.", kSource},
     "saas", "nrak-", R"(\b(NRAK-[A-Z0-9]{27})\b)", not_placeholder, 3.0},
    {Rule{"SE087", Severity::kHigh, kS, "Sentry auth token",
          "A Sentry organization or user token reads error reports (with request data and stack "
          "variables) and changes releases and projects.",
          "Revoke it in Sentry (Settings > Auth Tokens) and pass the new one only to the build step that "
          "uploads source maps.",
          kSource},
     "saas", "sntrys_,sntryu_",
     R"(\b(sntrys_eyJ[A-Za-z0-9+/]{20,400}={0,2}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64})(?:[^A-Za-z0-9+/_=]|$))",
     not_placeholder, 3.5},
    {Rule{"SE088", Severity::kHigh, kS, "Grafana token",
          "A Grafana Cloud or service account token reads dashboards and data sources and, with its "
          "role, changes them or pushes metrics and logs.",
          "Revoke the token in Grafana (Administration > Service accounts, or the Cloud portal's access "
          "policies) and load it from a secret.",
          kSource},
     "saas", "glc_,glsa_",
     R"(\b(glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?:[^A-Za-z0-9+/_=]|$))",
     not_placeholder, 3.5},
    {Rule{"SE089", Severity::kHigh, kS, "PlanetScale token or password",
          "A PlanetScale service token or database password reads and writes the database or manages "
          "its branches.",
          "Delete the service token or password in PlanetScale and load a new one from a secret.", kSource},
     "saas", "pscale_tkn_,pscale_pw_,pscale_oauth_",
     R"(\b(pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64})(?:[^A-Za-z0-9_.-]|$))", not_placeholder, 3.5},
};

}  // namespace

std::span<const SecretRule> saas_secret_rules() { return kRules; }

}  // namespace customs
