#include "sources/registry/auth.h"

#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/strings.h"

namespace customs::registry {

namespace {

bool is_tchar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c));
}

bool is_token68_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || (c != '\0' && std::strchr("-._~+/", c));
}

// A cursor over one WWW-Authenticate value.
class ChallengeParser {
 public:
  explicit ChallengeParser(std::string_view s) : s_(s) {}

  Result<std::vector<AuthChallenge>> parse() {
    std::vector<AuthChallenge> out;
    skip_separators();
    while (i_ < s_.size()) {
      if (out.size() >= 16) return bad("more than 16 challenges");
      AuthChallenge ch;
      ch.scheme = to_lower(token());
      if (ch.scheme.empty()) return bad("expected an auth scheme");
      auto s = parse_items(ch);
      if (!s.ok()) return s.error();
      out.push_back(std::move(ch));
      skip_separators();
    }
    if (out.empty()) return make_error(ErrorKind::kInvalidInput, "WWW-Authenticate: empty");
    return out;
  }

 private:
  // The parameters (or token68) of `ch`; stops before the scheme of the next challenge.
  Status parse_items(AuthChallenge& ch) {
    skip_ows();
    if (i_ < s_.size() && s_[i_] == ',') return ok_status();  // a scheme without parameters
    for (bool first = true; i_ < s_.size(); first = false) {
      if (!first) {
        if (s_[i_] != ',') return bad("expected ',' after a parameter");
        skip_separators();
        if (i_ >= s_.size()) break;
      }
      size_t start = i_;
      std::string name = to_lower(token());
      skip_ows();
      bool has_equals = i_ < s_.size() && s_[i_] == '=';
      if (!has_equals || name.empty()) {
        if (name.empty()) return bad("expected a parameter name");
        if (!first) {  // a bare token after a comma starts the next challenge
          i_ = start;
          return ok_status();
        }
        i_ = start;
        return token68(ch);
      }
      ++i_;
      skip_ows();
      if (i_ >= s_.size() || (s_[i_] != '"' && !is_tchar(s_[i_]))) {
        if (first) {
          i_ = start;
          return token68(ch);
        }
        return bad("parameter " + name + " has no value");
      }
      auto value = s_[i_] == '"' ? quoted() : Result<std::string>(std::string(token()));
      if (!value.ok()) return value.error();
      ch.params.emplace(name, std::move(*value));  // the first of a repeated name wins
      skip_ows();
    }
    return ok_status();
  }

  Status token68(AuthChallenge& ch) {
    size_t start = i_;
    while (i_ < s_.size() && is_token68_char(s_[i_])) ++i_;
    while (i_ < s_.size() && s_[i_] == '=') ++i_;
    ch.token68 = std::string(s_.substr(start, i_ - start));
    skip_ows();
    if (i_ < s_.size() && s_[i_] != ',')
      return bad("unexpected character after " + ch.scheme + " credentials");
    return ok_status();
  }

  Result<std::string> quoted() {
    std::string out;
    for (++i_; i_ < s_.size(); ++i_) {
      char c = s_[i_];
      if (c == '"') {
        ++i_;
        return out;
      }
      if (c == '\\' && i_ + 1 < s_.size()) c = s_[++i_];
      out += c;
    }
    return bad("unterminated quoted string");
  }

  std::string_view token() {
    size_t start = i_;
    while (i_ < s_.size() && is_tchar(s_[i_])) ++i_;
    return s_.substr(start, i_ - start);
  }
  void skip_ows() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  void skip_separators() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == ',')) ++i_;
  }
  Error bad(const std::string& why) const {
    return make_error(ErrorKind::kInvalidInput,
                      "WWW-Authenticate: " + why + " at offset " + std::to_string(i_));
  }

  std::string_view s_;
  size_t i_ = 0;
};

Error required(const AuthContext& c, const std::string& why) {
  return make_error(ErrorKind::kIo, "authentication required for " + c.registry + ": " + why);
}
Error denied(const AuthContext& c, const std::string& why) {
  return make_error(ErrorKind::kIo, "authentication denied for " + c.registry + ": " + why);
}

bool has_credentials(const RegistryCredentials& c) { return !c.username.empty() || !c.password.empty(); }

// The token request for `realm`: an OAuth2 refresh for identity tokens, else a GET with the
// credentials as Basic auth (or none).
Result<HttpRequest> token_request(const AuthChallenge& ch, const AuthContext& c) {
  const std::string realm = ch.param("realm");
  if (realm.empty())
    return make_error(ErrorKind::kInvalidInput, c.registry + ": Bearer challenge without a realm");
  if (url_origin(realm).empty() || !(realm.starts_with("https://") || realm.starts_with("http://")))
    return make_error(ErrorKind::kInvalidInput, c.registry + ": token realm is not an http(s) URL: " + realm);
  bool creds = has_credentials(c.credentials);
  if (creds && realm.starts_with("http://") && !c.insecure)
    return make_error(ErrorKind::kIo, "refusing to send the credentials for " + c.registry +
                                          " to a plain-HTTP token realm: " + realm);
  std::string scope = ch.param("scope").empty() ? "repository:" + c.repository + ":pull" : ch.param("scope");
  std::string service = ch.param("service");
  HttpRequest req;
  req.headers = {"Accept: application/json"};
  if (c.credentials.username == "<token>") {
    req.url = realm;
    req.post_form =
        "grant_type=refresh_token&client_id=customs&refresh_token=" + url_escape(c.credentials.password) +
        "&service=" + url_escape(service) + "&scope=" + url_escape(scope);
    return req;
  }
  req.url = realm + (contains(realm, "?") ? "&" : "?");
  if (!service.empty()) req.url += "service=" + url_escape(service) + "&";
  req.url += "scope=" + url_escape(scope);
  if (creds)
    req.authorization = "Basic " + base64_encode(c.credentials.username + ":" + c.credentials.password);
  return req;
}

}  // namespace

std::string AuthChallenge::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

Result<std::vector<AuthChallenge>> parse_www_authenticate(std::string_view value) {
  return ChallengeParser(value).parse();
}

const AuthChallenge* choose_challenge(const std::vector<AuthChallenge>& challenges) {
  for (const char* scheme : {"bearer", "basic"}) {
    for (const auto& ch : challenges)
      if (ch.scheme == scheme) return &ch;
  }
  return nullptr;
}

Result<std::string> parse_token_response(std::string_view body, const std::string& what) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return make_error(ErrorKind::kInvalidInput, what + ": not a JSON object");
  for (const char* key : {"token", "access_token"}) {
    auto it = j.find(key);
    if (it != j.end() && it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
  }
  return make_error(ErrorKind::kInvalidInput, what + ": no \"token\" or \"access_token\"");
}

Result<std::string> answer_challenge(const AuthChallenge& ch, const AuthContext& c,
                                     const HttpSettings& settings, const RetryPolicy& retry) {
  bool creds = has_credentials(c.credentials);
  if (ch.scheme == "basic") {
    if (!creds) return required(c, "no credentials given (use --username/--password or docker login)");
    return "Basic " + base64_encode(c.credentials.username + ":" + c.credentials.password);
  }
  if (ch.scheme != "bearer") return required(c, "unsupported auth scheme \"" + ch.scheme + "\"");
  auto req = token_request(ch, c);
  if (!req.ok()) return req.error();
  std::string body;
  constexpr size_t kMaxTokenBody = size_t{1} << 20;
  BodySink sink = [&](std::string_view chunk) -> Status {
    if (body.size() + chunk.size() > kMaxTokenBody)
      return make_error(ErrorKind::kLimit,
                        "token response from " + ch.param("realm") + ": larger than 1 MiB");
    body.append(chunk);
    return ok_status();
  };
  auto r = http_request_retrying(
      settings, retry, *req, sink,
      [&] {
        body.clear();
        return ok_status();
      },
      nullptr);
  if (!r.ok())
    return make_error(r.error().kind, "token request for " + c.registry + ": " + r.error().message);
  std::string status = "HTTP " + std::to_string(r->status);
  if (r->status == 401 || r->status == 403) {
    return creds ? denied(c, "the token service refused the credentials (" + status + ")")
                 : required(c, "the token service refused an anonymous token (" + status +
                                   "); use --username/--password or docker login");
  }
  if (r->status < 200 || r->status >= 300)
    return make_error(ErrorKind::kIo,
                      c.registry + ": token service " + ch.param("realm") + " answered " + status);
  auto token = parse_token_response(body, "token response from " + ch.param("realm"));
  if (!token.ok()) return token.error();
  return "Bearer " + *token;
}

}  // namespace customs::registry

namespace customs {

namespace {

// "https://index.docker.io/v1/" -> "docker.io"; "HTTP://Host:5000/x" -> "host:5000".
std::string auth_key_host(std::string_view key) {
  std::string k = to_lower(trim(key));
  for (std::string_view scheme : {"https://", "http://"})
    if (k.starts_with(scheme)) k = k.substr(scheme.size());
  k = k.substr(0, k.find('/'));
  if (k == "index.docker.io" || k == "registry-1.docker.io") k = "docker.io";
  return k;
}

Result<std::string> string_field(const nlohmann::json& obj, const char* name, const std::string& where) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return std::string();
  if (!it->is_string()) return make_error(ErrorKind::kInvalidInput, where + "." + name + ": not a string");
  return it->get<std::string>();
}

Result<RegistryCredentials> entry_credentials(const nlohmann::json& entry, const std::string& where) {
  if (!entry.is_object()) return make_error(ErrorKind::kInvalidInput, where + ": not an object");
  auto identity = string_field(entry, "identitytoken", where);
  auto auth = string_field(entry, "auth", where);
  auto user = string_field(entry, "username", where);
  auto pass = string_field(entry, "password", where);
  for (const auto* r : {&identity, &auth, &user, &pass})
    if (!r->ok()) return r->error();
  if (!identity->empty()) return RegistryCredentials{"<token>", *identity};
  if (!auth->empty()) {
    auto decoded = registry::base64_decode(trim(*auth));
    if (!decoded.ok()) return make_error(ErrorKind::kInvalidInput, where + ".auth: not base64");
    size_t colon = decoded->find(':');
    if (colon == std::string::npos)
      return make_error(ErrorKind::kInvalidInput, where + ".auth: not base64 of user:password");
    return RegistryCredentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
  }
  return RegistryCredentials{*user, *pass};
}

}  // namespace

Result<RegistryCredentials> credentials_from_auth_file(std::string_view bytes, const std::string& registry,
                                                       const std::string& what) {
  auto j = nlohmann::json::parse(bytes, nullptr, false);
  if (j.is_discarded()) return make_error(ErrorKind::kInvalidInput, what + ": not JSON");
  if (!j.is_object()) return make_error(ErrorKind::kInvalidInput, what + ": not a JSON object");
  auto auths = j.find("auths");
  if (auths == j.end() || auths->is_null()) return RegistryCredentials{};
  if (!auths->is_object()) return make_error(ErrorKind::kInvalidInput, what + ": auths: not an object");
  // An exact key wins over one that only names the same host.
  auto chosen = auths->find(registry);
  if (chosen == auths->end()) {
    std::string want = auth_key_host(registry);
    for (auto it = auths->begin(); it != auths->end(); ++it) {
      if (auth_key_host(it.key()) == want) {
        chosen = it;
        break;
      }
    }
  }
  if (chosen == auths->end()) return RegistryCredentials{};
  return entry_credentials(*chosen, what + ": auths." + chosen.key());
}

}  // namespace customs
