// One pass over a layer's entries: whiteout markers become kWhiteout/kOpaqueWhiteout entries,
// regular files go to the analyzers that want them, and every entry is kept in archive order.
#include "sources/image/layer_scan.h"

#include <algorithm>
#include <optional>
#include <string_view>

namespace customs {
namespace {

constexpr std::string_view kWhiteoutPrefix = ".wh.";
constexpr std::string_view kMetaPrefix = ".wh..wh.";  // aufs metadata (".wh..wh.plnk", ...)
constexpr std::string_view kOpaqueMarker = ".wh..wh..opq";

enum class Marker { kNone, kWhiteout, kSkip };

Diagnostic entry_note(DiagLevel level, std::string code, const std::string& what, const std::string& path,
                      const std::string& problem) {
  Location where;
  where.path = path;
  return Diagnostic{level, std::move(code), what + ": entry " + quote_entry_name(path) + ": " + problem,
                    std::move(where)};
}

// Rewrites a whiteout marker into what it deletes: ".wh..wh..opq" in D -> {D, kOpaqueWhiteout},
// ".wh.NAME" in D -> {D/NAME, kWhiteout}. Other aufs metadata (".wh..wh.*" names and the top-level
// ".wh..wh.*" directories) is skipped, as containerd does; a marker naming nothing is a diagnostic.
Marker rewrite_whiteout(FsEntry& e, const std::string& what, std::vector<Diagnostic>& diags) {
  if (std::string_view(e.path).starts_with(kMetaPrefix) && e.path != kOpaqueMarker) return Marker::kSkip;
  size_t slash = e.path.rfind('/');
  size_t base_at = slash == std::string::npos ? 0 : slash + 1;
  std::string_view base = std::string_view(e.path).substr(base_at);
  if (!base.starts_with(kWhiteoutPrefix)) return Marker::kNone;
  if (base == kOpaqueMarker) {
    e.path.resize(base_at == 0 ? 0 : slash);
    e.type = EntryType::kOpaqueWhiteout;
  } else if (base.starts_with(kMetaPrefix)) {
    return Marker::kSkip;
  } else {
    std::string_view name = base.substr(kWhiteoutPrefix.size());
    if (name.empty() || name == "." || name == "..") {
      diags.push_back(entry_note(DiagLevel::kWarning, "layer.bad-whiteout", what, e.path,
                                 "whiteout marker names no file; ignored"));
      return Marker::kSkip;
    }
    e.path.erase(base_at, kWhiteoutPrefix.size());
    e.type = EntryType::kWhiteout;
  }
  e.size = 0;
  e.link_target.clear();
  return Marker::kWhiteout;
}

// Feeds one regular file to the analyzers that want it: one read of the largest prefix any of
// them asked for, then each gets its own prefix and truncation flag.
class ContentFeeder {
 public:
  ContentFeeder(const std::vector<const FileAnalyzer*>& analyzers, const LayerScanLimits& limits)
      : analyzers_(analyzers), limits_(limits), wants_(analyzers.size(), 0) {}

  Status feed(EntryReader& reader, const FsEntry& e, std::vector<AnalyzerRecord>& out) {
    uint64_t max_want = 0;
    for (size_t i = 0; i < analyzers_.size(); ++i) {
      wants_[i] = analyzers_[i]->wants(e);
      max_want = std::max(max_want, wants_[i]);
    }
    if (max_want == 0) return ok_status();
    bool more = false;
    auto content = read_entry_content(reader, std::min(max_want, limits_.max_content_per_file), &more);
    if (!content.ok()) return content.error();
    std::string_view bytes = *content;
    for (size_t i = 0; i < analyzers_.size(); ++i) {
      if (wants_[i] == 0) continue;
      bool truncated = bytes.size() > wants_[i] || more;
      analyzers_[i]->analyze(e, bytes.substr(0, std::min<uint64_t>(wants_[i], bytes.size())), truncated, out);
    }
    return ok_status();
  }

 private:
  const std::vector<const FileAnalyzer*>& analyzers_;
  const LayerScanLimits& limits_;
  std::vector<uint64_t> wants_;  // per analyzer, for the current file (reused)
};

// An error from next(): a bad entry name is not sticky (the reader goes on with the next entry),
// archive and stream errors are. Returns true when the scan can go on.
bool recoverable(const Error& e, const std::optional<Error>& previous) {
  if (e.kind != ErrorKind::kInvalidInput) return false;
  return !previous || previous->message != e.message;
}

}  // namespace

Result<LayerResult> scan_layer(EntryReader& reader, const std::vector<const FileAnalyzer*>& analyzers,
                               const std::string& what, const LayerScanLimits& limits) {
  LayerResult result;
  result.entries.reserve(256);
  ContentFeeder feeder(analyzers, limits);
  std::optional<Error> last_error;  // the previous next() error, to tell a sticky one
  uint64_t seen = 0;
  for (;;) {
    auto next = reader.next();
    if (next.ok() && !next->has_value()) break;
    if (++seen > limits.max_entries)
      return make_error(ErrorKind::kLimit,
                        what + ": more than " + std::to_string(limits.max_entries) + " entries");
    if (!next.ok()) {
      if (!recoverable(next.error(), last_error)) return next.error();
      last_error = next.error();
      result.diagnostics.push_back(
          Diagnostic{DiagLevel::kError, "layer.bad-entry", next.error().message, {}});
      continue;
    }
    last_error.reset();
    FsEntry& e = **next;
    Marker marker = rewrite_whiteout(e, what, result.diagnostics);
    if (marker == Marker::kSkip) continue;
    if (marker == Marker::kNone && e.type == EntryType::kFile && !analyzers.empty()) {
      Status fed = feeder.feed(reader, e, result.records);
      if (!fed.ok()) return fed.error();
    }
    result.entries.push_back(std::move(e));
  }
  return result;
}

std::string analyzers_key(const std::vector<const FileAnalyzer*>& analyzers) {
  std::vector<std::string> parts;
  parts.reserve(analyzers.size());
  for (const FileAnalyzer* a : analyzers)
    parts.push_back(std::string(a->name()) + "@" + std::to_string(a->version()));
  std::sort(parts.begin(), parts.end());
  std::string key;
  for (const auto& p : parts) key += (key.empty() ? "" : ",") + p;
  return key;
}

}  // namespace customs
