#include "sources/registry/client.h"

#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "io/stream.h"
#include "sources/image/parse.h"

namespace customs::registry {

namespace {

std::string hex(const unsigned char* p, unsigned n) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 15];
  }
  return out;
}

// "CODE: message; CODE: message" from a registry error body, or "" when it holds none.
std::string registry_errors(std::string_view body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("errors") || !j["errors"].is_array()) return "";
  std::vector<std::string> parts;
  for (const auto& e : j["errors"]) {
    if (!e.is_object() || parts.size() >= 4) continue;
    std::string code = e.value("code", nlohmann::json()).is_string() ? e["code"].get<std::string>() : "";
    std::string msg = e.value("message", nlohmann::json()).is_string() ? e["message"].get<std::string>() : "";
    if (!code.empty() || !msg.empty())
      parts.push_back(code + (code.empty() || msg.empty() ? "" : ": ") + msg);
  }
  return join(parts, "; ");
}

std::string media_type_of(const HttpResponse& r) {
  auto it = r.headers.find("content-type");
  if (it == r.headers.end()) return "";
  return std::string(trim(std::string_view(it->second).substr(0, it->second.find(';'))));
}

const std::vector<std::string>& manifest_accept() {
  static const std::vector<std::string> kAccept = {
      "Accept: " + std::string(kOciIndex) + ", " + std::string(kOciManifest) + ", " +
      std::string(kDockerManifestList) + ", " + std::string(kDockerManifest)};
  return kAccept;
}

}  // namespace

struct BlobVerifier::Ctx {
  EVP_MD_CTX* md = nullptr;
  const EVP_MD* type = nullptr;
  ~Ctx() { EVP_MD_CTX_free(md); }
};

BlobVerifier::BlobVerifier(std::string expected_digest, int64_t expected_size, std::string what)
    : expected_(std::move(expected_digest)),
      expected_size_(expected_size),
      what_(std::move(what)),
      ctx_(std::make_unique<Ctx>()) {
  ctx_->md = EVP_MD_CTX_new();
  ctx_->type = expected_.starts_with("sha512:") ? EVP_sha512() : EVP_sha256();
  reset();
}

BlobVerifier::~BlobVerifier() = default;

void BlobVerifier::reset() {
  EVP_DigestInit_ex(ctx_->md, ctx_->type, nullptr);
  size_ = 0;
}

Status BlobVerifier::add(std::string_view chunk) {
  size_ += chunk.size();
  if (expected_size_ >= 0 && size_ > static_cast<uint64_t>(expected_size_))
    return make_error(ErrorKind::kInvalidInput, what_ + ": the registry sent more than the " +
                                                    std::to_string(expected_size_) +
                                                    " bytes its descriptor gives (size mismatch)");
  EVP_DigestUpdate(ctx_->md, chunk.data(), chunk.size());
  return ok_status();
}

Status BlobVerifier::finish() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_DigestFinal_ex(ctx_->md, md, &n);
  std::string got = std::string(expected_.starts_with("sha512:") ? "sha512:" : "sha256:") + hex(md, n);
  if (expected_size_ >= 0 && size_ != static_cast<uint64_t>(expected_size_))
    return make_error(ErrorKind::kInvalidInput, what_ + ": size mismatch: got " + std::to_string(size_) +
                                                    " bytes, the descriptor gives " +
                                                    std::to_string(expected_size_));
  if (got != expected_)
    return make_error(ErrorKind::kInvalidInput,
                      what_ + ": digest mismatch: the registry sent bytes hashing to " + got);
  return ok_status();
}

std::string sha256_digest_of(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &n, EVP_sha256(), nullptr);
  return "sha256:" + hex(md, n);
}

RegistryClient::RegistryClient(RegistryRef ref, const RegistryOptions& options,
                               RegistryCredentials credentials)
    : ref_(std::move(ref)) {
  base_url_ =
      std::string(options.insecure ? "http://" : "https://") + ref_.registry + "/v2/" + ref_.repository;
  settings_.connect_timeout_seconds = options.connect_timeout_seconds;
  settings_.timeout_seconds = options.timeout_seconds;
  settings_.user_agent = options.user_agent;
  retry_.retries = std::max(0, options.retries);
  retry_.backoff_ms = options.backoff_ms;
  auth_ = AuthContext{ref_.registry, ref_.repository, std::move(credentials), options.insecure};
}

Status RegistryClient::authenticate(const HttpResponse& response, const std::string& used) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (authorization_ != used) return ok_status();  // another request already renewed it
  }
  auto header = response.headers.find("www-authenticate");
  if (header == response.headers.end())
    return make_error(ErrorKind::kIo, "authentication required for " + ref_.registry +
                                          ": HTTP 401 without a WWW-Authenticate challenge");
  auto challenges = parse_www_authenticate(header->second);
  if (!challenges.ok())
    return make_error(ErrorKind::kIo,
                      "authentication required for " + ref_.registry + ": " + challenges.error().message);
  const AuthChallenge* ch = choose_challenge(*challenges);
  if (ch == nullptr)
    return make_error(ErrorKind::kIo, "authentication required for " + ref_.registry +
                                          ": no Basic or Bearer challenge in \"" + header->second + "\"");
  auto answer = answer_challenge(*ch, auth_, settings_, retry_);
  if (!answer.ok()) return answer.error();
  std::lock_guard<std::mutex> lock(mu_);
  authorization_ = *answer;
  return ok_status();
}

Result<HttpResponse> RegistryClient::get(const std::string& path, const std::vector<std::string>& headers,
                                         const BodySink& sink, const std::function<Status()>& restart) const {
  for (int round = 0;; ++round) {
    HttpRequest req;
    req.url = base_url_ + path;
    req.headers = headers;
    {
      std::lock_guard<std::mutex> lock(mu_);
      req.authorization = authorization_;
    }
    auto r = http_request_retrying(settings_, retry_, req, sink, restart, nullptr);
    if (!r.ok() || r->status != 401) return r;
    if (round > 0) {
      bool creds = !auth_.credentials.username.empty() || !auth_.credentials.password.empty();
      std::string detail = registry_errors(r->error_body);
      return make_error(ErrorKind::kIo, std::string("authentication ") + (creds ? "denied" : "required") +
                                            " for " + ref_.registry + ": HTTP 401" +
                                            (detail.empty() ? "" : " (" + detail + ")") +
                                            (creds ? "" : "; use --username/--password or docker login"));
    }
    Status s = authenticate(*r, req.authorization);
    if (!s.ok()) return s.error();
  }
}

Error RegistryClient::status_error(const HttpResponse& r, const std::string& what) const {
  std::string detail = registry_errors(r.error_body);
  std::string text = what + ": " + ref_.registry + " answered HTTP " + std::to_string(r.status);
  if (r.status == 429 || r.status >= 500)
    text += " after " + std::to_string(retry_.retries + 1) + " attempts";
  if (r.status == 403) text = "authentication denied for " + ref_.registry + ": " + what + ": HTTP 403";
  if (!detail.empty()) text += " (" + detail + ")";
  return make_error(ErrorKind::kIo, text);
}

Result<FetchedManifest> RegistryClient::fetch_manifest(const std::string& reference,
                                                       const std::string& pinned, uint64_t max_bytes) const {
  const std::string what = "manifest " + reference + " of " + ref_.registry + "/" + ref_.repository;
  FetchedManifest out;
  BodySink sink = [&](std::string_view chunk) -> Status {
    if (out.bytes.size() + chunk.size() > max_bytes)
      return make_error(ErrorKind::kLimit, what + ": larger than " + std::to_string(max_bytes) + " bytes");
    out.bytes.append(chunk);
    return ok_status();
  };
  auto r = get("/manifests/" + reference, manifest_accept(), sink, [&] {
    out.bytes.clear();
    return ok_status();
  });
  if (!r.ok()) return r.error();
  if (r->status == 404) {
    RegistryRef shown = ref_;
    if (reference.starts_with("sha256:") || reference.starts_with("sha512:")) {
      shown.tag.clear();
      shown.digest = reference;
    }
    return make_error(ErrorKind::kNotFound, "manifest unknown: " + shown.to_string());
  }
  if (r->status < 200 || r->status >= 300) return status_error(*r, what);
  out.media_type = media_type_of(*r);
  out.digest = sha256_digest_of(out.bytes);
  if (!pinned.empty()) {
    BlobVerifier v(pinned, -1, what);
    Status s = v.add(out.bytes);
    if (s.ok()) s = v.finish();
    if (!s.ok()) return s.error();
    if (pinned.starts_with("sha512:")) out.digest = pinned;
  }
  auto header = r->headers.find("docker-content-digest");
  if (header != r->headers.end() && header->second.starts_with("sha256:") && header->second != out.digest)
    return make_error(ErrorKind::kInvalidInput, what + ": Docker-Content-Digest " + header->second +
                                                    " does not match the bytes received (" + out.digest +
                                                    ")");
  return out;
}

Status RegistryClient::fetch_blob(const std::string& digest, BlobVerifier& verifier, const BodySink& sink,
                                  const std::function<Status()>& restart) const {
  if (!is_valid_digest(digest))
    return make_error(ErrorKind::kInvalidInput, verifier.what() + ": invalid digest \"" + digest + "\"");
  BodySink both = [&](std::string_view chunk) -> Status {
    Status s = verifier.add(chunk);
    if (s.ok() && sink) s = sink(chunk);
    return s;
  };
  auto r = get("/blobs/" + digest, {}, both, [&]() -> Status {
    verifier.reset();
    return restart ? restart() : ok_status();
  });
  if (!r.ok()) return r.error();
  if (r->status == 404)
    return make_error(ErrorKind::kNotFound,
                      verifier.what() + ": blob unknown to " + ref_.registry + "/" + ref_.repository);
  if (r->status < 200 || r->status >= 300) return status_error(*r, verifier.what());
  return verifier.finish();
}

Result<std::string> RegistryClient::fetch_small_blob(const Descriptor& d, uint64_t max_bytes,
                                                     const std::string& what) const {
  if (!is_valid_digest(d.digest))
    return make_error(ErrorKind::kInvalidInput, what + ": invalid digest \"" + d.digest + "\"");
  if (d.size > static_cast<int64_t>(max_bytes))
    return make_error(ErrorKind::kLimit, what + ": " + std::to_string(d.size) + " bytes, more than the " +
                                             std::to_string(max_bytes) + " allowed");
  BlobVerifier verifier(d.digest, d.size, what);
  std::string bytes;
  BodySink sink = [&](std::string_view chunk) -> Status {
    if (bytes.size() + chunk.size() > max_bytes)
      return make_error(ErrorKind::kLimit, what + ": larger than " + std::to_string(max_bytes) + " bytes");
    bytes.append(chunk);
    return ok_status();
  };
  Status s = fetch_blob(d.digest, verifier, sink, [&] {
    bytes.clear();
    return ok_status();
  });
  if (!s.ok()) return s.error();
  return bytes;
}

}  // namespace customs::registry
