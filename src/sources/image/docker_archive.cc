// docker-archive: what `docker save` and `skopeo copy docker-archive:` write. manifest.json lists
// each image's config member and layer members; members are read in place through the archive's
// TarIndex. Three layouts are met: legacy docker save (<id>/layer.tar files, <hex>.json config),
// skopeo (<hex>.tar layers with <id>/layer.tar symlinks to them) and Docker 25+ (blobs/sha256/<hex>).
#include <algorithm>

#include "core/hash.h"
#include "core/strings.h"
#include "io/decompress.h"
#include "io/tar_index.h"
#include "sources/image/local_image.h"
#include "sources/image/parse.h"
#include "sources/image/target.h"

namespace customs {

namespace {

constexpr std::string_view kDockerLayerTar = "application/vnd.docker.image.rootfs.diff.tar";
constexpr std::string_view kDockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
constexpr std::string_view kOciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

bool is_hex64(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The digest a member's name states: "blobs/sha256/<hex>", "<hex>", "<hex>.json", "<hex>.tar";
// "" when the name is not a digest (legacy "<id>/layer.tar").
std::string digest_from_name(const std::string& path) {
  if (path.starts_with("blobs/sha256/")) {
    std::string hex = path.substr(13);
    return is_hex64(hex) ? "sha256:" + hex : "";
  }
  std::string base = path_basename(path);
  for (std::string_view ext : {".json", ".tar"})
    if (base.ends_with(ext)) base.resize(base.size() - ext.size());
  return is_hex64(base) ? "sha256:" + base : "";
}

// "alpine" and "docker.io/library/alpine:latest" name the same image.
std::string normalized_name(const std::string& name) {
  auto ref = parse_registry_ref(name);
  return ref.ok() ? ref->to_string() : name;
}

std::string image_list(const std::vector<DockerArchiveImage>& images) {
  std::vector<std::string> names;
  for (size_t i = 0; i < images.size(); ++i)
    names.push_back(images[i].repo_tags.empty() ? "@" + std::to_string(i) + " (untagged)"
                                                : join(images[i].repo_tags, " "));
  return join(names, ", ");
}

// Which image `name` picks: a repo tag (normalised), "@N" (skopeo's index form) or "" for the
// only one. Returns its index and the tag it matched ("" when none).
Result<std::pair<size_t, std::string>> choose_image(const std::vector<DockerArchiveImage>& images,
                                                    const std::string& name, const std::string& where) {
  if (name.empty()) {
    if (images.size() == 1)
      return std::pair<size_t, std::string>{0, images[0].repo_tags.empty() ? "" : images[0].repo_tags[0]};
    return make_error(ErrorKind::kUsage, where + ": holds " + std::to_string(images.size()) +
                                             " images; choose one with --image: " + image_list(images));
  }
  if (name.starts_with("@") && name.size() > 1 && name.size() < 10 &&
      std::all_of(name.begin() + 1, name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    size_t i = std::stoul(name.substr(1));
    if (i < images.size()) return std::pair<size_t, std::string>{i, ""};
  }
  std::string wanted = normalized_name(name);
  for (size_t i = 0; i < images.size(); ++i)
    for (const std::string& tag : images[i].repo_tags)
      if (tag == name || normalized_name(tag) == wanted) return std::pair<size_t, std::string>{i, tag};
  return make_error(ErrorKind::kNotFound,
                    where + ": no image named '" + name + "'; the archive holds: " + image_list(images));
}

struct ConfigBlob {
  std::string bytes;
  std::string digest;
};

// Reads the config member and checks it against the digest its name states.
Result<ConfigBlob> read_config(const TarIndex& index, const std::string& member, uint64_t max_bytes) {
  const TarMember* m = index.find(member);
  if (m == nullptr)
    return make_error(ErrorKind::kNotFound, index.what + ": config member '" + member + "' is missing");
  auto bytes = index.read(member, max_bytes);
  if (!bytes.ok()) return bytes.error();
  std::string digest = "sha256:" + sha256_hex(*bytes);
  std::string named = digest_from_name(m->entry.path);
  if (!named.empty() && named != digest)
    return make_error(ErrorKind::kInvalidInput, index.what + ": config " + member +
                                                    ": digest mismatch: the name says " + named +
                                                    " but the content is " + digest);
  return ConfigBlob{std::move(*bytes), digest};
}

std::string_view media_type_of(const TarIndex& index, const TarMember& m) {
  char magic[4] = {};
  auto got = index.file->read_at(m.data_offset, magic, std::min<uint64_t>(sizeof magic, m.entry.size));
  Compression c = got.ok() ? detect_compression(std::string_view(magic, *got)) : Compression::kNone;
  if (c == Compression::kGzip) return kDockerLayerGzip;
  if (c == Compression::kZstd) return kOciLayerZstd;
  return kDockerLayerTar;
}

// Layer i: the member (links followed), its size, its digest when the name states it, and a
// media type inferred from its first bytes.
Result<LayerRef> layer_ref(const TarIndex& index, const std::string& member, size_t i,
                           std::string& resolved) {
  const TarMember* m = index.find(member);
  std::string what = index.what + ": layer " + std::to_string(i) + " ('" + member + "')";
  if (m == nullptr) return make_error(ErrorKind::kNotFound, what + ": no such member");
  if (m->entry.type != EntryType::kFile)
    return make_error(ErrorKind::kInvalidInput,
                      what + ": a " + std::string(to_string(m->entry.type)) + ", not a regular file");
  resolved = m->entry.path;
  LayerRef l;
  l.index = i;
  l.blob_digest = digest_from_name(m->entry.path);
  l.blob_size = static_cast<int64_t>(m->entry.size);
  l.media_type = std::string(media_type_of(index, *m));
  return l;
}

ImageManifest synthesized_manifest(const ImageMeta& meta) {
  ImageManifest m;
  m.media_type = std::string(kDockerManifest);
  m.config = Descriptor{std::string(kDockerConfig),
                        meta.config_digest,
                        static_cast<int64_t>(meta.config_bytes.size()),
                        {},
                        std::nullopt,
                        {}};
  for (const LayerRef& l : meta.layers)
    m.layers.push_back(Descriptor{l.media_type, l.blob_digest, l.blob_size, {}, std::nullopt, {}});
  return m;
}

Result<ImageMeta> read_meta(const TarIndex& index, const ImageTarget& target, const OpenOptions& options,
                            std::vector<std::string>& members) {
  const std::string& where = target.path;
  if (index.find("manifest.json") == nullptr)
    return make_error(ErrorKind::kInvalidInput, where + ": no manifest.json: not a docker-archive");
  auto manifest_bytes = index.read("manifest.json", options.max_metadata_bytes);
  if (!manifest_bytes.ok()) return manifest_bytes.error();
  auto images = parse_docker_archive_manifest(*manifest_bytes, where + ": manifest.json");
  if (!images.ok()) return images.error();
  auto chosen = choose_image(*images, options.image_name.empty() ? target.tag : options.image_name, where);
  if (!chosen.ok()) return chosen.error();
  const DockerArchiveImage& image = (*images)[chosen->first];

  ImageMeta meta;
  meta.reference = target.text;
  meta.source_kind = "docker-archive";
  meta.repo_tags = image.repo_tags;
  meta.name = !chosen->second.empty() ? chosen->second : target.text;
  auto config = read_config(index, image.config, options.max_metadata_bytes);
  if (!config.ok()) return config.error();
  std::string config_what = where + ": config " + image.config;
  auto parsed = parse_image_config(config->bytes, config_what);
  if (!parsed.ok()) return parsed.error();
  meta.config_digest = config->digest;
  meta.config_bytes = std::move(config->bytes);
  meta.config = std::move(*parsed);
  if (!meta.config.os.empty())
    meta.platform = Platform{meta.config.os, meta.config.architecture, meta.config.variant, ""};
  for (size_t i = 0; i < image.layers.size(); ++i) {
    std::string resolved;
    auto layer = layer_ref(index, image.layers[i], i, resolved);
    if (!layer.ok()) return layer.error();
    meta.layers.push_back(std::move(*layer));
    members.push_back(std::move(resolved));
  }
  meta.manifest = synthesized_manifest(meta);
  if (Status s = attach_history(meta, config_what); !s.ok()) return s.error();
  return meta;
}

}  // namespace

Result<std::unique_ptr<ImageSource>> open_docker_archive(const FsView& fs, const ImageTarget& target,
                                                         const OpenOptions& options) {
  auto file = fs.open(target.path);
  if (!file.ok()) return file.error();
  auto indexed = index_tar(*file, target.path);
  if (!indexed.ok()) return indexed.error();
  auto index = std::make_shared<const TarIndex>(std::move(*indexed));
  std::vector<std::string> members;
  auto meta = read_meta(*index, target, options, members);
  if (!meta.ok()) return meta.error();
  LayerOpener layers = [index, members](size_t i) -> Result<StoredBlob> {
    const TarMember* m = index->find(members[i]);
    auto stream = index->open(members[i]);
    if (!stream.ok()) return stream.error();
    return StoredBlob{std::move(*stream), m->entry.size};
  };
  return make_local_image_source(std::move(*meta), std::move(layers));
}

}  // namespace customs
