// OCI image layouts: the walk from index.json to a verified manifest and config (shared with
// oci-archive through OciLayoutFiles), and the directory form of the files.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "core/strings.h"
#include "sources/image/local_image.h"
#include "sources/image/parse.h"

namespace customs {

namespace {

constexpr int kMaxNestedIndexes = 4;
constexpr uint64_t kMaxLayoutFile = 4096;
constexpr std::string_view kRefName = "org.opencontainers.image.ref.name";
constexpr std::string_view kContainerdName = "io.containerd.image.name";

Error invalid(const std::string& message) { return make_error(ErrorKind::kInvalidInput, message); }

std::string annotation(const Descriptor& d, std::string_view key) {
  auto it = d.annotations.find(std::string(key));
  return it == d.annotations.end() ? "" : it->second;
}

Status check_layout_file(const OciLayoutFiles& files, const std::string& where) {
  auto bytes = files.read("oci-layout", kMaxLayoutFile);
  if (!bytes.ok() && bytes.error().kind == ErrorKind::kNotFound)
    return invalid(where + ": no oci-layout file: not an OCI image layout");
  if (!bytes.ok()) return bytes.error();
  nlohmann::json j = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return invalid(where + ": oci-layout: not a JSON object");
  auto version = j.find("imageLayoutVersion");
  if (version == j.end() || !version->is_string())
    return invalid(where + ": oci-layout: imageLayoutVersion: missing or not a string");
  if (!version->get<std::string>().starts_with("1."))
    return invalid(where + ": oci-layout: imageLayoutVersion '" + version->get<std::string>() +
                   "' is not supported (1.x is)");
  return ok_status();
}

std::string tag_list(const ImageIndex& index) {
  std::vector<std::string> tags;
  for (const Descriptor& d : index.manifests) {
    std::string t = annotation(d, kRefName);
    if (!t.empty() && std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(t);
  }
  return tags.empty() ? "(none)" : join(tags, ", ");
}

// The entries of index.json that `tag` names ("" = all, when they are one image's platforms).
Result<ImageIndex> tagged_entries(const ImageIndex& index, const std::string& tag, const std::string& where) {
  if (index.manifests.empty()) return invalid(where + ": index.json lists no images");
  ImageIndex out;
  std::set<std::string> tags;
  for (const Descriptor& d : index.manifests) {
    std::string ref = annotation(d, kRefName);
    if (!ref.empty()) tags.insert(ref);
    if (tag.empty() || ref == tag || annotation(d, kContainerdName) == tag) out.manifests.push_back(d);
  }
  if (out.manifests.empty())
    return make_error(ErrorKind::kNotFound,
                      where + ": no image tagged '" + tag + "'; tags: " + tag_list(index));
  if (tag.empty() && tags.size() > 1)
    return make_error(
        ErrorKind::kUsage,
        where + ": holds " + std::to_string(tags.size()) +
            " images; name one as oci:DIR:TAG or oci-archive:FILE:TAG; tags: " + tag_list(index));
  return out;
}

struct Chosen {
  Descriptor manifest;  // the manifest's descriptor
  ImageManifest parsed;
  std::map<std::string, std::string> annotations;  // of the entries on the way, deeper ones winning
  std::optional<Platform> platform;
};

void take_entry(Chosen& c, const Descriptor& d) {
  for (const auto& [k, v] : d.annotations) c.annotations[k] = v;
  if (d.platform) c.platform = d.platform;
  c.manifest = d;
}

// From index.json's entries down through nested indexes to one manifest.
Result<Chosen> choose_manifest(const OciLayoutFiles& files, const ImageIndex& entries,
                               const OpenOptions& options, const std::string& where) {
  Chosen c;
  auto first = select_platform(entries, options.platform, where + ": index.json");
  if (!first.ok()) return first.error();
  take_entry(c, *first);
  for (int nested = 0;; ++nested) {
    std::string what = where + ": blob " + c.manifest.digest;
    auto bytes = read_verified_blob(files.open_blob, c.manifest, options.max_metadata_bytes, what);
    if (!bytes.ok()) return bytes.error();
    ManifestKind kind = manifest_kind(c.manifest.media_type, *bytes);
    if (kind == ManifestKind::kManifest) {
      auto m = parse_manifest(*bytes, what);
      if (!m.ok()) return m.error();
      c.parsed = std::move(*m);
      return c;
    }
    if (kind != ManifestKind::kIndex)
      return invalid(what + ": not an image manifest or index (mediaType '" + c.manifest.media_type + "')");
    if (nested >= kMaxNestedIndexes)
      return make_error(ErrorKind::kLimit,
                        what + ": indexes nest deeper than " + std::to_string(kMaxNestedIndexes) + " levels");
    auto index = parse_index(*bytes, what);
    if (!index.ok()) return index.error();
    auto next = select_platform(*index, options.platform, what);
    if (!next.ok()) return next.error();
    take_entry(c, *next);
  }
}

Result<StoredBlob> open_dir_blob(const FsView& fs, const std::string& dir, const std::string& digest) {
  std::string path = path_join(dir, blob_path(digest));
  if (!fs.exists(path)) return make_error(ErrorKind::kNotFound, dir + ": blob " + digest + " is missing");
  auto file = fs.open(path);
  if (!file.ok()) return file.error();
  uint64_t size = (*file)->size();
  return StoredBlob{make_range_stream(*file, 0, size, path), size};
}

bool is_image_config_type(std::string_view t) { return t.empty() || t == kOciConfig || t == kDockerConfig; }

}  // namespace

Result<ImageMeta> read_oci_image(const OciLayoutFiles& files, const ImageTarget& target,
                                 const OpenOptions& options, const std::string& where) {
  if (Status s = check_layout_file(files, where); !s.ok()) return s.error();
  auto index_bytes = files.read("index.json", options.max_metadata_bytes);
  if (!index_bytes.ok()) return index_bytes.error();
  auto index = parse_index(*index_bytes, where + ": index.json");
  if (!index.ok()) return index.error();
  auto entries = tagged_entries(*index, target.tag, where);
  if (!entries.ok()) return entries.error();
  auto chosen = choose_manifest(files, *entries, options, where);
  if (!chosen.ok()) return chosen.error();

  ImageMeta meta;
  meta.reference = target.text;
  meta.manifest = std::move(chosen->parsed);
  meta.manifest_digest = chosen->manifest.digest;
  meta.index_annotations = std::move(chosen->annotations);
  for (const auto& [k, v] : meta.manifest.annotations) meta.index_annotations[k] = v;
  auto name = meta.index_annotations.find(std::string(kContainerdName));
  meta.name = name != meta.index_annotations.end() ? name->second : target.text;

  const Descriptor& config = meta.manifest.config;
  std::string config_what = where + ": config " + config.digest;
  if (!is_image_config_type(config.media_type))
    return invalid(config_what + ": not a container image (config mediaType '" + config.media_type + "')");
  auto config_bytes = read_verified_blob(files.open_blob, config, options.max_metadata_bytes, config_what);
  if (!config_bytes.ok()) return config_bytes.error();
  auto parsed = parse_image_config(*config_bytes, config_what);
  if (!parsed.ok()) return parsed.error();
  meta.config_digest = config.digest;
  meta.config_bytes = std::move(*config_bytes);
  meta.config = std::move(*parsed);
  meta.platform = chosen->platform;
  if (!meta.platform && !meta.config.os.empty())
    meta.platform = Platform{meta.config.os, meta.config.architecture, meta.config.variant, ""};

  for (size_t i = 0; i < meta.manifest.layers.size(); ++i) {
    const Descriptor& d = meta.manifest.layers[i];
    meta.layers.push_back(LayerRef{i, d.digest, d.size, d.media_type, "", "", ""});
  }
  if (Status s = attach_history(meta, config_what); !s.ok()) return s.error();
  return meta;
}

Result<std::unique_ptr<ImageSource>> open_oci_layout(const FsView& fs, const ImageTarget& target,
                                                     const OpenOptions& options) {
  const std::string dir = target.path;
  if (!fs.is_directory(dir)) return make_error(ErrorKind::kNotFound, dir + ": not a directory");
  // The functions outlive this call: they hold the FsView by pointer (the caller keeps it alive
  // while the source is used) and the directory by value.
  const FsView* view = &fs;
  OciLayoutFiles files;
  files.read = [view, dir](const std::string& name, uint64_t max) -> Result<std::string> {
    std::string path = path_join(dir, name);
    if (!view->exists(path)) return make_error(ErrorKind::kNotFound, dir + ": no " + name);
    return view->read_file(path, max);
  };
  files.open_blob = [view, dir](const std::string& digest) { return open_dir_blob(*view, dir, digest); };
  auto meta = read_oci_image(files, target, options, dir);
  if (!meta.ok()) return meta.error();
  meta->source_kind = "oci-layout";
  std::vector<std::string> digests;
  for (const LayerRef& l : meta->layers) digests.push_back(l.blob_digest);
  LayerOpener layers = [view, dir, digests](size_t i) { return open_dir_blob(*view, dir, digests[i]); };
  return make_local_image_source(std::move(*meta), std::move(layers));
}

}  // namespace customs
