#pragma once
// One streaming pass over one layer: every entry is recorded, whiteouts are recognised, and each
// regular file's content goes only to the FileAnalyzers that asked for it. The LayerResult is
// everything later stages need from the layer, so it is what the layer cache stores.
#include <cstdint>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"
#include "io/entry.h"

namespace customs {

// What an analyzer learned from one file. `kind` and `data` are the analyzer's own (data may
// hold captured bytes or an encoded record); records must be deterministic for the same input.
struct AnalyzerRecord {
  std::string analyzer;  // FileAnalyzer::name()
  std::string path;      // the file (FsEntry::path)
  std::string kind;
  std::string data;
};

// An analyzer of file contents. Must be thread-safe: layers are scanned in parallel.
class FileAnalyzer {
 public:
  virtual ~FileAnalyzer() = default;
  virtual std::string_view name() const = 0;
  // Bump when the records it produces change; part of the layer cache key.
  virtual int version() const = 0;
  // How many bytes of this regular file it wants (0 = not interested). Called for every regular
  // file, so it must be cheap (decide by path and size).
  virtual uint64_t wants(const FsEntry& entry) const = 0;
  // Appends records for one file. `content` holds the first wants() bytes at most; `truncated`
  // says there were more.
  virtual void analyze(const FsEntry& entry, std::string_view content, bool truncated,
                       std::vector<AnalyzerRecord>& out) const = 0;
};

struct LayerResult {
  size_t index = 0;
  std::string blob_digest;  // as stored (compressed) — "" for a root file system
  std::string diff_id;      // sha256 of the uncompressed tar, computed while reading
  uint64_t blob_size = 0;
  uint64_t uncompressed_size = 0;
  std::vector<FsEntry> entries;  // in archive order; whiteouts as kWhiteout/kOpaqueWhiteout
  std::vector<AnalyzerRecord> records;
  std::vector<Diagnostic> diagnostics;  // per-entry problems that did not stop the scan
  bool from_cache = false;
};

struct LayerScanLimits {
  uint64_t max_entries = 4'000'000;
  uint64_t max_content_per_file = 64 << 20;  // upper bound on any analyzer's wants()
};

// Reads every entry of `reader` (a layer tar or a directory walk). `what` names the layer in
// errors and diagnostics. Whiteout entries become kWhiteout/kOpaqueWhiteout with the path of
// what they delete. Reading errors (corrupt tar, digest mismatch at the end) fail the scan.
Result<LayerResult> scan_layer(EntryReader& reader, const std::vector<const FileAnalyzer*>& analyzers,
                               const std::string& what, const LayerScanLimits& limits = {});

// The cache key part for a set of analyzers: "name@version,..." sorted.
std::string analyzers_key(const std::vector<const FileAnalyzer*>& analyzers);

}  // namespace customs
