#pragma once
// The options every command that reads images takes (customs image, customs sbom): where the
// image is, registry access, the layer cache, and bounds; and the ImageScanRequest they make.
#include <cstdint>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/image_scan.h"

namespace CLI {
class App;
}

namespace customs {

struct ImageSourceOptions {
  std::string target;
  std::string image_name;
  std::string platform;
  bool rootfs = false;
  bool insecure = false;
  std::string username;
  std::string password;
  int timeout = 60;
  int retries = 3;
  bool no_cache = false;
  std::string cache_dir;
  uint64_t cache_max_mb = 2048;
  unsigned workers = 0;
  uint64_t max_expansion_ratio = DecompressLimits{}.max_ratio;
};

void add_image_source_options(CLI::App& cli, ImageSourceOptions& o);
// The help lines of those options (after the common ones).
std::string image_source_options_help();

// A private folder for registry blobs while they are scanned; removed when the scan ends.
class TempDir {
 public:
  explicit TempDir(const AppEnv& env);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The request for `target` (already resolved); `temp` holds registry blobs.
ImageScanRequest make_image_request(const ImageSourceOptions& o, const ImageTarget& target,
                                    const TempDir& temp, const AppEnv& env);

// Exit code for a failed scan: 2 for usage errors, 3 for everything else.
int exit_for_error(const Error& e);

}  // namespace customs
