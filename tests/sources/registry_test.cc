// The registry client against an in-process fake registry (cpp-httplib on 127.0.0.1): auth
// flows, retries, timeouts, hostile blobs, platform selection and redirects.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "io/stream.h"
#include "scratch_dir.h"
#include "sources/image/parse.h"
#include "sources/registry/registry.h"
#include "tar_builder.h"

namespace customs {
namespace {

using customs::testing::gzip_bytes;
using customs::testing::sha256_digest;
using customs::testing::TarBuilder;
using Json = nlohmann::json;

// One single-platform image: two gzip layers, a config and an OCI manifest.
struct TestImage {
  std::vector<std::string> layers;  // stored (gzip) bytes
  std::string config;
  std::string manifest;
  std::string manifest_digest;
  std::string config_digest() const { return sha256_digest(config); }
};

TestImage make_image(const std::string& arch) {
  TestImage img;
  std::string tar0 = TarBuilder().dir("etc").file("etc/os-release", "ID=test\n").finish();
  std::string tar1 = TarBuilder().file("app/" + arch + ".txt", "built for " + arch + "\n").finish();
  img.layers = {gzip_bytes(tar0), gzip_bytes(tar1)};
  Json config = {{"architecture", arch},
                 {"os", "linux"},
                 {"created", "2024-01-02T03:04:05Z"},
                 {"config", {{"User", "app"}}},
                 {"rootfs", {{"type", "layers"}, {"diff_ids", {sha256_digest(tar0), sha256_digest(tar1)}}}},
                 {"history",
                  {{{"created", "2024-01-01T00:00:00Z"}, {"created_by", "ADD rootfs.tar /"}},
                   {{"created", "2024-01-02T03:04:05Z"}, {"created_by", "COPY app /app"}}}}};
  img.config = config.dump();
  Json layers = Json::array();
  for (const auto& l : img.layers)
    layers.push_back({{"mediaType", "application/vnd.oci.image.layer.v1.tar+gzip"},
                      {"digest", sha256_digest(l)},
                      {"size", l.size()}});
  Json manifest = {{"schemaVersion", 2},
                   {"mediaType", std::string(kOciManifest)},
                   {"config",
                    {{"mediaType", std::string(kOciConfig)},
                     {"digest", img.config_digest()},
                     {"size", img.config.size()}}},
                   {"layers", layers}};
  img.manifest = manifest.dump();
  img.manifest_digest = sha256_digest(img.manifest);
  return img;
}

// A registry serving one repository. Behaviours are switched on by the fields below; `hook` runs
// first on every request and answers it when it returns true.
class FakeRegistry {
 public:
  std::string user, password;  // non-empty: Basic auth (or the token endpoint's, with bearer)
  bool bearer = false;
  std::string token_key = "token";
  std::string token = "tok-1234";
  std::function<bool(const std::string& kind, const httplib::Request&, httplib::Response&)> hook;
  std::atomic<int> manifest_requests{0}, blob_requests{0}, token_requests{0};
  std::atomic<bool> stopping{false};

  FakeRegistry() {
    server_.Get(R"(/v2/(.+)/manifests/([^/]+))", [this](const auto& req, auto& res) { manifest(req, res); });
    server_.Get(R"(/v2/(.+)/blobs/([^/]+))", [this](const auto& req, auto& res) { blob(req, res); });
    server_.Get("/token", [this](const auto& req, auto& res) { token_endpoint(req, res); });
    server_.Post("/token", [this](const auto& req, auto& res) { oauth_endpoint(req, res); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FakeRegistry() {
    stopping = true;
    server_.stop();
    thread_.join();
  }

  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
  void put_manifest(const std::string& ref, const std::string& bytes, std::string_view type) {
    std::lock_guard<std::mutex> lock(mu_);
    manifests_[ref] = {bytes, std::string(type)};
  }
  void put_blob(const std::string& bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    blobs_[sha256_digest(bytes)] = bytes;
  }
  void put_image(const std::string& tag, const TestImage& img) {
    put_manifest(tag, img.manifest, kOciManifest);
    put_manifest(img.manifest_digest, img.manifest, kOciManifest);
    put_blob(img.config);
    for (const auto& l : img.layers) put_blob(l);
  }
  std::vector<std::string> authorizations() {
    std::lock_guard<std::mutex> lock(mu_);
    return authorizations_;
  }

 private:
  bool authorized(const httplib::Request& req, httplib::Response& res) {
    std::string auth = req.get_header_value("Authorization");
    {
      std::lock_guard<std::mutex> lock(mu_);
      authorizations_.push_back(auth);
    }
    if (bearer) {
      if (auth == "Bearer " + token) return true;
      res.status = 401;
      res.set_header("WWW-Authenticate",
                     "Bearer realm=\"http://" + host() +
                         "/token\",service=\"fake-registry\",scope=\"repository:test/app:pull\"");
      return false;
    }
    if (user.empty() || auth == "Basic " + basic()) return true;
    res.status = 401;
    res.set_header("WWW-Authenticate", R"(Basic realm="fake")");
    res.set_content(R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
                    "application/json");
    return false;
  }

  std::string basic() const {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string in = user + ":" + password, out;
    for (size_t i = 0; i < in.size(); i += 3) {
      uint32_t v = static_cast<unsigned char>(in[i]) << 16;
      if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
      if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
      out += k[(v >> 18) & 63];
      out += k[(v >> 12) & 63];
      out += i + 1 < in.size() ? k[(v >> 6) & 63] : '=';
      out += i + 2 < in.size() ? k[v & 63] : '=';
    }
    return out;
  }

  void manifest(const httplib::Request& req, httplib::Response& res) {
    ++manifest_requests;
    if (hook && hook("manifest", req, res)) return;
    if (!authorized(req, res)) return;
    std::lock_guard<std::mutex> lock(mu_);
    auto it = manifests_.find(req.matches[2]);
    if (req.matches[1] != "test/app" || it == manifests_.end()) {
      res.status = 404;
      res.set_content(R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})",
                      "application/json");
      return;
    }
    res.set_header("Docker-Content-Digest", sha256_digest(it->second.first));
    res.set_content(it->second.first, it->second.second);
  }

  void blob(const httplib::Request& req, httplib::Response& res) {
    ++blob_requests;
    if (hook && hook("blob", req, res)) return;
    if (!authorized(req, res)) return;
    std::lock_guard<std::mutex> lock(mu_);
    auto it = blobs_.find(req.matches[2]);
    if (it == blobs_.end()) {
      res.status = 404;
      return;
    }
    res.set_content(it->second, "application/octet-stream");
  }

  void token_endpoint(const httplib::Request& req, httplib::Response& res) {
    ++token_requests;
    if (hook && hook("token", req, res)) return;
    bool scope_ok = req.get_param_value("service") == "fake-registry" &&
                    req.get_param_value("scope") == "repository:test/app:pull";
    bool creds_ok = user.empty() || req.get_header_value("Authorization") == "Basic " + basic();
    if (!scope_ok || !creds_ok) {
      res.status = 401;
      return;
    }
    res.set_content(Json{{token_key, token}, {"expires_in", 300}}.dump(), "application/json");
  }

  // The OAuth2 refresh_token grant that identity tokens use.
  void oauth_endpoint(const httplib::Request& req, httplib::Response& res) {
    ++token_requests;
    bool ok = req.get_param_value("grant_type") == "refresh_token" &&
              req.get_param_value("refresh_token") == identity_token &&
              req.get_param_value("service") == "fake-registry" &&
              req.get_param_value("scope") == "repository:test/app:pull" && !req.has_header("Authorization");
    if (!ok) {
      res.status = 401;
      return;
    }
    res.set_content(Json{{"access_token", token}}.dump(), "application/json");
  }

 public:
  std::string identity_token = "id-token-xyz";

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::map<std::string, std::pair<std::string, std::string>> manifests_;
  std::map<std::string, std::string> blobs_;
  std::vector<std::string> authorizations_;
};

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(scratch_.ok());
    temp_ = scratch_.str();
    options_.insecure = true;
    options_.temp_dir = temp_;
    options_.backoff_ms = 5;
    options_.timeout_seconds = 5;
    options_.connect_timeout_seconds = 2;
  }

  Result<std::unique_ptr<ImageSource>> open(const std::string& ref_text, const std::string& platform = "",
                                            uint64_t max_metadata_bytes = 8 << 20) {
    auto ref = parse_registry_ref(ref_text);
    EXPECT_TRUE(ref.ok()) << ref_text;
    if (!ref.ok()) return ref.error();
    ImageTarget target;
    target.kind = TargetKind::kRegistry;
    target.ref = *ref;
    target.text = ref_text;
    OpenOptions open;
    open.platform = platform;
    open.max_metadata_bytes = max_metadata_bytes;
    return open_registry_image(fs_, target, open, options_);
  }

  static std::string read_layer(const ImageSource& source, size_t i) {
    auto stream = source.open_layer_blob(i);
    EXPECT_TRUE(stream.ok()) << stream.error().message;
    if (!stream.ok()) return "";
    auto bytes = read_all(**stream, 1 << 20);
    EXPECT_TRUE(bytes.ok());
    return bytes.ok() ? *bytes : "";
  }

  bool temp_is_empty() const { return std::filesystem::is_empty(temp_); }

  FakeRegistry registry_;
  TestImage image_ = make_image("amd64");
  RegistryOptions options_;
  MemoryFs fs_;
  testing::ScratchDir scratch_{"registry-test"};
  std::string temp_;
};

TEST_F(RegistryTest, AnonymousPullFillsEveryMetaField) {
  registry_.put_image("v1", image_);
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  const ImageMeta& m = (*source)->meta();
  EXPECT_EQ(m.reference, registry_.host() + "/test/app:v1");
  EXPECT_EQ(m.source_kind, "registry");
  EXPECT_EQ(m.name, registry_.host() + "/test/app:v1");
  EXPECT_EQ(m.repo_tags, std::vector<std::string>{registry_.host() + "/test/app:v1"});
  EXPECT_EQ(m.manifest_digest, image_.manifest_digest);
  EXPECT_EQ(m.config_digest, image_.config_digest());
  EXPECT_EQ(m.config_bytes, image_.config);
  EXPECT_EQ(m.config.architecture, "amd64");
  EXPECT_EQ(m.config.config.user, "app");
  EXPECT_EQ(m.manifest.layers.size(), 2u);
  ASSERT_TRUE(m.platform.has_value());
  EXPECT_EQ(m.platform->to_string(), "linux/amd64");
  ASSERT_EQ(m.layers.size(), 2u);
  EXPECT_EQ(m.layers[1].index, 1u);
  EXPECT_EQ(m.layers[1].blob_digest, sha256_digest(image_.layers[1]));
  EXPECT_EQ(m.layers[1].blob_size, static_cast<int64_t>(image_.layers[1].size()));
  EXPECT_EQ(m.layers[1].media_type, "application/vnd.oci.image.layer.v1.tar+gzip");
  EXPECT_EQ(m.layers[1].diff_id, m.config.diff_ids[1]);
  EXPECT_EQ(m.layers[1].created_by, "COPY app /app");
  EXPECT_EQ(m.layers[1].history_created, "2024-01-02T03:04:05Z");

  EXPECT_EQ(read_layer(**source, 0), image_.layers[0]);
  EXPECT_EQ(read_layer(**source, 1), image_.layers[1]);
  EXPECT_TRUE(temp_is_empty());  // spooled blobs are gone
  for (const auto& a : registry_.authorizations()) EXPECT_EQ(a, "");
}

TEST_F(RegistryTest, PullsByDigestAndChecksIt) {
  registry_.put_image("v1", image_);
  auto source = open(registry_.host() + "/test/app@" + image_.manifest_digest);
  ASSERT_TRUE(source.ok()) << source.error().message;
  EXPECT_EQ((*source)->meta().manifest_digest, image_.manifest_digest);
  EXPECT_EQ((*source)->meta().repo_tags.size(), 0u);

  // The registry answers a pinned digest with other bytes.
  std::string other = make_image("arm64").manifest;
  std::string wanted = sha256_digest("something else");
  registry_.put_manifest(wanted, other, kOciManifest);
  auto bad = open(registry_.host() + "/test/app@" + wanted);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(bad.error().message.find("digest mismatch"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find(wanted), std::string::npos) << bad.error().message;
}

TEST_F(RegistryTest, DockerContentDigestMustMatchTheBytes) {
  registry_.put_image("v1", image_);
  registry_.hook = [](const std::string& kind, const httplib::Request&, httplib::Response& res) {
    if (kind != "manifest") return false;
    res.set_header("Docker-Content-Digest", sha256_digest("not the manifest"));
    res.set_content(make_image("amd64").manifest, std::string(kOciManifest));
    return true;
  };
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(source.ok());
  EXPECT_NE(source.error().message.find("Docker-Content-Digest " + sha256_digest("not the manifest")),
            std::string::npos)
      << source.error().message;
}

TEST_F(RegistryTest, SecureByDefaultPlainHttpOnlyWhenInsecure) {
  registry_.put_image("v1", image_);
  options_.insecure = false;
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(
      source.error().message.rfind("GET https://" + registry_.host() + "/v2/test/app/manifests/v1: ", 0), 0u)
      << source.error().message;
  EXPECT_EQ(registry_.manifest_requests.load(), 0);
}

TEST_F(RegistryTest, OversizedManifestHitsTheMetadataLimit) {
  registry_.put_image("v1", image_);
  auto source = open(registry_.host() + "/test/app:v1", "", 100);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().kind, ErrorKind::kLimit);
  EXPECT_EQ(source.error().message,
            "manifest v1 of " + registry_.host() + "/test/app: larger than 100 bytes");
}

TEST_F(RegistryTest, UnknownTagIsNotFound) {
  registry_.put_image("v1", image_);
  auto source = open(registry_.host() + "/test/app:nope");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(source.error().message, "manifest unknown: " + registry_.host() + "/test/app:nope");
  EXPECT_EQ(registry_.manifest_requests.load(), 1);  // 404 is not retried
}

TEST_F(RegistryTest, BasicAuthWithCredentials) {
  registry_.user = "alice";
  registry_.password = "s3cret";
  registry_.put_image("v1", image_);
  options_.credentials = {"alice", "s3cret"};
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  EXPECT_EQ(read_layer(**source, 0), image_.layers[0]);
  auto seen = registry_.authorizations();
  ASSERT_EQ(seen.size(), 4u);  // manifest (401), manifest, config, layer: auth is learned once
  EXPECT_EQ(seen[0], "");
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_EQ(seen[i], "Basic YWxpY2U6czNjcmV0");
}

TEST_F(RegistryTest, BasicAuthWithoutCredentialsIsRequired) {
  registry_.user = "alice";
  registry_.password = "s3cret";
  registry_.put_image("v1", image_);
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().message.rfind("authentication required for " + registry_.host(), 0), 0u)
      << source.error().message;
}

TEST_F(RegistryTest, BasicAuthWithWrongPasswordIsDenied) {
  registry_.user = "alice";
  registry_.password = "s3cret";
  registry_.put_image("v1", image_);
  options_.credentials = {"alice", "wrong"};
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().message, "authentication denied for " + registry_.host() +
                                        ": HTTP 401 (UNAUTHORIZED: authentication required)");
  EXPECT_EQ(registry_.manifest_requests.load(), 2);
}

TEST_F(RegistryTest, CredentialsComeFromTheFirstAuthFileThatHasThem) {
  registry_.user = "alice";
  registry_.password = "s3cret";
  registry_.put_image("v1", image_);
  fs_.add_file("/auth/other.json", R"({"auths":{"elsewhere.example":{"auth":"eDp5"}}})");
  fs_.add_file("/auth/config.json",
               R"({"auths":{")" + registry_.host() + R"(":{"auth":"YWxpY2U6czNjcmV0"}}})");
  options_.auth_files = {"/auth/missing.json", "/auth/other.json", "/auth/config.json"};
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;

  fs_.add_file("/auth/broken.json", "{");
  options_.auth_files = {"/auth/broken.json"};
  auto broken = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().message, "/auth/broken.json: not JSON");
}

TEST_F(RegistryTest, BearerTokenFetchedWithCredentialsOnce) {
  registry_.bearer = true;
  registry_.user = "bob";
  registry_.password = "pw";
  registry_.put_image("v1", image_);
  options_.credentials = {"bob", "pw"};
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  EXPECT_EQ(read_layer(**source, 0), image_.layers[0]);
  EXPECT_EQ(read_layer(**source, 1), image_.layers[1]);
  EXPECT_EQ(registry_.token_requests.load(), 1);
  auto seen = registry_.authorizations();
  ASSERT_EQ(seen.size(), 5u);
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_EQ(seen[i], "Bearer tok-1234");
}

TEST_F(RegistryTest, AnonymousBearerTokenFromAccessToken) {
  registry_.bearer = true;
  registry_.token_key = "access_token";
  registry_.put_image("v1", image_);
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  EXPECT_EQ(registry_.token_requests.load(), 1);
}

TEST_F(RegistryTest, IdentityTokenIsExchangedWithARefreshGrant) {
  registry_.bearer = true;
  registry_.put_image("v1", image_);
  options_.credentials = {"<token>", "id-token-xyz"};
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  EXPECT_EQ(registry_.token_requests.load(), 1);

  options_.credentials = {"<token>", "expired"};
  auto refused = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message.rfind("authentication denied for " + registry_.host(), 0), 0u)
      << refused.error().message;
}

TEST_F(RegistryTest, BearerTokenRefusedIsDenied) {
  registry_.bearer = true;
  registry_.user = "bob";
  registry_.password = "pw";
  registry_.put_image("v1", image_);
  options_.credentials = {"bob", "nope"};
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().message, "authentication denied for " + registry_.host() +
                                        ": the token service refused the credentials (HTTP 401)");
}

TEST_F(RegistryTest, TokenNotAcceptedAfterRetryIsDenied) {
  registry_.bearer = true;
  registry_.put_image("v1", image_);
  registry_.hook = [](const std::string& kind, const httplib::Request&, httplib::Response& res) {
    if (kind != "token") return false;
    res.set_content(R"({"token":"useless"})", "application/json");
    return true;
  };
  options_.credentials = {"bob", "pw"};
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().message, "authentication denied for " + registry_.host() + ": HTTP 401");
  EXPECT_EQ(registry_.manifest_requests.load(), 2);
  EXPECT_EQ(registry_.token_requests.load(), 1);
}

TEST_F(RegistryTest, RetriesTooManyRequestsThenSucceeds) {
  registry_.put_image("v1", image_);
  std::atomic<int> throttled{0};
  registry_.hook = [&](const std::string& kind, const httplib::Request&, httplib::Response& res) {
    if (kind != "manifest" || throttled++ > 0) return false;
    res.status = 429;
    res.set_header("Retry-After", "1");
    return true;
  };
  options_.backoff_ms = 1;
  auto start = std::chrono::steady_clock::now();
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  EXPECT_EQ(registry_.manifest_requests.load(), 2);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));  // Retry-After won
}

TEST_F(RegistryTest, ServerErrorsForeverFailAfterRetries) {
  registry_.put_image("v1", image_);
  registry_.hook = [](const std::string& kind, const httplib::Request&, httplib::Response& res) {
    if (kind != "manifest") return false;
    res.status = 500;
    return true;
  };
  options_.retries = 2;
  auto start = std::chrono::steady_clock::now();
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(source.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_EQ(registry_.manifest_requests.load(), 3);
  EXPECT_EQ(source.error().kind, ErrorKind::kIo);
  EXPECT_EQ(source.error().message, "manifest v1 of " + registry_.host() + "/test/app: " + registry_.host() +
                                        " answered HTTP 500 after 3 attempts");
}

// The blob's Content-Length is announced in full but the connection drops halfway through.
bool serve_half(const std::string& bytes, httplib::Response& res) {
  res.set_content_provider(bytes.size(), "application/octet-stream",
                           [bytes](size_t offset, size_t, httplib::DataSink& sink) {
                             if (offset == 0) sink.write(bytes.data(), bytes.size() / 2);
                             return false;  // closes the connection
                           });
  return true;
}

TEST_F(RegistryTest, ConnectionDroppedMidBlobIsRetried) {
  registry_.put_image("v1", image_);
  std::string layer = image_.layers[0];
  std::atomic<int> dropped{0};
  registry_.hook = [&](const std::string& kind, const httplib::Request& req, httplib::Response& res) {
    if (kind != "blob" || req.matches[2] != sha256_digest(layer) || dropped++ > 0) return false;
    return serve_half(layer, res);
  };
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  int before = registry_.blob_requests.load();
  EXPECT_EQ(read_layer(**source, 0), layer);
  EXPECT_EQ(registry_.blob_requests.load() - before, 2);
}

TEST_F(RegistryTest, ConnectionAlwaysDroppedFailsNamingAttempts) {
  registry_.put_image("v1", image_);
  std::string layer = image_.layers[0];
  registry_.hook = [&](const std::string& kind, const httplib::Request& req, httplib::Response& res) {
    if (kind != "blob" || req.matches[2] != sha256_digest(layer)) return false;
    return serve_half(layer, res);
  };
  options_.retries = 1;
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  auto stream = (*source)->open_layer_blob(0);
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().kind, ErrorKind::kIo);
  EXPECT_NE(stream.error().message.find("(after 2 attempts)"), std::string::npos) << stream.error().message;
  EXPECT_TRUE(temp_is_empty());
}

TEST_F(RegistryTest, StalledTransferTimesOut) {
  registry_.put_image("v1", image_);
  std::string layer = image_.layers[1];
  registry_.hook = [&](const std::string& kind, const httplib::Request& req, httplib::Response& res) {
    if (kind != "blob" || req.matches[2] != sha256_digest(layer)) return false;
    res.set_content_provider(layer.size(), "application/octet-stream",
                             [this](size_t, size_t, httplib::DataSink&) {
                               for (int i = 0; i < 200 && !registry_.stopping; ++i)
                                 std::this_thread::sleep_for(std::chrono::milliseconds(50));
                               return false;
                             });
    return true;
  };
  options_.timeout_seconds = 1;
  options_.retries = 1;
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  auto start = std::chrono::steady_clock::now();
  auto stream = (*source)->open_layer_blob(1);
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(stream.ok());
  EXPECT_LT(elapsed, std::chrono::seconds(6));
  EXPECT_GE(elapsed, std::chrono::milliseconds(1900));  // two attempts of one second
  EXPECT_NE(stream.error().message.find("(timeout) (after 2 attempts)"), std::string::npos)
      << stream.error().message;
}

TEST_F(RegistryTest, WrongBlobBytesAreADigestMismatchNamingTheLayer) {
  registry_.put_image("v1", image_);
  std::string layer = image_.layers[0];
  registry_.hook = [&](const std::string& kind, const httplib::Request& req, httplib::Response& res) {
    if (kind != "blob" || req.matches[2] != sha256_digest(layer)) return false;
    std::string wrong = layer;
    wrong[wrong.size() / 2] ^= 0x55;
    res.set_content(wrong, "application/octet-stream");
    return true;
  };
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  int before = registry_.blob_requests.load();
  auto stream = (*source)->open_layer_blob(0);
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(stream.error().message.find("layer 0 (" + sha256_digest(layer) + "): digest mismatch"),
            std::string::npos)
      << stream.error().message;
  EXPECT_EQ(registry_.blob_requests.load() - before, 1);  // wrong bytes are not retried
  EXPECT_TRUE(temp_is_empty());
}

TEST_F(RegistryTest, BlobLongerThanItsDescriptorIsAbortedEarly) {
  registry_.put_image("v1", image_);
  std::string layer = image_.layers[1];
  const size_t total = size_t{256} << 20;
  std::atomic<size_t> sent{0};
  registry_.hook = [&](const std::string& kind, const httplib::Request& req, httplib::Response& res) {
    if (kind != "blob" || req.matches[2] != sha256_digest(layer)) return false;
    res.set_content_provider(total, "application/octet-stream",
                             [&, layer](size_t offset, size_t, httplib::DataSink& sink) {
                               std::string chunk = offset == 0 ? layer : std::string(64 << 10, 'x');
                               sent += chunk.size();
                               return sink.write(chunk.data(), chunk.size());
                             });
    return true;
  };
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  auto stream = (*source)->open_layer_blob(1);
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().kind, ErrorKind::kInvalidInput);
  EXPECT_EQ(stream.error().message, registry_.host() + "/test/app:v1: layer 1 (" + sha256_digest(layer) +
                                        "): the registry sent more than the " + std::to_string(layer.size()) +
                                        " bytes its descriptor gives (size mismatch)");
  EXPECT_LT(sent.load(), total / 4);
}

TEST_F(RegistryTest, ManifestThatIsNotJsonIsInvalid) {
  registry_.put_manifest("v1", "<html>not a manifest</html>", kOciManifest);
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.error().kind, ErrorKind::kInvalidInput);
  EXPECT_NE(source.error().message.find("manifest " + sha256_digest("<html>not a manifest</html>")),
            std::string::npos)
      << source.error().message;
}

TEST_F(RegistryTest, ConfigWithWrongBytesIsRejected) {
  TestImage img = image_;
  registry_.put_image("v1", img);
  registry_.hook = [&](const std::string& kind, const httplib::Request& req, httplib::Response& res) {
    if (kind != "blob" || req.matches[2] != img.config_digest()) return false;
    std::string wrong = img.config;
    wrong.back() = ' ';
    res.set_content(wrong, "application/octet-stream");
    return true;
  };
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_FALSE(source.ok());
  EXPECT_NE(source.error().message.find("config " + img.config_digest() + ": digest mismatch"),
            std::string::npos)
      << source.error().message;
}

class RegistryIndexTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    registry_.put_image("amd", amd_);
    registry_.put_image("arm", arm_);
    Json index = {{"schemaVersion", 2},
                  {"mediaType", std::string(kDockerManifestList)},
                  {"manifests",
                   {{{"mediaType", std::string(kOciManifest)},
                     {"digest", amd_.manifest_digest},
                     {"size", amd_.manifest.size()},
                     {"platform", {{"os", "linux"}, {"architecture", "amd64"}}}},
                    {{"mediaType", std::string(kOciManifest)},
                     {"digest", arm_.manifest_digest},
                     {"size", arm_.manifest.size()},
                     {"annotations", {{"org.example.note", "arm build"}}},
                     {"platform", {{"os", "linux"}, {"architecture", "arm64"}, {"variant", "v8"}}}}}}};
    registry_.put_manifest("multi", index.dump(), kDockerManifestList);
  }
  TestImage amd_ = make_image("amd64");
  TestImage arm_ = make_image("arm64");
};

TEST_F(RegistryIndexTest, DefaultPlatformIsLinuxAmd64) {
  auto source = open(registry_.host() + "/test/app:multi");
  ASSERT_TRUE(source.ok()) << source.error().message;
  EXPECT_EQ((*source)->meta().manifest_digest, amd_.manifest_digest);
  EXPECT_EQ((*source)->meta().platform->to_string(), "linux/amd64");
  EXPECT_EQ((*source)->meta().config.architecture, "amd64");
  EXPECT_TRUE((*source)->meta().index_annotations.empty());
}

TEST_F(RegistryIndexTest, ChosenPlatformAndItsAnnotations) {
  auto source = open(registry_.host() + "/test/app:multi", "linux/arm64/v8");
  ASSERT_TRUE(source.ok()) << source.error().message;
  const ImageMeta& m = (*source)->meta();
  EXPECT_EQ(m.manifest_digest, arm_.manifest_digest);
  EXPECT_EQ(m.platform->to_string(), "linux/arm64/v8");
  EXPECT_EQ(m.config.architecture, "arm64");
  EXPECT_EQ(m.index_annotations, (std::map<std::string, std::string>{{"org.example.note", "arm build"}}));
  EXPECT_EQ(read_layer(**source, 1), arm_.layers[1]);
}

TEST_F(RegistryIndexTest, MissingPlatformIsAnError) {
  auto source = open(registry_.host() + "/test/app:multi", "linux/s390x");
  ASSERT_FALSE(source.ok());
  EXPECT_NE(source.error().message.find("linux/arm64/v8"), std::string::npos) << source.error().message;
}

// Blobs redirected to a storage server on another origin (another port): the registry's bearer
// token must not follow.
TEST_F(RegistryTest, BlobRedirectDropsAuthorizationForAnotherHost) {
  registry_.bearer = true;
  registry_.put_image("v1", image_);
  httplib::Server storage;
  std::mutex mu;
  std::vector<std::string> storage_auth;
  std::string layer = image_.layers[0];
  storage.Get("/storage/blob", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    storage_auth.push_back(req.has_header("Authorization") ? req.get_header_value("Authorization")
                                                           : "<none>");
    res.set_content(layer, "application/octet-stream");
  });
  int port = storage.bind_to_any_port("127.0.0.1");
  std::thread thread([&] { storage.listen_after_bind(); });
  registry_.hook = [&](const std::string& kind, const httplib::Request& req, httplib::Response& res) {
    if (kind != "blob" || req.matches[2] != sha256_digest(layer)) return false;
    if (req.get_header_value("Authorization") != "Bearer tok-1234") return false;  // the usual 401 first
    res.set_redirect("http://127.0.0.1:" + std::to_string(port) + "/storage/blob?sig=abc", 307);
    return true;
  };
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  std::string got = read_layer(**source, 0);
  storage.stop();
  thread.join();
  EXPECT_EQ(got, layer);
  ASSERT_EQ(storage_auth.size(), 1u);
  EXPECT_EQ(storage_auth[0], "<none>");
}

TEST_F(RegistryTest, LayersDownloadFromSeveralThreadsAtOnce) {
  registry_.bearer = true;
  registry_.put_image("v1", image_);
  auto source = open(registry_.host() + "/test/app:v1");
  ASSERT_TRUE(source.ok()) << source.error().message;
  std::vector<std::string> got(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < got.size(); ++i)
    threads.emplace_back([&, i] { got[i] = read_layer(**source, i % 2); });
  for (auto& t : threads) t.join();
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], image_.layers[i % 2]) << i;
  EXPECT_EQ(registry_.token_requests.load(), 1);
}

}  // namespace
}  // namespace customs
