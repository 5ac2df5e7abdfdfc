#pragma once
// Image fixtures written by the tests themselves, from layer tars made with tar_builder.h:
//   TestImage      layers (none/gzip/zstd), config fields, history, tags, manifest annotations
//   docker_archive_files / docker_archive   docker-archive in three writers' layouts, N images
//   OciLayout      OCI image layout files (images, nested indexes, platforms, tags), written into
//                  a MemoryFs or as an oci-archive's bytes
// Every file set is a plain map (name -> bytes) that a test may edit before writing it, to make
// broken inputs. Header-only, namespace customs::testing; needs nlohmann_json (customs_sources).
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "io/decompress.h"
#include "io/fs.h"
#include "tar_builder.h"

namespace customs::testing {

using Json = nlohmann::ordered_json;  // keeps key order, so fixture bytes are predictable

inline std::string hex_of(const std::string& digest) { return digest.substr(digest.find(':') + 1); }

struct TestLayer {
  std::string tar;  // the uncompressed layer tar
  Compression compression = Compression::kNone;

  std::string blob() const {
    if (compression == Compression::kGzip) return gzip_bytes(tar);
    if (compression == Compression::kZstd) return zstd_bytes(tar);
    return tar;
  }
  std::string diff_id() const { return sha256_digest(tar); }
  std::string digest() const { return sha256_digest(blob()); }
  std::string oci_media_type() const {
    std::string base = "application/vnd.oci.image.layer.v1.tar";
    if (compression == Compression::kGzip) return base + "+gzip";
    if (compression == Compression::kZstd) return base + "+zstd";
    return base;
  }
};

// One image: its layers, config and tags. The config's diff_ids and history follow the layers
// unless a test overrides them with config_top().
class TestImage {
 public:
  // Adds a layer; `created_by` becomes its history entry.
  TestImage& layer(std::string tar, Compression c = Compression::kNone, std::string created_by = "") {
    layers_.push_back(TestLayer{std::move(tar), c});
    history_.push_back(Json{{"created", "2024-01-02T03:04:05Z"}, {"created_by", created_by}});
    return *this;
  }
  // A history entry for an instruction that made no layer (ENV, CMD ...).
  TestImage& empty_history(std::string created_by) {
    history_.push_back(
        Json{{"created", "2024-01-02T03:04:05Z"}, {"created_by", created_by}, {"empty_layer", true}});
    return *this;
  }
  // A field of the container config ("User", "Env", "Healthcheck" ...).
  TestImage& config(const std::string& key, Json value) {
    container_[key] = std::move(value);
    return *this;
  }
  // A top-level config field ("created", "os", "architecture", "variant", "rootfs", "history" ...).
  TestImage& config_top(const std::string& key, Json value) {
    top_[key] = std::move(value);
    return *this;
  }
  // Replaces the config's bytes entirely (for broken configs).
  TestImage& raw_config(std::string bytes) {
    raw_config_ = std::move(bytes);
    return *this;
  }
  TestImage& tag(std::string repo_tag) {
    tags_.push_back(std::move(repo_tag));
    return *this;
  }
  TestImage& annotation(const std::string& key, const std::string& value) {
    annotations_[key] = value;
    return *this;
  }

  const std::vector<TestLayer>& layers() const { return layers_; }
  const std::vector<std::string>& tags() const { return tags_; }

  std::string config_json() const {
    if (raw_config_) return *raw_config_;
    Json j = {{"created", "2024-01-02T03:04:05Z"}, {"architecture", "amd64"}, {"os", "linux"}};
    j["config"] = container_.is_null() ? Json::object() : container_;
    Json diff_ids = Json::array();
    for (const auto& l : layers_) diff_ids.push_back(l.diff_id());
    j["rootfs"] = {{"type", "layers"}, {"diff_ids", diff_ids}};
    j["history"] = history_;
    for (const auto& [k, v] : top_.items()) j[k] = v;
    return j.dump();
  }
  std::string config_digest() const { return sha256_digest(config_json()); }

  // An OCI manifest (Docker schema 2 media types with `docker`; no mediaType at all, as umoci
  // writes, without `media_types`).
  std::string manifest_json(bool media_types = true, bool docker = false) const {
    Json j = {{"schemaVersion", 2}};
    if (media_types)
      j["mediaType"] = docker ? "application/vnd.docker.distribution.manifest.v2+json"
                              : "application/vnd.oci.image.manifest.v1+json";
    std::string config_type = docker ? "application/vnd.docker.container.image.v1+json"
                                     : "application/vnd.oci.image.config.v1+json";
    j["config"] = {{"mediaType", config_type}, {"digest", config_digest()}, {"size", config_json().size()}};
    Json layers = Json::array();
    for (const auto& l : layers_) {
      std::string type =
          docker ? (l.compression == Compression::kNone ? "application/vnd.docker.image.rootfs.diff.tar"
                                                        : "application/vnd.docker.image.rootfs.diff.tar.gzip")
                 : l.oci_media_type();
      layers.push_back(Json{{"mediaType", type}, {"digest", l.digest()}, {"size", l.blob().size()}});
    }
    j["layers"] = layers;
    if (!annotations_.empty()) j["annotations"] = annotations_;
    return j.dump();
  }

 private:
  std::vector<TestLayer> layers_;
  Json history_ = Json::array();
  Json container_;
  Json top_ = Json::object();
  Json annotations_ = Json::object();
  std::optional<std::string> raw_config_;
  std::vector<std::string> tags_;
};

// Files of an archive or layout: name -> bytes, plus symbolic links (name -> target).
struct FileSet {
  std::map<std::string, std::string> files;
  std::map<std::string, std::string> symlinks;

  std::string tar() const {
    TarBuilder t;
    for (const auto& [name, bytes] : files) t.file(name, bytes);
    for (const auto& [name, target] : symlinks) t.symlink(name, target);
    return t.finish();
  }
  void write_to(MemoryFs& fs, const std::string& dir) const {
    fs.add_dir(dir);
    for (const auto& [name, bytes] : files) fs.add_file(path_join(dir, name), bytes);
    for (const auto& [name, target] : symlinks) fs.add_symlink(path_join(dir, name), target);
  }
};

// docker-archive layouts: legacy `docker save` (<id>/layer.tar files, <hex>.json config,
// repositories), skopeo (<hex>.tar layers, <id>/layer.tar symlinks to them) and Docker 25+
// (blobs/sha256/<hex>, with index.json and oci-layout beside manifest.json).
enum class DockerArchiveStyle { kDockerSave, kSkopeo, kDocker25 };

inline FileSet docker_archive_files(const std::vector<TestImage>& images,
                                    DockerArchiveStyle style = DockerArchiveStyle::kSkopeo) {
  FileSet out;
  Json manifest = Json::array();
  Json repositories = Json::object();
  for (const TestImage& image : images) {
    bool blobs = style == DockerArchiveStyle::kDocker25;
    std::string config_name =
        blobs ? "blobs/sha256/" + hex_of(image.config_digest()) : hex_of(image.config_digest()) + ".json";
    out.files[config_name] = image.config_json();
    Json layers = Json::array();
    std::string parent;
    for (size_t i = 0; i < image.layers().size(); ++i) {
      const TestLayer& l = image.layers()[i];
      std::string id = hex_of(sha256_digest(parent + l.diff_id()));  // a v1 layer id
      parent = id;
      std::string name;
      if (style == DockerArchiveStyle::kDocker25) {
        name = "blobs/sha256/" + hex_of(l.digest());
        out.files[name] = l.blob();
      } else if (style == DockerArchiveStyle::kSkopeo) {
        name = hex_of(l.digest()) + ".tar";
        out.files[name] = l.blob();
        out.symlinks[id + "/layer.tar"] = "../" + name;
      } else {
        name = id + "/layer.tar";
        out.files[name] = l.blob();
        out.files[id + "/VERSION"] = "1.0";
        out.files[id + "/json"] = Json{{"id", id}}.dump();
      }
      layers.push_back(name);
    }
    Json tags = image.tags().empty() ? Json(nullptr) : Json(image.tags());
    manifest.push_back(Json{{"Config", config_name}, {"RepoTags", tags}, {"Layers", layers}});
    for (const std::string& t : image.tags()) {
      size_t colon = t.rfind(':');
      repositories[t.substr(0, colon)][t.substr(colon + 1)] = parent;
    }
  }
  out.files["manifest.json"] = manifest.dump();
  if (style == DockerArchiveStyle::kDockerSave) out.files["repositories"] = repositories.dump();
  if (style == DockerArchiveStyle::kDocker25) {
    out.files["oci-layout"] = R"({"imageLayoutVersion":"1.0.0"})";
    out.files["index.json"] = R"({"schemaVersion":2,"manifests":[]})";
  }
  return out;
}

inline std::string docker_archive(const std::vector<TestImage>& images,
                                  DockerArchiveStyle style = DockerArchiveStyle::kSkopeo) {
  return docker_archive_files(images, style).tar();
}

// Adds `platform` to a descriptor.
inline Json with_platform(Json descriptor, const std::string& os, const std::string& arch,
                          const std::string& variant = "") {
  Json p = {{"architecture", arch}, {"os", os}};
  if (!variant.empty()) p["variant"] = variant;
  descriptor["platform"] = p;
  return descriptor;
}

// An OCI image layout under construction: blobs by digest and the entries of index.json.
class OciLayout {
 public:
  // Stores a blob; returns its descriptor.
  Json add_blob(const std::string& bytes, const std::string& media_type) {
    std::string digest = sha256_digest(bytes);
    blobs_[digest] = bytes;
    Json d = Json::object();
    if (!media_type.empty()) d["mediaType"] = media_type;
    d["digest"] = digest;
    d["size"] = bytes.size();
    return d;
  }
  // Stores an image's layers, config and manifest; returns the manifest's descriptor. Without
  // `media_types` the manifest and its descriptor carry no mediaType (as umoci writes).
  Json add_image(const TestImage& image, bool media_types = true) {
    for (const auto& l : image.layers()) add_blob(l.blob(), l.oci_media_type());
    add_blob(image.config_json(), "application/vnd.oci.image.config.v1+json");
    return add_blob(image.manifest_json(media_types),
                    media_types ? "application/vnd.oci.image.manifest.v1+json" : "");
  }
  // Stores an image index listing `manifests`; returns its descriptor.
  Json add_index(const std::vector<Json>& manifests, bool media_type = true) {
    Json j = {{"schemaVersion", 2}};
    if (media_type) j["mediaType"] = "application/vnd.oci.image.index.v1+json";
    j["manifests"] = manifests;
    return add_blob(j.dump(), media_type ? "application/vnd.oci.image.index.v1+json" : "");
  }
  // Lists `descriptor` in index.json, tagged when `tag` is not empty.
  OciLayout& ref(Json descriptor, const std::string& tag = "") {
    if (!tag.empty()) descriptor["annotations"]["org.opencontainers.image.ref.name"] = tag;
    entries_.push_back(std::move(descriptor));
    return *this;
  }

  std::string index_json() const { return Json{{"schemaVersion", 2}, {"manifests", entries_}}.dump(); }
  FileSet files() const {
    FileSet out;
    out.files["oci-layout"] = R"({"imageLayoutVersion":"1.0.0"})";
    out.files["index.json"] = index_json();
    for (const auto& [digest, bytes] : blobs_) out.files["blobs/sha256/" + hex_of(digest)] = bytes;
    return out;
  }
  void write_to(MemoryFs& fs, const std::string& dir) const { files().write_to(fs, dir); }
  std::string archive() const { return files().tar(); }

 private:
  std::map<std::string, std::string> blobs_;
  Json entries_ = Json::array();
};

}  // namespace customs::testing
