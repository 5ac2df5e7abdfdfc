#include "app/image_scan.h"

#include <exception>
#include <ostream>

#include "analyzers/image/check.h"
#include "analyzers/image/summary.h"
#include "analyzers/packages/inventory.h"
#include "analyzers/packages/package_analyzer.h"
#include "analyzers/secrets/image_secrets.h"
#include "app/parallel.h"
#include "app/progress.h"
#include "io/dir_reader.h"
#include "io/prefetch_stream.h"
#include "io/tar_reader.h"
#include "sources/image/layer_cache.h"

namespace customs {
namespace {

// Passes bytes through and counts them into the progress bar.
class CountingStream : public InputStream {
 public:
  CountingStream(std::unique_ptr<InputStream> inner, ProgressBar* progress)
      : inner_(std::move(inner)), progress_(progress) {}
  Result<size_t> read(char* buf, size_t n) override {
    auto r = inner_->read(buf, n);
    if (r.ok() && progress_ != nullptr) progress_->add_bytes(*r);
    return r;
  }

 private:
  std::unique_ptr<InputStream> inner_;
  ProgressBar* progress_;
};

std::string layer_name(const LayerRef& layer) {
  const std::string& digest = layer.blob_digest.empty() ? layer.diff_id : layer.blob_digest;
  return "layer " + std::to_string(layer.index) + (digest.empty() ? "" : " (" + digest + ")");
}

// Reads one layer blob: blob digest check -> decompression | diffID hash -> tar -> analyzers.
Result<LayerResult> read_layer(const ImageSource& source, const LayerRef& layer,
                               const std::vector<const FileAnalyzer*>& analyzers,
                               const ImageScanRequest& request, ProgressBar* progress) {
  std::string what = source.meta().reference + ": " + layer_name(layer);
  auto blob = source.open_layer_blob(layer.index);
  if (!blob.ok()) return blob.error();
  auto counted = std::make_unique<CountingStream>(std::move(*blob), progress);
  // The read-ahead thread reads, checks and decompresses the blob while this one hashes the tar
  // and runs the analyzers: two cores on one layer (the largest layer bounds the scan).
  auto plain =
      make_prefetching_stream(make_decompressing_stream(std::move(counted), what, request.decompress));
  auto hashed = std::make_unique<Sha256Stream>(std::move(plain));
  Sha256Stream* diff = hashed.get();
  auto reader = make_tar_reader(std::move(hashed), what);
  auto result = scan_layer(*reader, analyzers, what, request.layer_limits);
  if (!result.ok()) return result.error();
  result->index = layer.index;
  result->blob_digest = layer.blob_digest;
  result->blob_size = layer.blob_size > 0 ? static_cast<uint64_t>(layer.blob_size) : 0;
  result->diff_id = diff->digest();
  result->uncompressed_size = diff->bytes_read();
  if (!layer.diff_id.empty() && layer.diff_id != result->diff_id)
    return make_error(ErrorKind::kInvalidInput, what + ": diffID mismatch: the config says " + layer.diff_id +
                                                    " but the layer's content is " + result->diff_id);
  return result;
}

// Takes a layer from the cache, or reads it and stores it.
Result<LayerResult> cached_layer(const ImageSource& source, const LayerRef& layer, LayerCache* cache,
                                 const std::string& key, const std::vector<const FileAnalyzer*>& analyzers,
                                 const ImageScanRequest& request, ProgressBar* progress) {
  if (cache != nullptr && !layer.diff_id.empty()) {
    if (auto hit = cache->get(layer.diff_id, key)) {
      hit->index = layer.index;
      hit->blob_digest = layer.blob_digest;
      hit->blob_size = layer.blob_size > 0 ? static_cast<uint64_t>(layer.blob_size) : 0;
      hit->from_cache = true;
      if (progress) progress->add_bytes(hit->blob_size);
      return std::move(*hit);
    }
  }
  auto result = read_layer(source, layer, analyzers, request, progress);
  if (result.ok() && cache != nullptr) {
    Status put = cache->put(*result, key);
    if (!put.ok())
      result->diagnostics.push_back(Diagnostic{DiagLevel::kNote, "cache.write", put.error().message, {}});
  }
  return result;
}

Status read_all_layers(const ImageSource& source, const ImageScanRequest& request, FsView& fs,
                       const std::vector<const FileAnalyzer*>& analyzers, ProgressBar* progress,
                       std::vector<LayerResult>& out) {
  const ImageMeta& meta = source.meta();
  std::string key = analyzers_key(analyzers);
  std::unique_ptr<LayerCache> cache;
  if (request.use_cache && !request.cache_dir.empty())
    cache = std::make_unique<LayerCache>(fs, request.cache_dir, request.cache_max_bytes);
  std::vector<std::optional<Result<LayerResult>>> results(meta.layers.size());
  parallel_for(
      meta.layers.size(),
      [&](size_t i) {
        try {
          results[i] = cached_layer(source, meta.layers[i], cache.get(), key, analyzers, request, progress);
        } catch (const std::exception& e) {
          results[i] = Result<LayerResult>(
              make_error(ErrorKind::kInternal, std::string("internal error: ") + e.what()));
        }
        if (progress) progress->item_done();
      },
      request.workers);
  for (auto& r : results) {
    if (!r->ok()) return r->error();
    out.push_back(std::move(**r));
  }
  return ok_status();
}

Result<std::vector<LayerResult>> read_rootfs(FsView& fs, const ImageScanRequest& request,
                                             const std::vector<const FileAnalyzer*>& analyzers,
                                             ProgressBar* progress) {
  auto reader = make_dir_reader(fs, request.target.path);
  auto result = scan_layer(*reader, analyzers, request.target.path, request.layer_limits);
  if (!result.ok()) return result.error();
  for (auto& d : reader->take_diagnostics()) result->diagnostics.push_back(std::move(d));
  for (const auto& e : result->entries) result->uncompressed_size += e.size;
  if (progress) progress->item_done();
  std::vector<LayerResult> layers;
  layers.push_back(std::move(*result));
  return layers;
}

// The report summary; the distribution is the one the package inventory detected (os-release,
// else the release files of distroless, Alpine, Debian and Red Hat images).
ImageSummary summarize(const ImageContext& ctx, const std::vector<LayerResult>& layers, const OsInfo& os) {
  const ImageMeta& meta = ctx.meta;
  ImageSummary s;
  s.reference = meta.reference;
  s.source_kind = meta.source_kind;
  s.name = meta.name;
  s.manifest_digest = meta.manifest_digest;
  s.config_digest = meta.config_digest;
  s.os = os.pretty_name.empty() ? meta.config.os : os.pretty_name;
  s.os_id = os.id;
  s.os_version = os.version_id;
  if (!meta.config.os.empty())
    s.architecture = Platform{meta.config.os, meta.config.architecture, meta.config.variant, ""}.to_string();
  s.created = meta.config.created;
  s.user = meta.config.config.user;
  s.entrypoint = meta.config.config.entrypoint;
  s.cmd = meta.config.config.cmd;
  s.exposed_ports = meta.config.config.exposed_ports;
  BaseImageGuess base = guess_base_image(meta);
  s.base_image = base.name + (base.digest.empty() ? "" : "@" + base.digest);
  s.base_image_source = base.source;
  s.files = ctx.fs.size();
  for (const auto& l : layers) {
    ImageLayerSummary ls{l.index,
                         l.blob_digest,
                         l.diff_id,
                         l.blob_size,
                         l.uncompressed_size,
                         l.entries.size(),
                         l.index < meta.layers.size() ? meta.layers[l.index].created_by : "",
                         l.from_cache};
    s.size += ls.size;
    s.uncompressed_size += ls.uncompressed_size;
    s.layers.push_back(std::move(ls));
  }
  return s;
}

}  // namespace

std::vector<const FileAnalyzer*> image_analyzers(const FileAnalyzer* secrets) {
  std::vector<const FileAnalyzer*> analyzers = {&image_files_analyzer(), &package_analyzer()};
  if (secrets != nullptr) analyzers.push_back(secrets);
  return analyzers;
}

void print_entry_errors(const Diagnostics& diags, std::string_view command, std::ostream& err) {
  size_t shown = 0, errors = 0;
  for (const auto& d : diags.items()) {
    if (d.level != DiagLevel::kError) continue;
    if (++errors > 10) continue;
    std::string line = d.message.size() > 700 ? d.message.substr(0, 700) + "..." : d.message;
    err << "customs " << command << ": " << line << "\n";
    ++shown;
  }
  if (errors > shown)
    err << "customs " << command << ": " << errors - shown << " more errors in the report\n";
}

Result<std::unique_ptr<ImageSource>> open_image_source(FsView& fs, const ImageScanRequest& request) {
  switch (request.target.kind) {
    case TargetKind::kDockerArchive: return open_docker_archive(fs, request.target, request.open);
    case TargetKind::kOciLayout: return open_oci_layout(fs, request.target, request.open);
    case TargetKind::kOciArchive: return open_oci_archive(fs, request.target, request.open);
    case TargetKind::kRegistry:
      return open_registry_image(fs, request.target, request.open, request.registry);
    case TargetKind::kRootfs: break;
  }
  return make_error(ErrorKind::kInternal, "a root file system is not an image source");
}

namespace {

// Reads the layers (or the root file system) into `scan`, and the image's meta.
Status read_image(FsView& fs, const ImageScanRequest& request,
                  const std::vector<const FileAnalyzer*>& analyzers, ProgressBar* progress, ImageScan& scan) {
  if (request.target.kind == TargetKind::kRootfs) {
    if (progress) progress->set_totals(0, 1);
    auto layers = read_rootfs(fs, request, analyzers, progress);
    if (!layers.ok()) return layers.error();
    scan.layers = std::move(*layers);
    scan.meta.reference = request.target.text;
    scan.meta.name = request.target.text;
    scan.meta.source_kind = "rootfs";
  } else {
    auto source = open_image_source(fs, request);
    if (!source.ok()) return source.error();
    scan.meta = (*source)->meta();
    if (progress) {
      uint64_t total = 0;
      for (const auto& l : scan.meta.layers)
        total += l.blob_size > 0 ? static_cast<uint64_t>(l.blob_size) : 0;
      progress->set_totals(total, scan.meta.layers.size());
    }
    return read_all_layers(**source, request, fs, analyzers, progress, scan.layers);
  }
  return ok_status();
}

}  // namespace

Result<ImageScan> scan_image(FsView& fs, const ImageScanRequest& request, ProgressBar* progress) {
  ImageScan scan;
  bool rootfs = request.target.kind == TargetKind::kRootfs;
  std::optional<SecretFileAnalyzer> secrets;
  if (request.secrets != nullptr) secrets.emplace(*request.secrets);
  const FileAnalyzer* secrets_analyzer = secrets ? &*secrets : nullptr;
  std::vector<const FileAnalyzer*> analyzers = request.secrets_only && secrets_analyzer
                                                   ? std::vector<const FileAnalyzer*>{secrets_analyzer}
                                                   : image_analyzers(secrets_analyzer);
  Status read = read_image(fs, request, analyzers, progress, scan);
  if (!read.ok()) return read.error();
  std::vector<const LayerResult*> pointers;
  for (auto& l : scan.layers) {
    pointers.push_back(&l);
    for (auto& d : l.diagnostics) {
      Location where = d.where;
      if (where.file.empty()) where.file = request.target.text;
      if (!rootfs && where.layer_index < 0) {
        where.layer_index = static_cast<int>(l.index);
        where.layer_digest = l.blob_digest.empty() ? l.diff_id : l.blob_digest;
      }
      scan.diagnostics.add(d.level, d.code, d.message, where);
    }
  }
  scan.view = std::make_unique<LayeredView>(pointers);
  Policy default_policy;
  ImageContext ctx{
      scan.meta,           scan.layers, *scan.view, request.policy ? *request.policy : default_policy,
      request.target.text, request.now, rootfs};
  FindingSink sink(request.policy);
  if (!request.secrets_only) run_image_checks(ctx, sink);
  if (secrets) report_image_secrets(ctx, *secrets, sink, scan.diagnostics);
  scan.findings = sink.take();
  if (secrets) mask_config_secrets(*request.secrets, scan.meta, scan.findings);
  if (!request.secrets_only)
    scan.inventory =
        build_inventory(InventorySource{scan.meta, scan.layers, *scan.view, rootfs}, scan.diagnostics);
  scan.summary = summarize(ctx, scan.layers, scan.inventory.os.value_or(OsInfo{}));
  for (const auto& [type, count] : count_by_type(scan.inventory.packages))
    scan.summary.package_counts.emplace_back(std::string(purl_type(type)), count);
  return scan;
}

}  // namespace customs
