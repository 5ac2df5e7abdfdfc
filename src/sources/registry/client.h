#pragma once
// The distribution API client for one repository (private to sources/registry): manifests by
// tag or digest, blobs streamed and verified, auth negotiated on the first 401 and reused by
// every later request. Safe to use from several threads at once.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"
#include "sources/image/target.h"
#include "sources/registry/auth.h"
#include "sources/registry/http.h"
#include "sources/registry/registry.h"

namespace customs::registry {

// Hashes and counts a blob as it arrives. add() fails as soon as the bytes outgrow
// expected_size; finish() checks the digest and the size.
class BlobVerifier {
 public:
  // expected_digest: "sha256:<hex>" or "sha512:<hex>"; `what` names the blob in errors.
  BlobVerifier(std::string expected_digest, int64_t expected_size, std::string what);
  ~BlobVerifier();
  Status add(std::string_view chunk);
  Status finish();
  void reset();
  uint64_t size() const { return size_; }
  const std::string& what() const { return what_; }

 private:
  std::string expected_;
  int64_t expected_size_;
  std::string what_;
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
  uint64_t size_ = 0;
};

// "sha256:<hex>" of bytes.
std::string sha256_digest_of(std::string_view bytes);

struct FetchedManifest {
  std::string bytes;
  std::string media_type;  // Content-Type without parameters
  std::string digest;      // sha256 of bytes
};

class RegistryClient {
 public:
  RegistryClient(RegistryRef ref, const RegistryOptions& options, RegistryCredentials credentials);

  const RegistryRef& ref() const { return ref_; }

  // GET /v2/<repo>/manifests/<reference>. With `pinned` (a digest) the bytes must hash to it.
  // 404 is kNotFound "manifest unknown: <ref>"; bodies over max_bytes are kLimit.
  Result<FetchedManifest> fetch_manifest(const std::string& reference, const std::string& pinned,
                                         uint64_t max_bytes) const;
  // GET /v2/<repo>/blobs/<digest> (following redirects), each chunk given to `verifier` and
  // then `sink`; verifier.finish() is checked at the end. `restart` runs before every attempt.
  Status fetch_blob(const std::string& digest, BlobVerifier& verifier, const BodySink& sink,
                    const std::function<Status()>& restart) const;
  // A config-sized blob, verified, in memory.
  Result<std::string> fetch_small_blob(const Descriptor& d, uint64_t max_bytes,
                                       const std::string& what) const;

 private:
  // A GET to the registry with auth negotiated (one new token per call at most) and retries.
  Result<HttpResponse> get(const std::string& path, const std::vector<std::string>& headers,
                           const BodySink& sink, const std::function<Status()>& restart) const;
  Status authenticate(const HttpResponse& response, const std::string& used) const;
  Error status_error(const HttpResponse& r, const std::string& what) const;

  RegistryRef ref_;
  std::string base_url_;  // "https://host[:port]/v2/<repo>"
  HttpSettings settings_;
  RetryPolicy retry_;
  AuthContext auth_;
  mutable std::mutex mu_;
  mutable std::string authorization_;  // what every request sends, learned from the first 401
};

}  // namespace customs::registry
