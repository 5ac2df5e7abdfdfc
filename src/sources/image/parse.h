#pragma once
// Parsers for image metadata JSON: bytes in, structs out. Every error is kInvalidInput and names
// `what` (the blob or file) and the JSON path that is wrong ("manifest.json: [0].Layers: not an
// array"). Unknown fields are ignored, as the specs require.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/image.h"

namespace customs {

// Media types.
inline constexpr std::string_view kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view kDockerManifestList =
    "application/vnd.docker.distribution.manifest.list.v2+json";
inline constexpr std::string_view kDockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view kDockerConfig = "application/vnd.docker.container.image.v1+json";

// What a manifest-or-index blob is, from its mediaType field or, when absent (umoci), its shape
// ("manifests" => index, "layers"/"config" => manifest).
enum class ManifestKind { kManifest, kIndex, kUnknown };
ManifestKind manifest_kind(std::string_view media_type, std::string_view bytes);

Result<ImageManifest> parse_manifest(std::string_view bytes, const std::string& what);
Result<ImageIndex> parse_index(std::string_view bytes, const std::string& what);
Result<ImageConfig> parse_image_config(std::string_view bytes, const std::string& what);

// One entry of a docker-archive's manifest.json.
struct DockerArchiveImage {
  std::string config;  // member path of the config blob
  std::vector<std::string> repo_tags;
  std::vector<std::string> layers;  // member paths, bottom first
};
Result<std::vector<DockerArchiveImage>> parse_docker_archive_manifest(std::string_view bytes,
                                                                      const std::string& what);

// Chooses a manifest from an index. `wanted` is "os/arch[/variant]" or "" for the host's
// (linux/amd64 here). Entries that are attestations (platform unknown/unknown) are skipped. An
// index with one image and no platform is taken as is. Errors list the platforms available.
Result<Descriptor> select_platform(const ImageIndex& index, std::string_view wanted, const std::string& what);
// Parses "os/arch[/variant]".
Result<Platform> parse_platform(std::string_view text);

}  // namespace customs
