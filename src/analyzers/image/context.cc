// ImageContext locations and captured bytes, the image-files analyzer that captures them, and the
// small helpers the image check files share.
#include <algorithm>
#include <array>

#include "analyzers/image/image_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

constexpr uint64_t kMaxCaptured = 1 << 20;

// Exact paths the checks and the summary read.
constexpr std::array<std::string_view, 5> kCapturedPaths{"etc/passwd", "etc/shadow", "etc/group",
                                                         "etc/os-release", "usr/lib/os-release"};

class ImageFilesAnalyzer final : public FileAnalyzer {
 public:
  std::string_view name() const override { return kImageFilesAnalyzer; }
  int version() const override { return 2; }  // 2: also *.pem and *.key
  uint64_t wants(const FsEntry& entry) const override {
    if (entry.type != EntryType::kFile || entry.size > kMaxCaptured) return 0;
    bool listed = std::find(kCapturedPaths.begin(), kCapturedPaths.end(), entry.path) != kCapturedPaths.end();
    if (!listed && !content_decides(entry.path)) return 0;
    return std::max<uint64_t>(entry.size, 1);  // 0 would mean "not interested" for an empty file
  }
  void analyze(const FsEntry& entry, std::string_view content, bool truncated,
               std::vector<AnalyzerRecord>& out) const override {
    if (truncated) return;  // a partial passwd or shadow would mislead the checks
    out.push_back({std::string(kImageFilesAnalyzer), entry.path, "content", std::string(content)});
  }
};

}  // namespace

const FileAnalyzer& image_files_analyzer() {
  static const ImageFilesAnalyzer analyzer;
  return analyzer;
}

// A root file system has no layers to name: its locations carry the path only.
Location ImageContext::at(size_t layer, const std::string& path) const {
  Location loc;
  loc.file = target;
  loc.path = path;
  if (rootfs) return loc;
  loc.layer_index = static_cast<int>(layer);
  if (layer < layers.size())
    loc.layer_digest = layers[layer].blob_digest.empty() ? layers[layer].diff_id : layers[layer].blob_digest;
  if (layer < meta.layers.size()) {
    if (loc.layer_digest.empty())
      loc.layer_digest = meta.layers[layer].blob_digest.empty() ? meta.layers[layer].diff_id
                                                                : meta.layers[layer].blob_digest;
    loc.layer_created_by = meta.layers[layer].created_by;
  }
  return loc;
}

// `what` is the place in the config JSON: "config.User", "config.Env", "created", "history[3]".
Location ImageContext::at_config(const std::string& what) const {
  Location loc;
  loc.file = target;
  loc.path = what;
  return loc;
}

const std::string* ImageContext::captured(size_t layer, const std::string& path) const {
  if (layer >= layers.size()) return nullptr;
  for (const auto& r : layers[layer].records)
    if (r.path == path && r.kind == "content" && r.analyzer == kImageFilesAnalyzer) return &r.data;
  return nullptr;
}

// A hard link's bytes were captured under the path it links to (same layer, or the final view).
const std::string* ImageContext::final_captured(const std::string& path) const {
  const ViewNode* node = fs.find(path);
  if (!node || !node->entry) return nullptr;
  if (node->entry->type == EntryType::kFile) return captured(node->layer, path);
  if (node->entry->type != EntryType::kHardlink) return nullptr;
  const std::string& target_path = node->entry->link_target;
  if (const std::string* bytes = captured(node->layer, target_path)) return bytes;
  const ViewNode* target_node = fs.find(target_path);
  if (!target_node || !target_node->entry || target_node->entry->type != EntryType::kFile) return nullptr;
  return captured(target_node->layer, target_path);
}

Location at_history(const ImageContext& ctx, size_t entry) {
  const auto& history = ctx.meta.config.history;
  std::vector<int> of_layer = history_index_of_layers(ctx.meta.config);
  for (size_t layer = 0; layer < of_layer.size(); ++layer)
    if (of_layer[layer] == static_cast<int>(entry) && layer < ctx.layers.size()) return ctx.at(layer, "");
  Location loc = ctx.at_config("history[" + std::to_string(entry) + "]");
  if (entry < history.size()) loc.layer_created_by = history[entry].created_by;
  return loc;
}

Location at_image(const ImageContext& ctx) {
  Location loc;
  loc.file = ctx.target;
  return loc;
}

const std::string* final_file(const ImageContext& ctx, const std::string& path, size_t* layer,
                              std::string* resolved) {
  auto real = ctx.fs.resolve(path);
  if (!real.ok()) return nullptr;
  const ViewNode* node = ctx.fs.find(*real);
  if (!node) return nullptr;
  if (layer) *layer = node->layer;
  if (resolved) *resolved = *real;
  return ctx.final_captured(*real);
}

std::vector<ColonRecord> colon_records(std::string_view text) {
  std::vector<ColonRecord> out;
  int line = 0;
  size_t start = 0;
  while (start < text.size() && line < 100'000) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    ++line;
    start = end + 1;
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (trim(l).empty() || l[0] == '#' || l[0] == '+' || l[0] == '-') continue;
    out.push_back({line, split(l, ':')});
  }
  return out;
}

std::string examples(const std::vector<std::string>& items, size_t max) {
  std::vector<std::string> shown(items.begin(),
                                 items.begin() + static_cast<long>(std::min(max, items.size())));
  std::string out = join(shown, ", ");
  if (items.size() > shown.size()) out += " and " + std::to_string(items.size() - shown.size()) + " more";
  return out;
}

}  // namespace customs
