#pragma once
// The image check table: checks of an image's config, history and files (IM rules). A check is a
// Rule plus a small pure function over the ImageContext; adding one touches its group file and
// its test.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "findings/policy.h"
#include "findings/sink.h"
#include "model/image.h"
#include "sources/image/layer_scan.h"
#include "sources/image/layered_view.h"

namespace customs {

struct ImageContext {
  const ImageMeta& meta;
  const std::vector<LayerResult>& layers;  // by index, bottom first
  const LayeredView& fs;
  const Policy& policy;
  std::string target;   // Location::file of every finding (the reference as the user gave it)
  int64_t now = 0;      // seconds since the epoch (tests pin it)
  bool rootfs = false;  // a root file system: no config, no history, one pseudo layer

  // A location of `path` as written by layer `layer` (digest, index, history command).
  Location at(size_t layer, const std::string& path) const;
  // A location in the image config (no layer).
  Location at_config(const std::string& what) const;
  // The bytes the image-files analyzer captured of `path` as layer `layer` wrote it, or nullptr.
  const std::string* captured(size_t layer, const std::string& path) const;
  // The captured bytes of `path` in the final view (following the layer that last wrote it).
  const std::string* final_captured(const std::string& path) const;
};

using ImageCheckFn = void (*)(const ImageContext& ctx, const Rule& rule, FindingSink& out);

struct ImageCheck {
  Rule rule;
  ImageCheckFn run;
};

// Groups: config (user, healthcheck, env, volumes, ports, age), history (commands), files
// (credentials, setuid, passwd/shadow/group, leftovers).
std::span<const ImageCheck> image_config_checks();
std::span<const ImageCheck> image_history_checks();
std::span<const ImageCheck> image_file_checks();

const std::vector<const ImageCheck*>& image_checks();
const Rule* find_image_rule(std::string_view id);

// Runs every enabled check; findings come out in table order, then layer, then path.
void run_image_checks(const ImageContext& ctx, FindingSink& out);

// The FileAnalyzer that captures the small files the checks read (/etc/passwd, /etc/shadow,
// /etc/group, os-release). Its records: kind "content", data = the bytes.
const FileAnalyzer& image_files_analyzer();
inline constexpr std::string_view kImageFilesAnalyzer = "image-files";

}  // namespace customs
