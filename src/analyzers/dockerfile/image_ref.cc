#include "analyzers/dockerfile/image_ref.h"

#include "core/strings.h"

namespace customs {

namespace {

// Docker's rule: the first path component is a registry when it has a '.' or a ':' or is
// "localhost"; otherwise the whole reference is a Docker Hub path.
bool looks_like_registry(std::string_view component) {
  return component.find('.') != std::string_view::npos || component.find(':') != std::string_view::npos ||
         component == "localhost";
}

}  // namespace

std::string normalize_registry(std::string_view host) {
  std::string h = to_lower(host);
  if (h == "index.docker.io" || h == "registry-1.docker.io" || h == "registry.hub.docker.com")
    return "docker.io";
  return h;
}

ImageRef parse_image_ref(std::string_view ref) {
  ImageRef out;
  size_t at = ref.find('@');
  if (at != std::string_view::npos) {
    out.digest = std::string(ref.substr(at + 1));
    ref = ref.substr(0, at);
  }
  size_t last_slash = ref.rfind('/');
  size_t colon = ref.rfind(':');
  if (colon != std::string_view::npos && (last_slash == std::string_view::npos || colon > last_slash)) {
    out.tag = std::string(ref.substr(colon + 1));
    ref = ref.substr(0, colon);
  }
  size_t slash = ref.find('/');
  if (slash != std::string_view::npos && looks_like_registry(ref.substr(0, slash))) {
    out.registry = normalize_registry(ref.substr(0, slash));
    out.repository = std::string(ref.substr(slash + 1));
    out.explicit_registry = true;
  } else {
    out.registry = "docker.io";
    out.repository = std::string(ref);
  }
  if (out.registry == "docker.io" && !out.repository.empty() && out.repository.find('/') == std::string::npos)
    out.repository = "library/" + out.repository;
  return out;
}

bool is_trusted_image(const ImageRef& ref, const std::vector<std::string>& trusted) {
  for (const auto& entry : trusted) {
    std::string_view e = trim(entry);
    while (!e.empty() && e.back() == '/') e.remove_suffix(1);
    if (e.empty()) continue;
    size_t slash = e.find('/');
    std::string host = normalize_registry(e.substr(0, slash));
    if (host != ref.registry) continue;
    if (slash == std::string_view::npos) return true;
    std::string_view path = e.substr(slash + 1);
    if (ref.repository == path) return true;
    if (ref.repository.size() > path.size() && ref.repository.compare(0, path.size(), path) == 0 &&
        ref.repository[path.size()] == '/')
      return true;
  }
  return false;
}

}  // namespace customs
