#pragma once
// Inventory: every package of one target (image, root file system, directory or SBOM) with the
// distribution it runs on: what the SBOM writers render and what vulnerability matching reads.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/package.h"

namespace customs {

// The distribution, from os-release, alpine-release, debian_version, redhat-release and the like.
struct OsInfo {
  std::string id;           // os-release ID ("debian", "alpine", "rocky")
  std::string version_id;   // "12", "3.18.4", "9.2"
  std::string codename;     // VERSION_CODENAME ("bookworm") when known
  std::string pretty_name;  // PRETTY_NAME, else built from id and version
  std::string id_like;      // ID_LIKE ("rhel centos fedora")
  std::string source;       // the file it came from ("etc/os-release")
  int priority = 0;         // a higher one wins when several files tell (os-release > debian_version)
};

// One layer of an image, as the SBOM describes it.
struct InventoryLayer {
  size_t index = 0;
  std::string diff_id;
  std::string blob_digest;
  std::string created_by;
  bool in_base_image = false;
};

struct Inventory {
  // What was inventoried.
  std::string target;       // as the user gave it
  std::string target_kind;  // "image", "rootfs", "directory", "file", "sbom"
  std::string name;         // image repo:tag, directory name ...
  std::string manifest_digest;
  std::string config_digest;
  std::string architecture;  // "linux/amd64"
  std::string base_image;    // name of the base image when known
  std::optional<OsInfo> os;
  std::vector<InventoryLayer> layers;
  size_t base_layers = 0;  // the first base_layers layers are the base image's

  // Packages in the final file system, sorted by type, name, version, path. Unique `ref`s.
  std::vector<Package> packages;
  // Packages that some layer added and a later one removed: not in the image a container runs,
  // but still in its layers (kept for forensics, never in the SBOM's component list).
  std::vector<Package> removed;

  // Generation facts the writers need (set by the caller; fixed values make output reproducible).
  std::string tool_version;
  std::string timestamp;  // RFC 3339 UTC ("2026-11-23T10:00:00Z")
};

// Count of packages per ecosystem (purl type), for summaries.
std::map<PackageType, size_t> count_by_type(const std::vector<Package>& packages);

}  // namespace customs
