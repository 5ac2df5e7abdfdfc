// open_registry_image: the ImageSource over a registry. Metadata is fetched and verified when
// opening; each layer blob is spooled to an unlinked temporary file while hashed, then read back.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "sources/image/parse.h"
#include "sources/registry/client.h"
#include "sources/registry/registry.h"

namespace customs {

namespace {

using registry::BlobVerifier;
using registry::FetchedManifest;
using registry::RegistryClient;

constexpr int kMaxIndexDepth = 2;  // an index may name an index once (rare, but legal)

// A temporary file that is already unlinked: it disappears when the last reader closes it.
class SpoolFile : public RandomAccessFile {
 public:
  explicit SpoolFile(int fd) : fd_(fd) {}
  ~SpoolFile() override { ::close(fd_); }
  uint64_t size() const override { return size_; }
  void set_size(uint64_t n) { size_ = n; }
  int fd() const { return fd_; }
  Result<size_t> read_at(uint64_t offset, char* buf, size_t n) const override {
    size_t done = 0;
    while (done < n && offset + done < size_) {
      ssize_t k = ::pread(fd_, buf + done, n - done, static_cast<off_t>(offset + done));
      if (k < 0 && errno == EINTR) continue;
      if (k < 0)
        return make_error(ErrorKind::kIo, std::string("reading a spooled blob: ") + std::strerror(errno));
      if (k == 0) break;
      done += static_cast<size_t>(k);
    }
    return done;
  }

 private:
  int fd_;
  uint64_t size_ = 0;
};

Result<std::shared_ptr<SpoolFile>> make_spool_file(const std::string& dir, const std::string& what) {
  std::string base = dir.empty() ? (std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") : dir;
  std::string pattern = base + "/customs-blob-XXXXXX";
  int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0)
    return make_error(ErrorKind::kIo,
                      what + ": cannot create a temporary file in " + base + ": " + std::strerror(errno));
  ::unlink(pattern.c_str());
  return std::make_shared<SpoolFile>(fd);
}

Status write_all(int fd, uint64_t offset, std::string_view chunk, const std::string& what) {
  while (!chunk.empty()) {
    ssize_t k = ::pwrite(fd, chunk.data(), chunk.size(), static_cast<off_t>(offset));
    if (k < 0 && errno == EINTR) continue;
    if (k < 0)
      return make_error(ErrorKind::kIo, what + ": writing the temporary file: " + std::strerror(errno));
    chunk.remove_prefix(static_cast<size_t>(k));
    offset += static_cast<uint64_t>(k);
  }
  return ok_status();
}

class RegistrySource : public ImageSource {
 public:
  RegistrySource(std::shared_ptr<RegistryClient> client, ImageMeta meta, std::string temp_dir)
      : client_(std::move(client)), meta_(std::move(meta)), temp_dir_(std::move(temp_dir)) {}

  const ImageMeta& meta() const override { return meta_; }

  Result<std::unique_ptr<InputStream>> open_layer_blob(size_t index) const override {
    if (index >= meta_.layers.size())
      return make_error(ErrorKind::kInternal, meta_.reference + ": no layer " + std::to_string(index));
    const LayerRef& layer = meta_.layers[index];
    std::string what = meta_.reference + ": layer " + std::to_string(index) + " (" + layer.blob_digest + ")";
    if (layer.blob_size < 0)
      return make_error(ErrorKind::kInvalidInput, what + ": the manifest gives no size");
    auto file = make_spool_file(temp_dir_, what);
    if (!file.ok()) return file.error();
    SpoolFile& f = **file;
    uint64_t written = 0;
    BlobVerifier verifier(layer.blob_digest, layer.blob_size, what);
    Status s = client_->fetch_blob(
        layer.blob_digest, verifier,
        [&](std::string_view chunk) -> Status {
          Status w = write_all(f.fd(), written, chunk, what);
          written += chunk.size();
          return w;
        },
        [&]() -> Status {
          written = 0;
          if (::ftruncate(f.fd(), 0) != 0)
            return make_error(ErrorKind::kIo,
                              what + ": truncating the temporary file: " + std::strerror(errno));
          return ok_status();
        });
    if (!s.ok()) return s.error();
    f.set_size(written);
    return make_range_stream(*file, 0, written, what);
  }

 private:
  std::shared_ptr<RegistryClient> client_;
  ImageMeta meta_;
  std::string temp_dir_;
};

// Credentials from the flags, else from the first auth file that has some for the registry.
Result<RegistryCredentials> find_credentials(const FsView& fs, const RegistryOptions& options,
                                             const std::string& registry) {
  if (!options.credentials.username.empty() || !options.credentials.password.empty())
    return options.credentials;
  for (const auto& path : options.auth_files) {
    auto bytes = fs.read_file(path, 4 << 20);
    if (!bytes.ok()) {
      if (bytes.error().kind == ErrorKind::kNotFound) continue;
      return bytes.error();
    }
    auto creds = credentials_from_auth_file(*bytes, registry, path);
    if (!creds.ok()) return creds.error();
    if (!creds->username.empty() || !creds->password.empty()) return creds;
  }
  return RegistryCredentials{};
}

// The image manifest `ref` resolves to, through an index when there is one.
Result<FetchedManifest> resolve_manifest(const RegistryClient& client, const OpenOptions& options,
                                         ImageMeta& meta) {
  const RegistryRef& ref = client.ref();
  std::string reference = !ref.digest.empty() ? ref.digest : ref.tag.empty() ? "latest" : ref.tag;
  auto fetched = client.fetch_manifest(reference, ref.digest, options.max_metadata_bytes);
  for (int depth = 0; fetched.ok(); ++depth) {
    std::string what = "manifest " + fetched->digest + " of " + meta.reference;
    // A registry may label a manifest application/json: then its mediaType field or shape decides.
    ManifestKind kind = manifest_kind(fetched->media_type, fetched->bytes);
    if (kind == ManifestKind::kUnknown) kind = manifest_kind("", fetched->bytes);
    if (kind == ManifestKind::kManifest) return fetched;
    if (kind != ManifestKind::kIndex)
      return make_error(ErrorKind::kInvalidInput, what + ": not an image manifest or index (media type \"" +
                                                      fetched->media_type + "\")");
    if (depth >= kMaxIndexDepth) return make_error(ErrorKind::kLimit, what + ": indexes nested too deep");
    auto index = parse_index(fetched->bytes, what);
    if (!index.ok()) return index.error();
    auto chosen = select_platform(*index, options.platform, what);
    if (!chosen.ok()) return chosen.error();
    if (!is_valid_digest(chosen->digest))
      return make_error(ErrorKind::kInvalidInput, what + ": invalid digest \"" + chosen->digest + "\"");
    meta.index_annotations = chosen->annotations;
    meta.platform = chosen->platform;
    fetched = client.fetch_manifest(chosen->digest, chosen->digest, options.max_metadata_bytes);
  }
  return fetched.error();
}

Status fill_meta(const RegistryClient& client, const OpenOptions& options, ImageMeta& meta) {
  auto fetched = resolve_manifest(client, options, meta);
  if (!fetched.ok()) return fetched.error();
  std::string what = "manifest " + fetched->digest + " of " + meta.reference;
  auto manifest = parse_manifest(fetched->bytes, what);
  if (!manifest.ok()) return manifest.error();
  meta.manifest_digest = fetched->digest;
  meta.manifest = std::move(*manifest);
  for (const auto& [k, v] : meta.manifest.annotations) meta.index_annotations[k] = v;  // as OCI layouts do
  const Descriptor& cd = meta.manifest.config;
  if (!cd.media_type.empty() && cd.media_type != kOciConfig && cd.media_type != kDockerConfig)
    return make_error(ErrorKind::kInvalidInput,
                      what + ": not a container image (config mediaType '" + cd.media_type + "')");
  auto config_bytes =
      client.fetch_small_blob(cd, options.max_metadata_bytes, meta.reference + ": config " + cd.digest);
  if (!config_bytes.ok()) return config_bytes.error();
  auto config = parse_image_config(*config_bytes, "config " + cd.digest + " of " + meta.reference);
  if (!config.ok()) return config.error();
  meta.config_digest = cd.digest;
  meta.config_bytes = std::move(*config_bytes);
  meta.config = std::move(*config);
  if (!meta.platform && !meta.config.os.empty())
    meta.platform = Platform{meta.config.os, meta.config.architecture, meta.config.variant, ""};
  for (size_t i = 0; i < meta.manifest.layers.size(); ++i) {
    const Descriptor& d = meta.manifest.layers[i];
    if (!is_valid_digest(d.digest))
      return make_error(ErrorKind::kInvalidInput,
                        what + ": layer " + std::to_string(i) + ": invalid digest \"" + d.digest + "\"");
    LayerRef layer;
    layer.index = i;
    layer.blob_digest = d.digest;
    layer.blob_size = d.size;
    layer.media_type = d.media_type;
    if (i < meta.config.diff_ids.size()) layer.diff_id = meta.config.diff_ids[i];
    meta.layers.push_back(std::move(layer));
  }
  return attach_history(meta, what);
}

}  // namespace

Result<std::unique_ptr<ImageSource>> open_registry_image(const FsView& fs, const ImageTarget& target,
                                                         const OpenOptions& options,
                                                         const RegistryOptions& registry_options) {
  if (target.kind != TargetKind::kRegistry)
    return make_error(ErrorKind::kInternal, target.text + ": not a registry reference");
  auto creds = find_credentials(fs, registry_options, target.ref.registry);
  if (!creds.ok()) return creds.error();
  auto client = std::make_shared<RegistryClient>(target.ref, registry_options, std::move(*creds));
  ImageMeta meta;
  meta.reference = target.text.empty() ? target.ref.to_string() : target.text;
  meta.source_kind = "registry";
  meta.name = target.ref.to_string();
  if (!target.ref.tag.empty()) {
    RegistryRef tagged = target.ref;
    tagged.digest.clear();
    meta.repo_tags.push_back(tagged.to_string());
  }
  Status s = fill_meta(*client, options, meta);
  if (!s.ok()) return s.error();
  return std::unique_ptr<ImageSource>(
      std::make_unique<RegistrySource>(std::move(client), std::move(meta), registry_options.temp_dir));
}

}  // namespace customs
