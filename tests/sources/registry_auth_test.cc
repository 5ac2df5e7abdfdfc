// WWW-Authenticate parsing, token responses, auth file credentials and the small encoders the
// registry client relies on.
#include <gtest/gtest.h>

#include "sources/registry/auth.h"
#include "sources/registry/http.h"
#include "sources/registry/registry.h"

namespace customs {
namespace {

using registry::parse_www_authenticate;

TEST(WwwAuthenticate, ParsesBasicRealm) {
  auto r = parse_www_authenticate(R"(Basic realm="Registry Realm")");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].scheme, "basic");
  EXPECT_EQ((*r)[0].param("realm"), "Registry Realm");
  EXPECT_EQ((*r)[0].params.size(), 1u);
}

TEST(WwwAuthenticate, ParsesBearerRealmServiceAndScope) {
  auto r = parse_www_authenticate(
      R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull")");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 1u);
  const auto& ch = (*r)[0];
  EXPECT_EQ(ch.scheme, "bearer");
  EXPECT_EQ(ch.param("realm"), "https://auth.docker.io/token");
  EXPECT_EQ(ch.param("service"), "registry.docker.io");
  EXPECT_EQ(ch.param("scope"), "repository:library/alpine:pull");
}

TEST(WwwAuthenticate, SchemeAndParameterNamesAreCaseInsensitive) {
  auto r = parse_www_authenticate(R"(BEARER Realm="https://h/t", SERVICE=reg)");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].scheme, "bearer");
  EXPECT_EQ((*r)[0].param("realm"), "https://h/t");
  EXPECT_EQ((*r)[0].param("service"), "reg");  // a bare token value
}

TEST(WwwAuthenticate, QuotedValuesKeepCommasAndEscapes) {
  auto r = parse_www_authenticate(
      R"(Bearer realm="https://h/t",scope="repository:a:pull,push",error="say \"no\"")");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].param("scope"), "repository:a:pull,push");
  EXPECT_EQ((*r)[0].param("error"), "say \"no\"");
}

TEST(WwwAuthenticate, SplitsSeveralChallenges) {
  auto r = parse_www_authenticate(R"(Negotiate, Basic realm="a", Bearer realm="https://b/token",service=s)");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].scheme, "negotiate");
  EXPECT_TRUE((*r)[0].params.empty());
  EXPECT_EQ((*r)[1].scheme, "basic");
  EXPECT_EQ((*r)[1].param("realm"), "a");
  EXPECT_EQ((*r)[2].scheme, "bearer");
  EXPECT_EQ((*r)[2].param("service"), "s");
  ASSERT_NE(registry::choose_challenge(*r), nullptr);
  EXPECT_EQ(registry::choose_challenge(*r)->scheme, "bearer");
}

TEST(WwwAuthenticate, Token68Form) {
  auto r = parse_www_authenticate("Custom abc+/def==");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].scheme, "custom");
  EXPECT_EQ((*r)[0].token68, "abc+/def==");
  EXPECT_EQ(registry::choose_challenge(*r), nullptr);
}

TEST(WwwAuthenticate, RejectsMalformedInput) {
  for (const char* bad : {"", "   ", R"(Bearer realm="unterminated)", R"(Bearer realm="x", service=)",
                          R"(Bearer realm="x" scope="y")", R"(Bearer realm="x",=y)", "=abc"}) {
    auto r = parse_www_authenticate(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput) << bad;
      EXPECT_NE(r.error().message.find("WWW-Authenticate"), std::string::npos) << r.error().message;
    }
  }
}

TEST(WwwAuthenticate, BoundsTheNumberOfChallenges) {
  std::string many;
  for (int i = 0; i < 100; ++i) many += "S" + std::to_string(i) + ", ";
  EXPECT_FALSE(parse_www_authenticate(many).ok());
}

TEST(TokenResponse, TakesTokenThenAccessToken) {
  EXPECT_EQ(*registry::parse_token_response(R"({"token":"t1","access_token":"t2"})", "w"), "t1");
  EXPECT_EQ(*registry::parse_token_response(R"({"access_token":"t2","expires_in":300})", "w"), "t2");
  EXPECT_EQ(*registry::parse_token_response(R"({"token":"","access_token":"t3"})", "w"), "t3");
}

TEST(TokenResponse, RejectsBodiesWithoutAToken) {
  for (const char* bad : {"", "not json", "[]", R"({"token":5})", R"({"expires_in":300})"}) {
    auto r = registry::parse_token_response(bad, "token response from X");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
    EXPECT_EQ(r.error().message.rfind("token response from X: ", 0), 0u) << r.error().message;
  }
}

TEST(AuthFile, DecodesAuthField) {
  // base64("alice:s3cr:et") - the password keeps its colon.
  auto r = credentials_from_auth_file(R"({"auths":{"reg.example:5000":{"auth":"YWxpY2U6czNjcjpldA=="}}})",
                                      "reg.example:5000", "config.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->username, "alice");
  EXPECT_EQ(r->password, "s3cr:et");
}

TEST(AuthFile, UsernameAndPasswordFields) {
  auto r =
      credentials_from_auth_file(R"({"auths":{"https://reg.example/":{"username":"bob","password":"pw"}}})",
                                 "reg.example", "config.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->username, "bob");
  EXPECT_EQ(r->password, "pw");
}

TEST(AuthFile, IdentityTokenBecomesTokenUser) {
  auto r = credentials_from_auth_file(R"({"auths":{"reg.example":{"auth":"dTpw","identitytoken":"idt"}}})",
                                      "reg.example", "config.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->username, "<token>");
  EXPECT_EQ(r->password, "idt");
}

TEST(AuthFile, DockerHubKeysMatchEveryHubName) {
  const char* file = R"({"auths":{"https://index.docker.io/v1/":{"auth":"aHViOnB3"}}})";  // hub:pw
  for (const char* name : {"docker.io", "registry-1.docker.io", "index.docker.io"}) {
    auto r = credentials_from_auth_file(file, name, "config.json");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->username, "hub") << name;
    EXPECT_EQ(r->password, "pw") << name;
  }
  auto other = credentials_from_auth_file(R"({"auths":{"docker.io":{"auth":"aHViOnB3"}}})",
                                          "registry-1.docker.io", "config.json");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->username, "hub");
}

TEST(AuthFile, ExactKeyWinsOverSameHost) {
  auto r = credentials_from_auth_file(
      R"({"auths":{"https://reg.example":{"username":"a","password":"1"},"reg.example":{"username":"b","password":"2"}}})",
      "reg.example", "config.json");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->username, "b");
}

TEST(AuthFile, NoEntryGivesEmptyCredentials) {
  for (const char* file : {R"({})", R"({"auths":{}})", R"({"auths":{"other.example":{"auth":"dTpw"}}})",
                           R"({"credsStore":"desktop"})"}) {
    auto r = credentials_from_auth_file(file, "reg.example", "config.json");
    ASSERT_TRUE(r.ok()) << file;
    EXPECT_EQ(r->username, "") << file;
    EXPECT_EQ(r->password, "") << file;
  }
}

TEST(AuthFile, PortsAreNotIgnored) {
  auto r = credentials_from_auth_file(R"({"auths":{"reg.example:5000":{"auth":"dTpw"}}})", "reg.example",
                                      "config.json");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->username, "");
}

TEST(AuthFile, MalformedInputNamesTheFile) {
  struct Case {
    const char* bytes;
    const char* message;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"{not json", "/home/u/.docker/config.json: not JSON"},
           {"[1]", "/home/u/.docker/config.json: not a JSON object"},
           {R"({"auths":[]})", "/home/u/.docker/config.json: auths: not an object"},
           {R"({"auths":{"r":"x"}})", "/home/u/.docker/config.json: auths.r: not an object"},
           {R"({"auths":{"r":{"auth":"!!!"}}})", "/home/u/.docker/config.json: auths.r.auth: not base64"},
           {R"({"auths":{"r":{"auth":"bm9jb2xvbg=="}}})",
            "/home/u/.docker/config.json: auths.r.auth: not base64 of user:password"},
           {R"({"auths":{"r":{"username":7}}})",
            "/home/u/.docker/config.json: auths.r.username: not a string"}}) {
    auto r = credentials_from_auth_file(c.bytes, "r", "/home/u/.docker/config.json");
    ASSERT_FALSE(r.ok()) << c.bytes;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidInput);
    EXPECT_EQ(r.error().message, c.message);
  }
}

TEST(Base64, RoundTripsAndRejectsGarbage) {
  EXPECT_EQ(registry::base64_encode("user:pass"), "dXNlcjpwYXNz");
  EXPECT_EQ(registry::base64_encode("ab"), "YWI=");
  EXPECT_EQ(registry::base64_encode("a"), "YQ==");
  EXPECT_EQ(*registry::base64_decode("dXNlcjpwYXNz"), "user:pass");
  EXPECT_EQ(*registry::base64_decode("YWI="), "ab");
  EXPECT_EQ(*registry::base64_decode("YQ"), "a");
  EXPECT_FALSE(registry::base64_decode("YQ=x").ok());
  EXPECT_FALSE(registry::base64_decode("Y").ok());
}

TEST(UrlOrigin, ComparesSchemeHostAndPort) {
  EXPECT_EQ(registry::url_origin("https://Reg.Example/v2/x"), "https://reg.example:443");
  EXPECT_EQ(registry::url_origin("http://127.0.0.1:5000/v2/"), "http://127.0.0.1:5000");
  EXPECT_EQ(registry::url_origin("http://u:p@h?x"), "http://h:80");
  EXPECT_EQ(registry::url_origin("http://[::1]:8080/a"), "http://[::1]:8080");
  EXPECT_EQ(registry::url_origin("not a url"), "");
  EXPECT_NE(registry::url_origin("http://127.0.0.1:5000/a"), registry::url_origin("http://127.0.0.1:5001/a"));
  EXPECT_EQ(registry::url_escape("repository:a/b:pull"), "repository%3Aa%2Fb%3Apull");
}

}  // namespace
}  // namespace customs
