// What the local image sources share: verified blob reads, the ImageSource over local files, and
// pairing layers with their history.
#include "sources/image/image_source.h"

#include "sources/image/local_image.h"

namespace customs {

namespace {

class LocalImageSource : public ImageSource {
 public:
  LocalImageSource(ImageMeta meta, LayerOpener open) : meta_(std::move(meta)), open_(std::move(open)) {}

  const ImageMeta& meta() const override { return meta_; }

  Result<std::unique_ptr<InputStream>> open_layer_blob(size_t index) const override {
    if (index >= meta_.layers.size())
      return make_error(ErrorKind::kInternal, meta_.reference + ": no layer " + std::to_string(index) + " (" +
                                                  std::to_string(meta_.layers.size()) + " layers)");
    const LayerRef& layer = meta_.layers[index];
    std::string what = meta_.reference + ": layer " + std::to_string(index);
    if (!layer.blob_digest.empty()) what += " (" + layer.blob_digest + ")";
    auto blob = open_(index);
    if (!blob.ok()) return blob.error();
    if (layer.blob_size >= 0 && blob->size != static_cast<uint64_t>(layer.blob_size))
      return make_error(ErrorKind::kInvalidInput,
                        what + ": the manifest says " + std::to_string(layer.blob_size) +
                            " bytes but the stored blob has " + std::to_string(blob->size));
    if (layer.blob_digest.empty()) return std::move(blob->stream);
    return make_verifying_stream(std::move(blob->stream), layer.blob_digest, layer.blob_size, what);
  }

 private:
  ImageMeta meta_;
  LayerOpener open_;
};

std::string over_limit(const std::string& what, uint64_t size, uint64_t max) {
  return what + ": " + std::to_string(size) + " bytes, over the metadata limit of " + std::to_string(max);
}

}  // namespace

std::string blob_path(const std::string& digest) {
  size_t colon = digest.find(':');
  return "blobs/" + digest.substr(0, colon) + "/" + digest.substr(colon + 1);
}

Result<std::string> read_verified_blob(const BlobOpener& open, const Descriptor& d, uint64_t max_bytes,
                                       const std::string& what) {
  if (d.size >= 0 && static_cast<uint64_t>(d.size) > max_bytes)
    return make_error(ErrorKind::kLimit, over_limit(what, d.size, max_bytes));
  auto blob = open(d.digest);
  if (!blob.ok()) return blob.error();
  if (d.size >= 0 && blob->size != static_cast<uint64_t>(d.size))
    return make_error(ErrorKind::kInvalidInput, what + ": the descriptor says " + std::to_string(d.size) +
                                                    " bytes but the blob has " + std::to_string(blob->size));
  if (blob->size > max_bytes) return make_error(ErrorKind::kLimit, over_limit(what, blob->size, max_bytes));
  auto verified = make_verifying_stream(std::move(blob->stream), d.digest, d.size, what);
  auto bytes = read_all(*verified, max_bytes);
  if (!bytes.ok() && bytes.error().kind == ErrorKind::kLimit)
    return make_error(ErrorKind::kLimit, what + ": " + bytes.error().message);
  return bytes;
}

std::unique_ptr<ImageSource> make_local_image_source(ImageMeta meta, LayerOpener open) {
  return std::make_unique<LocalImageSource>(std::move(meta), std::move(open));
}

Status attach_history(ImageMeta& meta, const std::string& what) {
  const ImageConfig& config = meta.config;
  if (config.diff_ids.size() != meta.layers.size())
    return make_error(ErrorKind::kInvalidInput,
                      what + ": the config lists " + std::to_string(config.diff_ids.size()) +
                          " diff_ids but the image has " + std::to_string(meta.layers.size()) + " layers");
  std::vector<int> history = history_index_of_layers(config);
  for (size_t i = 0; i < meta.layers.size(); ++i) {
    LayerRef& layer = meta.layers[i];
    layer.index = i;
    layer.diff_id = config.diff_ids[i];
    if (history[i] < 0) continue;
    const HistoryEntry& h = config.history[static_cast<size_t>(history[i])];
    layer.created_by = h.created_by;
    layer.history_created = h.created;
  }
  return ok_status();
}

}  // namespace customs
