#pragma once
// Validators shared by the secret rule groups (SecretValidator signature: secret, match, line).
// Each is pure and thread-safe; "true" keeps the candidate.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace customs {

// False for documentation placeholders and references that are not values: <password>, {token},
// {{ x }}, ${VAR}, $VAR, %(x)s, %s, ****, xxxx, "...", a run of one repeated character, the
// words changeme/password/secret/example/redacted ..., booleans and null.
bool not_placeholder(std::string_view secret, std::string_view match, std::string_view line);
// False when the secret contains "EXAMPLE" (AWS's documented keys), is a run of one character,
// or is a key published in vendor documentation (Azurite's development account key, Stripe's
// documentation test keys).
bool not_example(std::string_view secret, std::string_view match, std::string_view line);
// not_placeholder and not_example, and also false for values that look like a file path, a
// URL, a code expression (calls, member access, a snake_case name), are made of letters only
// (identifiers and prose), or are shorter than 8 characters: what the generic password=/secret:
// rules require.
bool generic_value(std::string_view secret, std::string_view match, std::string_view line);

// not_placeholder, and the URL in `line` right after the match's "@" is not a documentation
// host (example.com/.net/.org, *.example, *.invalid: RFC 2606).
bool url_password(std::string_view secret, std::string_view match, std::string_view line);

// True when the first dot-separated part is base64url JSON naming an algorithm ({"alg":...}).
bool jwt_header(std::string_view secret, std::string_view match, std::string_view line);
// jwt_header, and the algorithm is not "none" (a signed token).
bool jwt_signed(std::string_view secret, std::string_view match, std::string_view line);
// jwt_header with "alg":"none": an unsigned token.
bool jwt_unsigned(std::string_view secret, std::string_view match, std::string_view line);

// GitHub's token format (ghp_, gho_, ghu_, ghs_, ghr_, and npm_): the last 6 base62 characters
// (0-9A-Za-z) are the CRC32 of the 30 before them, zero padded. github_checksum keeps tokens
// whose checksum verifies; github_bad_checksum keeps the others that are not placeholders.
bool github_checksum(std::string_view secret, std::string_view match, std::string_view line);
bool github_bad_checksum(std::string_view secret, std::string_view match, std::string_view line);
// The checksum the format expects for a 30-character body (6 base62 characters).
std::string github_checksum_of(std::string_view body);

// Base64 of "user:password" with both parts non-empty and printable (Docker config.json
// "auth", HTTP Basic, .npmrc _auth).
bool base64_user_password(std::string_view secret, std::string_view match, std::string_view line);
// Base64 of a Docker config JSON holding "auths" (Kubernetes .dockerconfigjson / .dockercfg).
bool base64_docker_config(std::string_view secret, std::string_view match, std::string_view line);
// Base64 of a PEM private key (kubeconfig client-key-data): it starts "-----BEGIN".
bool base64_pem_key(std::string_view secret, std::string_view match, std::string_view line);
// An OpenSSH key body (base64 of "openssh-key-v1\0" ...) whose cipher is "none" / is not.
bool openssh_unencrypted(std::string_view secret, std::string_view match, std::string_view line);
bool openssh_encrypted(std::string_view secret, std::string_view match, std::string_view line);
// A PuTTY key file whose match says "Encryption: none" / names a cipher.
bool putty_unencrypted(std::string_view secret, std::string_view match, std::string_view line);
bool putty_encrypted(std::string_view secret, std::string_view match, std::string_view line);

// Decodes standard or URL-safe base64, padded or not, stopping at the first '='. Nothing on a
// character outside the alphabet or when more than max_out bytes would come out.
std::optional<std::string> decode_base64(std::string_view text, size_t max_out = 4096);

}  // namespace customs
