// oci-archive: an OCI image layout inside an (uncompressed) tar, read in place through the
// archive's TarIndex with the same walk as a directory layout.
#include "io/tar_index.h"
#include "sources/image/local_image.h"

namespace customs {

namespace {

Result<StoredBlob> open_member_blob(const TarIndex& index, const std::string& digest) {
  std::string path = blob_path(digest);
  const TarMember* member = index.find(path);
  if (member == nullptr)
    return make_error(ErrorKind::kNotFound, index.what + ": blob " + digest + " is missing");
  auto stream = index.open(path);
  if (!stream.ok()) return stream.error();
  return StoredBlob{std::move(*stream), member->entry.size};
}

}  // namespace

Result<std::unique_ptr<ImageSource>> open_oci_archive(const FsView& fs, const ImageTarget& target,
                                                      const OpenOptions& options) {
  auto file = fs.open(target.path);
  if (!file.ok()) return file.error();
  auto indexed = index_tar(*file, target.path);
  if (!indexed.ok()) return indexed.error();
  auto index = std::make_shared<const TarIndex>(std::move(*indexed));
  OciLayoutFiles files;
  files.read = [index](const std::string& name, uint64_t max) -> Result<std::string> {
    if (index->find(name) == nullptr) return make_error(ErrorKind::kNotFound, index->what + ": no " + name);
    return index->read(name, max);
  };
  files.open_blob = [index](const std::string& digest) { return open_member_blob(*index, digest); };
  auto meta = read_oci_image(files, target, options, target.path);
  if (!meta.ok()) return meta.error();
  meta->source_kind = "oci-archive";
  std::vector<std::string> digests;
  for (const LayerRef& l : meta->layers) digests.push_back(l.blob_digest);
  LayerOpener layers = [index, digests](size_t i) { return open_member_blob(*index, digests[i]); };
  return make_local_image_source(std::move(*meta), std::move(layers));
}

}  // namespace customs
