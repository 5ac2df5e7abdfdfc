#pragma once
// Reading images from a registry with the OCI distribution API: anonymous, basic and bearer
// token auth (the WWW-Authenticate challenge flow), Docker schema 2 and OCI manifests, indexes
// with platform selection, timeouts, and retries with backoff on 429/5xx and dropped
// connections. Only the manifest, the config and the layer blobs asked for are fetched; each is
// verified against its digest while it streams.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "io/fs.h"
#include "sources/image/image_source.h"
#include "sources/image/target.h"

namespace customs {

struct RegistryCredentials {
  std::string username;
  std::string password;  // or an identity token with username "<token>"
};

struct RegistryOptions {
  bool insecure = false;            // allow plain HTTP (and skip TLS checks) for the target registry
  RegistryCredentials credentials;  // from flags; empty = look in auth_files
  // Docker/podman auth files in order of preference ($REGISTRY_AUTH_FILE,
  // ~/.docker/config.json), read through the FsView; missing ones are skipped.
  std::vector<std::string> auth_files;
  int connect_timeout_seconds = 10;
  int timeout_seconds = 60;  // no byte for this long = the request failed
  int retries = 3;           // extra attempts on 429, 5xx, resets and timeouts
  int backoff_ms = 500;      // first backoff, doubled each time; Retry-After wins when given
  std::string temp_dir;      // where layer blobs are spooled while scanned (deleted after)
  std::string user_agent = "customs";
};

// The credentials for `registry` ("docker.io" also matches "https://index.docker.io/v1/") from a
// Docker config.json: "auths".<host>.auth (base64 user:password) or username/password or
// identitytoken. Returns empty credentials when none are present; malformed JSON is an error
// naming `what`.
Result<RegistryCredentials> credentials_from_auth_file(std::string_view bytes, const std::string& registry,
                                                       const std::string& what);

// Opens `target` (kind kRegistry): resolves tag to manifest, chooses the platform, fetches and
// verifies the config. Layer blobs are fetched when open_layer_blob is called.
Result<std::unique_ptr<ImageSource>> open_registry_image(const FsView& fs, const ImageTarget& target,
                                                         const OpenOptions& options,
                                                         const RegistryOptions& registry_options);

}  // namespace customs
