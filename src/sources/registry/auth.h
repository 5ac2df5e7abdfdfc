#pragma once
// Registry authentication (private to sources/registry): the WWW-Authenticate challenge
// (RFC 7235), the Docker token flow, and the Authorization values sent back.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "sources/registry/http.h"
#include "sources/registry/registry.h"

namespace customs::registry {

struct AuthChallenge {
  std::string scheme;                         // lower case: "basic", "bearer"
  std::map<std::string, std::string> params;  // names lower case, values unquoted
  std::string token68;                        // "Scheme abc==" form; rare
  std::string param(const std::string& name) const;
};

// Parses a WWW-Authenticate value holding one or more challenges:
//   Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a:pull"
// Quoted strings may hold commas and backslash escapes. Malformed input (an unterminated quote,
// a parameter without a value, no scheme) is kInvalidInput.
Result<std::vector<AuthChallenge>> parse_www_authenticate(std::string_view value);

// The token of a token endpoint answer: "token", else "access_token"; kInvalidInput naming
// `what` when the body is not JSON or holds neither.
Result<std::string> parse_token_response(std::string_view body, const std::string& what);

// Who we are talking to, for the token request and error messages.
struct AuthContext {
  std::string registry;    // host[:port], as in messages
  std::string repository;  // for the default scope "repository:<repo>:pull"
  RegistryCredentials credentials;
  bool insecure = false;  // a plain-HTTP realm may receive credentials
};

// The Authorization value answering `challenge`: "Basic <base64>" from the credentials, or
// "Bearer <token>" fetched from the realm (with the credentials when there are any; an identity
// token is exchanged with an OAuth2 refresh_token POST). Errors say "authentication required
// for <registry>" (no credentials where some are needed) or "authentication denied for
// <registry>" (the credentials were refused).
Result<std::string> answer_challenge(const AuthChallenge& challenge, const AuthContext& context,
                                     const HttpSettings& settings, const RetryPolicy& retry);

// Picks the challenge to answer: Bearer before Basic; nullptr when none is usable.
const AuthChallenge* choose_challenge(const std::vector<AuthChallenge>& challenges);

}  // namespace customs::registry
