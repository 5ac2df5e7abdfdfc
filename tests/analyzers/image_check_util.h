#pragma once
// Test helpers for the image checks: an image made by hand (config, history, layers of entries
// with the bytes the image-files analyzer captures) and a runner for one check by id.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/image/check.h"
#include "fs_entry_builder.h"

namespace customs::testing {

inline FsEntry dir_entry(std::string path) {
  FsEntry e;
  e.path = std::move(path);
  e.type = EntryType::kDirectory;
  e.mode = 0755;
  return e;
}

inline FsEntry symlink_entry(std::string path, std::string target) {
  FsEntry e;
  e.path = std::move(path);
  e.type = EntryType::kSymlink;
  e.mode = 0777;
  e.link_target = std::move(target);
  return e;
}

inline FsEntry whiteout_entry(std::string path) {
  FsEntry e;
  e.path = std::move(path);
  e.type = EntryType::kWhiteout;
  return e;
}

struct ImageFixture {
  ImageMeta meta;
  std::vector<LayerResult> layers;
  Policy policy;
  std::string target = "registry.example.com/app:1.0";
  int64_t now = 1735689600;  // 2025-01-01T00:00:00Z
  bool rootfs = false;

  // Layer i, creating the layers below it as needed ("sha256:blob<i>", "sha256:diff<i>").
  LayerResult& layer(size_t i) {
    while (layers.size() <= i) {
      LayerResult l;
      l.index = layers.size();
      l.blob_digest = "sha256:blob" + std::to_string(l.index);
      l.diff_id = "sha256:diff" + std::to_string(l.index);
      layers.push_back(std::move(l));
    }
    return layers[i];
  }

  void add(size_t i, FsEntry e) { layer(i).entries.push_back(std::move(e)); }

  // A regular file; its bytes are recorded the way a layer scan records them: through the
  // image-files analyzer, when that analyzer wants the file.
  void add_file(size_t i, std::string path, std::string_view content = "", uint32_t mode = 0644) {
    FsEntry e = file_entry(std::move(path), mode, content.size());
    const FileAnalyzer& a = image_files_analyzer();
    if (uint64_t n = a.wants(e); n > 0)
      a.analyze(e, content.substr(0, n), content.size() > n, layer(i).records);
    add(i, std::move(e));
  }

  // History entries ("created_by", empty_layer); one layer per non-empty entry.
  void history(const std::vector<std::pair<std::string, bool>>& entries) {
    meta.config.history.clear();
    size_t n = 0;
    for (const auto& [created_by, empty] : entries) {
      HistoryEntry h;
      h.created_by = created_by;
      h.empty_layer = empty;
      meta.config.history.push_back(h);
      if (!empty) layer(n++);
    }
  }

  // Fills meta.layers and diff_ids from the layers and the history, as an image source does.
  void sync() {
    meta.config.diff_ids.clear();
    for (const auto& l : layers) meta.config.diff_ids.push_back(l.diff_id);
    std::vector<int> hist = history_index_of_layers(meta.config);
    meta.layers.clear();
    for (const auto& l : layers) {
      LayerRef r;
      r.index = l.index;
      r.blob_digest = l.blob_digest;
      r.diff_id = l.diff_id;
      int h = hist[l.index];
      if (h >= 0) r.created_by = meta.config.history[static_cast<size_t>(h)].created_by;
      meta.layers.push_back(r);
    }
  }
};

struct ImageRun {
  std::vector<Finding> findings;

  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& f : findings) out.push_back(f.message);
    return out;
  }
  // "path@layer" of each finding ("config.User@-1" for config locations).
  std::vector<std::string> places() const {
    std::vector<std::string> out;
    for (const auto& f : findings)
      out.push_back(f.location.path + "@" + std::to_string(f.location.layer_index) +
                    (f.location.line > 0 ? ":" + std::to_string(f.location.line) : ""));
    return out;
  }
};

inline const ImageCheck* image_check(std::string_view id) {
  for (const auto* c : image_checks())
    if (c->rule.id == id) return c;
  return nullptr;
}

// Runs the single check `id` (enabled on top of the fixture's policy) over the fixture.
inline ImageRun run_image_check(std::string_view id, ImageFixture& fx) {
  ImageRun run;
  const ImageCheck* check = image_check(id);
  if (!check) {
    ADD_FAILURE() << "no image check with id " << id;
    return run;
  }
  fx.sync();
  std::vector<const LayerResult*> pointers;
  for (const auto& l : fx.layers) pointers.push_back(&l);
  LayeredView view(pointers);
  Policy policy = fx.policy;
  policy.enabled.insert(std::string(id));
  policy.disabled.erase(std::string(id));
  ImageContext ctx{fx.meta, fx.layers, view, policy, fx.target, fx.now, fx.rootfs};
  FindingSink sink(&policy);
  check->run(ctx, check->rule, sink);
  run.findings = sink.take();
  return run;
}

}  // namespace customs::testing
