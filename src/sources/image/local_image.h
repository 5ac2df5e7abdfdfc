#pragma once
// Internal to sources/image: what the three local image sources (docker-archive, OCI layout,
// oci-archive) share. An OCI layout is read the same way whether its files sit in a directory or
// in an archive; only the two functions of OciLayoutFiles differ.
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "io/stream.h"
#include "model/image.h"
#include "sources/image/image_source.h"

namespace customs {

// A stored blob opened for reading: its bytes as a stream and their count.
struct StoredBlob {
  std::unique_ptr<InputStream> stream;
  uint64_t size = 0;
};

// Opens the blob named by a well-formed digest; kNotFound naming it when it is absent.
using BlobOpener = std::function<Result<StoredBlob>(const std::string& digest)>;

// Reads blob `d` whole and checks it: d.size against max_bytes (kLimit) and against the stored
// size, then the bytes against d.digest and d.size. Errors name `what`.
Result<std::string> read_verified_blob(const BlobOpener& open, const Descriptor& d, uint64_t max_bytes,
                                       const std::string& what);

// Opens the stored bytes of layer `index` of the image being built.
using LayerOpener = std::function<Result<StoredBlob>(size_t index)>;

// An ImageSource over local files. open_layer_blob checks the stored size against
// LayerRef::blob_size and verifies the stream against blob_digest when that is known.
std::unique_ptr<ImageSource> make_local_image_source(ImageMeta meta, LayerOpener open);

// The files of an OCI image layout.
struct OciLayoutFiles {
  // Reads a top-level file ("oci-layout", "index.json"); kNotFound when absent, kLimit over max.
  std::function<Result<std::string>(const std::string& name, uint64_t max_bytes)> read;
  BlobOpener open_blob;  // blobs/<alg>/<hex>
};

// Reads an OCI layout: oci-layout check, index.json, the entry tagged target.tag ("" = the only
// image), nested indexes (platform chosen by options.platform), the manifest and the config, all
// verified. meta.reference, source_kind and layers are filled; `where` names the layout in errors.
Result<ImageMeta> read_oci_image(const OciLayoutFiles& files, const ImageTarget& target,
                                 const OpenOptions& options, const std::string& where);

// "blobs/<alg>/<hex>" for a well-formed digest.
std::string blob_path(const std::string& digest);

}  // namespace customs
