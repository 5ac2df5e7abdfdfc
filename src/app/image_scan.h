#pragma once
// Scanning one image: open it (archive, layout, registry or root file system), read every layer
// once — in parallel, each verified against its digests, or taken from the layer cache — merge
// the layers, run the image checks and describe the image. Either the whole image is read or the
// scan fails with an error naming the layer: never a partial report.
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"
#include "findings/finding.h"
#include "findings/policy.h"
#include "io/decompress.h"
#include "io/fs.h"
#include "model/inventory.h"
#include "report/report.h"
#include "sources/image/image_source.h"
#include "sources/image/layer_scan.h"
#include "sources/image/layered_view.h"
#include "sources/registry/registry.h"

namespace customs {

class ProgressBar;
class SecretScanner;

struct ImageScanRequest {
  ImageTarget target;
  OpenOptions open;
  RegistryOptions registry;
  const Policy* policy = nullptr;
  bool use_cache = true;
  std::string cache_dir;  // the layer cache ("" = no cache)
  uint64_t cache_max_bytes = uint64_t{2} << 30;
  unsigned workers = 0;  // 0 = one per core
  DecompressLimits decompress;
  LayerScanLimits layer_limits;
  int64_t now = 0;  // seconds since the epoch, for the age check
  // When set, every file of every layer and the image config are scanned for secrets (SE
  // findings). Must outlive the scan.
  const SecretScanner* secrets = nullptr;
  bool secrets_only = false;  // `customs secrets`: no image checks, no package inventory
};

struct ImageScan {
  ImageMeta meta;
  std::vector<LayerResult> layers;
  std::unique_ptr<LayeredView> view;
  std::vector<Finding> findings;
  Diagnostics diagnostics;  // per-entry problems and cache notes
  ImageSummary summary;
  Inventory inventory;  // the packages of the final file system (and removed ones)
};

// The FileAnalyzers every image scan runs (the cache key is made from them), plus `secrets` when
// given.
std::vector<const FileAnalyzer*> image_analyzers(const FileAnalyzer* secrets = nullptr);

// `progress` may be null.
Result<ImageScan> scan_image(FsView& fs, const ImageScanRequest& request, ProgressBar* progress);

// Errors in single entries (hostile names, links out of the root) do not stop the scan, but they
// make it exit 3: prints them on `err` as "customs COMMAND: message", at most 10, each cut to 700
// bytes.
void print_entry_errors(const Diagnostics& diags, std::string_view command, std::ostream& err);

// Opens the image source for a non-rootfs target.
Result<std::unique_ptr<ImageSource>> open_image_source(FsView& fs, const ImageScanRequest& request);

}  // namespace customs
