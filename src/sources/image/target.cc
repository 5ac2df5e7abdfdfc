// TARGET -> what to open: a skopeo transport prefix, else what is on disk, else a registry
// reference normalised the way Docker does it.
#include "sources/image/target.h"

#include <algorithm>
#include <cctype>

#include "core/strings.h"
#include "io/decompress.h"
#include "io/tar_index.h"

namespace customs {

namespace {

constexpr std::string_view kDockerHub = "registry-1.docker.io";
constexpr size_t kMaxNameLength = 255;

Error usage(std::string_view text, const std::string& problem) {
  return make_error(ErrorKind::kUsage, "invalid image reference '" + std::string(text) + "': " + problem);
}

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// One path component: [a-z0-9]+ joined by "." "_" "__" or runs of "-".
bool valid_component(std::string_view c) {
  if (c.empty() || !is_lower_alnum(c.front()) || !is_lower_alnum(c.back())) return false;
  for (size_t i = 0; i < c.size();) {
    if (is_lower_alnum(c[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < c.size() && !is_lower_alnum(c[j])) ++j;
    std::string_view sep = c.substr(i, j - i);
    bool dashes = std::all_of(sep.begin(), sep.end(), [](char ch) { return ch == '-'; });
    if (sep != "." && sep != "_" && sep != "__" && !dashes) return false;
    i = j;
  }
  return true;
}

bool valid_tag(std::string_view t) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  if (t.empty() || t.size() > 128 || !word(t[0])) return false;
  return std::all_of(t.begin(), t.end(), [&](char c) { return word(c) || c == '.' || c == '-'; });
}

bool valid_host(std::string_view host) {
  size_t colon = host.rfind(':');
  std::string_view name = host.substr(0, colon),
                   port = colon == std::string_view::npos ? "" : host.substr(colon + 1);
  if (name.empty() || (colon != std::string_view::npos && port.empty())) return false;
  auto host_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; };
  return std::all_of(name.begin(), name.end(), host_char) &&
         std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Docker's rule: the first component names a registry when it has a '.' or ':', is "localhost",
// or has upper case letters (repositories cannot).
bool is_registry_host(std::string_view first) {
  if (first == "localhost" || first.find_first_of(".:") != std::string_view::npos) return true;
  return std::any_of(first.begin(), first.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

std::string RegistryRef::to_string() const {
  std::string out = (registry == kDockerHub ? std::string("docker.io") : registry) + "/" + repository;
  if (!tag.empty()) out += ":" + tag;
  if (!digest.empty()) out += "@" + digest;
  return out;
}

Result<RegistryRef> parse_registry_ref(std::string_view text) {
  RegistryRef ref;
  std::string_view name = text;
  if (size_t at = name.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(name.substr(at + 1));
    name = name.substr(0, at);
    if (!is_valid_digest(ref.digest)) return usage(text, "'" + ref.digest + "' is not a valid digest");
  }
  if (name.empty()) return usage(text, "no repository name");
  size_t slash = name.find('/');
  if (slash != std::string_view::npos && is_registry_host(name.substr(0, slash))) {
    ref.registry = std::string(name.substr(0, slash));
    name = name.substr(slash + 1);
    if (!valid_host(ref.registry)) return usage(text, "invalid registry host '" + ref.registry + "'");
  } else {
    ref.registry = "docker.io";
  }
  size_t colon = name.rfind(':');
  if (colon != std::string_view::npos) {
    ref.tag = std::string(name.substr(colon + 1));
    name = name.substr(0, colon);
    if (!valid_tag(ref.tag)) return usage(text, "invalid tag '" + ref.tag + "'");
  }
  if (name.empty() || name.size() > kMaxNameLength)
    return usage(text, "repository name is empty or too long");
  for (const std::string& c : split(name, '/')) {
    if (std::any_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
      return usage(text, "repository name must be lowercase");
    if (!valid_component(c)) return usage(text, "invalid repository name component '" + c + "'");
  }
  ref.repository = std::string(name);
  if (ref.registry == "docker.io" || ref.registry == "index.docker.io" || ref.registry == kDockerHub) {
    ref.registry = std::string(kDockerHub);
    if (ref.repository.find('/') == std::string::npos) ref.repository = "library/" + ref.repository;
  }
  if (ref.tag.empty() && ref.digest.empty()) ref.tag = "latest";
  return ref;
}

std::string_view to_string(TargetKind k) {
  switch (k) {
    case TargetKind::kDockerArchive: return "docker-archive";
    case TargetKind::kOciLayout: return "oci-layout";
    case TargetKind::kOciArchive: return "oci-archive";
    case TargetKind::kRegistry: return "registry";
    case TargetKind::kRootfs: return "rootfs";
  }
  return "unknown";
}

namespace {

struct Transport {
  std::string_view prefix;
  TargetKind kind;
  bool supported;
};
// Longer prefixes first: "oci-archive:" before "oci:".
constexpr Transport kTransports[] = {
    {"docker-archive:", TargetKind::kDockerArchive, true},
    {"oci-archive:", TargetKind::kOciArchive, true},
    {"oci:", TargetKind::kOciLayout, true},
    {"docker://", TargetKind::kRegistry, true},
    {"dir:", TargetKind::kRootfs, false},
    {"docker-daemon:", TargetKind::kRegistry, false},
    {"containers-storage:", TargetKind::kRegistry, false},
    {"ostree:", TargetKind::kRegistry, false},
    {"sif:", TargetKind::kRegistry, false},
};

// "PATH[:NAME]" after a file transport: split at the first ':'.
Result<ImageTarget> with_transport(const Transport& t, std::string_view rest, ImageTarget target) {
  if (!t.supported)
    return make_error(ErrorKind::kUsage, "the '" + std::string(t.prefix) +
                                             "' transport is not supported (use " +
                                             "docker-archive:, oci:, oci-archive: or docker://)");
  target.kind = t.kind;
  if (t.kind == TargetKind::kRegistry) {
    auto ref = parse_registry_ref(rest);
    if (!ref.ok()) return ref.error();
    target.ref = std::move(*ref);
    return target;
  }
  size_t colon = rest.find(':');
  target.path = std::string(rest.substr(0, colon));
  if (colon != std::string_view::npos) target.tag = std::string(rest.substr(colon + 1));
  if (target.path.empty()) return make_error(ErrorKind::kUsage, "'" + target.text + "': no path given");
  return target;
}

// A file: a docker-archive when it holds manifest.json (Docker 25+ archives also hold
// index.json, and read best as docker archives), an oci-archive when it holds index.json.
Result<TargetKind> archive_kind(const std::string& path, const FsView& fs) {
  auto file = fs.open(path);
  if (!file.ok()) return file.error();
  char magic[4] = {};
  auto got = (*file)->read_at(0, magic, sizeof magic);
  if (!got.ok()) return got.error();
  Compression c = detect_compression(std::string_view(magic, *got));
  if (c != Compression::kNone)
    return make_error(ErrorKind::kInvalidInput, path + ": a " + std::string(to_string(c)) +
                                                    "-compressed file; decompress the archive first");
  auto index = index_tar(*file, path);
  if (!index.ok())
    return make_error(ErrorKind::kInvalidInput,
                      path + ": not a docker-archive or oci-archive: " + index.error().to_string());
  if (index->members.count("manifest.json")) return TargetKind::kDockerArchive;
  if (index->members.count("index.json")) return TargetKind::kOciArchive;
  return make_error(ErrorKind::kInvalidInput,
                    path + ": a tar archive without manifest.json or index.json: not an image archive");
}

bool looks_like_path(std::string_view text) {
  return text.starts_with("/") || text.starts_with("./") || text.starts_with("../") ||
         text.starts_with("~") || text.ends_with(".tar") || text == "." || text == "..";
}

}  // namespace

Result<ImageTarget> resolve_target(std::string_view text, const FsView& fs, bool rootfs) {
  ImageTarget target;
  target.text = std::string(text);
  if (text.empty()) return make_error(ErrorKind::kUsage, "no image target given");
  if (rootfs) {
    if (!fs.is_directory(target.text))
      return make_error(ErrorKind::kUsage, "--rootfs needs a directory: '" + target.text + "' is not one");
    target.kind = TargetKind::kRootfs;
    target.path = target.text;
    return target;
  }
  for (const Transport& t : kTransports)
    if (text.starts_with(t.prefix)) return with_transport(t, text.substr(t.prefix.size()), std::move(target));
  target.path = target.text;
  if (fs.exists(target.path)) {
    if (fs.is_directory(target.path)) {
      bool oci =
          fs.exists(path_join(target.path, "index.json")) || fs.exists(path_join(target.path, "oci-layout"));
      target.kind = oci ? TargetKind::kOciLayout : TargetKind::kRootfs;
      return target;
    }
    auto kind = archive_kind(target.path, fs);
    if (!kind.ok()) return kind.error();
    target.kind = *kind;
    return target;
  }
  if (looks_like_path(text))
    return make_error(ErrorKind::kNotFound, target.text + ": no such file or directory");
  auto ref = parse_registry_ref(text);
  if (!ref.ok())
    return make_error(ErrorKind::kUsage,
                      "'" + target.text + "' is not a file or directory, and " + ref.error().message);
  target.path.clear();
  target.kind = TargetKind::kRegistry;
  target.ref = std::move(*ref);
  return target;
}

}  // namespace customs
