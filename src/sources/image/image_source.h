#pragma once
// ImageSource: an opened image, whatever it came from. meta() is complete after opening (the
// manifest and config are read and verified); layer blobs are opened on demand, from several
// threads at once, each as a stream verified against its blob digest and size.
#include <memory>
#include <string>

#include "core/result.h"
#include "io/fs.h"
#include "io/stream.h"
#include "model/image.h"
#include "sources/image/target.h"

namespace customs {

class ImageSource {
 public:
  virtual ~ImageSource() = default;
  virtual const ImageMeta& meta() const = 0;
  // The stored bytes of layer `index` (compressed as stored), verified while read.
  virtual Result<std::unique_ptr<InputStream>> open_layer_blob(size_t index) const = 0;
};

struct OpenOptions {
  std::string image_name;                 // docker-archive: which image (repo:tag) when it holds several
  std::string platform;                   // "os/arch[/variant]"; "" = linux/amd64
  uint64_t max_metadata_bytes = 8 << 20;  // manifests, indexes, configs
};

// Local inputs: docker-archive, OCI layout, oci-archive. Errors name the file and member.
Result<std::unique_ptr<ImageSource>> open_docker_archive(const FsView& fs, const ImageTarget& target,
                                                         const OpenOptions& options);
Result<std::unique_ptr<ImageSource>> open_oci_layout(const FsView& fs, const ImageTarget& target,
                                                     const OpenOptions& options);
Result<std::unique_ptr<ImageSource>> open_oci_archive(const FsView& fs, const ImageTarget& target,
                                                      const OpenOptions& options);

// Fills LayerRef::created_by/history_created and checks that the config's diff_ids match the
// manifest's layer count (kInvalidInput naming `what` when not).
Status attach_history(ImageMeta& meta, const std::string& what);

}  // namespace customs
