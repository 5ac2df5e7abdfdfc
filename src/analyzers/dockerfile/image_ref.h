#pragma once
// Container image references as written in FROM, COPY --from and RUN --mount=from:
// [registry[:port]/]path[:tag][@digest], with Docker Hub's defaults made explicit.
#include <string>
#include <string_view>
#include <vector>

namespace customs {

struct ImageRef {
  std::string registry;            // lower-case; "docker.io" for Docker Hub and its aliases
  std::string repository;          // "library/alpine", "org/app"
  std::string tag;                 // "" when none
  std::string digest;              // "sha256:..." or ""
  bool explicit_registry = false;  // the reference named its registry

  // "docker.io/library/alpine"
  std::string name() const { return registry + "/" + repository; }
};

// Parses a reference; an empty string gives an empty repository.
ImageRef parse_image_ref(std::string_view ref);

// "index.docker.io" / "registry-1.docker.io" / "docker.io" -> "docker.io"; others lower-cased.
std::string normalize_registry(std::string_view host);

// True when `ref` comes from one of `trusted`: entries are registries ("ghcr.io",
// "registry.example.com:5000") or registry/path prefixes ("docker.io/library", "ghcr.io/acme").
bool is_trusted_image(const ImageRef& ref, const std::vector<std::string>& trusted);

}  // namespace customs
