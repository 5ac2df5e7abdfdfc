#pragma once
// Internal to the secret checks (DF040-DF048): classifiers shared by their files, and the check
// functions the table in secrets.cc points at.
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/dockerfile/check.h"

namespace customs {

struct SecretRule;

// True for variable names that hold credentials: PASSWORD, TOKEN, SECRET, API_KEY ... as whole
// segments (split on '_', '-', '.' and camelCase), minus names that only point at or describe one
// (*_FILE, *_PATH, *_URL, *_USER, GPG_KEY ...).
bool is_secret_like_name(std::string_view name);

// True when a value given to a secret-like name is not itself a secret: empty, a variable
// reference, a boolean switch, or a file path.
bool is_benign_secret_value(std::string_view raw_value, std::string_view value);

// What kind of credential file a COPY/ADD source path names ("SSH private key", ".env file" ...);
// "" when it does not look like one.
std::string credential_file_kind(std::string_view path);

// A literal secret found in text: [begin, end) is the secret itself (what is reported and masked).
struct SecretMatch {
  size_t begin = 0;
  size_t end = 0;
  std::string kind;  // the rule's title: "AWS access key id", "GitHub personal access token" ...
  const SecretRule* rule = nullptr;  // the secret engine's rule that found it
};
// Every literal secret in `text`, in order, without overlaps, as default_secret_scanner() finds
// it in text that is not a file (no file_glob rules); documented example keys excluded.
std::vector<SecretMatch> find_secret_values(std::string_view text);

// "<kind>:<first 16 hex digits of sha256(value)>": the fingerprint key of a secret value.
std::string secret_key(std::string_view kind, std::string_view value);

void check_secret_env(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);           // DF040
void check_secret_arg(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);           // DF041
void check_secret_values(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);        // DF042
void check_credential_copy(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);      // DF043
void check_whole_context_copy(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);   // DF044
void check_trace_with_secret(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);    // DF045
void check_build_password(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);       // DF046
void check_removed_credential(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);   // DF047
void check_secret_mount_copied(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF048

}  // namespace customs
