#pragma once
// The per-layer result cache: LayerResults keyed by diffID and the analyzers' names and versions,
// stored under the user's cache directory with a size bound and least-recently-used eviction
// (a hit refreshes the entry's mtime). A damaged entry is a miss, never an error.
#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "io/fs.h"
#include "sources/image/layer_scan.h"

namespace customs {

// A versioned binary encoding of a LayerResult (lengths are checked on decode).
std::string encode_layer_result(const LayerResult& result);
Result<LayerResult> decode_layer_result(std::string_view bytes);

class LayerCache {
 public:
  // `dir` is created on first put. max_bytes bounds the total size of the entries.
  LayerCache(FsView& fs, std::string dir, uint64_t max_bytes);

  // The cached result of the layer with `diff_id` for `analyzers_key`, or nullopt.
  std::optional<LayerResult> get(const std::string& diff_id, const std::string& analyzers_key) const;
  // Stores a result (its diff_id must be set), then evicts the least recently used entries
  // until the total fits. Failures to write are returned for a note; the scan goes on.
  Status put(const LayerResult& result, const std::string& analyzers_key);

  const std::string& dir() const { return dir_; }

 private:
  std::string entry_path(const std::string& diff_id, const std::string& analyzers_key) const;
  FsView& fs_;
  std::string dir_;
  uint64_t max_bytes_;
};

}  // namespace customs
