#pragma once
// Plain structs for container images: OCI / Docker manifests, indexes, the image config with its
// history, and what an opened image is. Parsers live in sources/image/.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace customs {

struct Platform {
  std::string os;            // "linux"
  std::string architecture;  // "amd64", "arm64" ...
  std::string variant;       // "v8" ... (may be empty)
  std::string os_version;
  // "linux/amd64" or "linux/arm64/v8".
  std::string to_string() const;
};

// An OCI content descriptor (also used for Docker schema 2 entries).
struct Descriptor {
  std::string media_type;
  std::string digest;  // "sha256:<hex>"
  int64_t size = -1;   // -1 when not given
  std::map<std::string, std::string> annotations;
  std::optional<Platform> platform;  // index entries
  std::vector<std::string> urls;
};

// An image manifest: OCI (application/vnd.oci.image.manifest.v1+json) or Docker schema 2
// (application/vnd.docker.distribution.manifest.v2+json).
struct ImageManifest {
  int schema_version = 2;
  std::string media_type;  // as given, or inferred ("" when absent: umoci writes none)
  std::string artifact_type;
  Descriptor config;
  std::vector<Descriptor> layers;
  std::optional<Descriptor> subject;
  std::map<std::string, std::string> annotations;
};

// An OCI image index or a Docker manifest list.
struct ImageIndex {
  int schema_version = 2;
  std::string media_type;
  std::vector<Descriptor> manifests;
  std::map<std::string, std::string> annotations;
};

struct HistoryEntry {
  std::string created;  // RFC 3339 as given
  std::string created_by;
  std::string author;
  std::string comment;
  bool empty_layer = false;
};

struct Healthcheck {
  std::vector<std::string> test;  // ["NONE"] disables a parent's healthcheck
  int64_t interval_ns = 0;
  int64_t timeout_ns = 0;
  int64_t start_period_ns = 0;
  int retries = 0;
};

// The "config" object inside an image config (what a container runs with).
struct ContainerConfig {
  std::string user;
  std::vector<std::string> env;  // "KEY=value"
  std::vector<std::string> entrypoint;
  std::vector<std::string> cmd;
  std::string working_dir;
  std::vector<std::string> exposed_ports;  // keys as given: "8080/tcp", "22" ...
  std::vector<std::string> volumes;        // keys
  std::map<std::string, std::string> labels;
  std::string stop_signal;
  std::vector<std::string> shell;
  std::vector<std::string> on_build;
  std::optional<Healthcheck> healthcheck;
};

// An image config (application/vnd.oci.image.config.v1+json or Docker's).
struct ImageConfig {
  std::string created;  // RFC 3339 as given ("" when absent)
  std::string author;
  std::string architecture;
  std::string os;
  std::string variant;
  ContainerConfig config;
  std::vector<std::string> diff_ids;  // rootfs.diff_ids
  std::vector<HistoryEntry> history;
};

// One layer of an opened image.
struct LayerRef {
  size_t index = 0;         // 0-based, bottom first
  std::string blob_digest;  // digest of the stored blob (compressed or not); "" when unknown
  int64_t blob_size = -1;
  std::string media_type;
  std::string diff_id;          // from the config: digest of the uncompressed tar
  std::string created_by;       // the history entry that made it ("" when history is short)
  std::string history_created;  // its time
};

// What was opened, before any layer is read.
struct ImageMeta {
  std::string reference;    // as the user gave it
  std::string source_kind;  // "docker-archive", "oci-layout", "oci-archive", "registry"
  std::string name;         // "repo:tag" when known, else the reference
  std::vector<std::string> repo_tags;
  std::string manifest_digest;  // "" when the input holds no manifest blob (docker-archive)
  std::string config_digest;
  std::string config_bytes;  // raw, as read and verified
  ImageConfig config;
  ImageManifest manifest;  // synthesised from manifest.json for a docker-archive
  std::map<std::string, std::string> index_annotations;  // of the index entry that was chosen
  std::optional<Platform> platform;                      // of the chosen manifest
  std::vector<LayerRef> layers;
};

// Pairs non-empty history entries with layers in order (OCI image spec): returns for each
// layer index the history entry index, or -1 when history runs out.
std::vector<int> history_index_of_layers(const ImageConfig& config);

}  // namespace customs
