// IM021: files the build left in the final view, one finding per kind with a count and examples.
#include <algorithm>
#include <array>
#include <set>

#include "analyzers/image/image_rules.h"
#include "core/strings.h"

namespace customs {

namespace {

// A kind of leftover: a directory name anywhere in a path (every distinct such directory counts
// once), or files under a fixed directory (every file counts).
struct LeftoverKind {
  std::string_view label;
  std::array<std::string_view, 4> dir_names;  // matched against each path segment ("" unused)
  std::string_view file_dir;                  // or: regular files below this directory
  std::string_view file_name;                 // or: regular files with this name
};

const LeftoverKind kKinds[] = {
    {"git directories (.git)", {".git"}, "", ""},
    {"cloud CLI directories (.aws, .azure, .gcp, gcloud)", {".aws", ".azure", ".gcp", "gcloud"}, "", ""},
    {"package manager caches (.cache, .npm)", {".cache", ".npm"}, "", ""},
    {"editor settings (.vscode, .idea)", {".vscode", ".idea"}, "", ""},
    {"macOS .DS_Store files", {}, "", ".DS_Store"},
    {"apt package lists in /var/lib/apt/lists", {}, "var/lib/apt/lists/", ""},
    {"apk package cache files in /var/cache/apk", {}, "var/cache/apk/", ""},
};

struct Found {
  std::set<std::string> items;
  size_t first_layer = 0;
  std::string first_path;
};

// Trees that packages install: what their authors shipped there (a gem's .vscode, a module's
// .git) is not a leftover of this image's build, and .dockerignore cannot remove it.
bool in_package_tree(const std::string& path) {
  static constexpr std::array<std::string_view, 4> kSegments{"/node_modules/", "/site-packages/",
                                                             "/dist-packages/", "/gems/"};
  if (path.rfind("usr/lib/", 0) == 0 || path.rfind("usr/share/", 0) == 0) return true;
  std::string slashed = "/" + path + "/";
  return std::any_of(kSegments.begin(), kSegments.end(),
                     [&](std::string_view seg) { return slashed.find(seg) != std::string::npos; });
}

// The directory `path` is in (or is) that a dir_names entry names, "" when none. "gcloud" counts
// only as ".config/gcloud". Package trees are left out.
std::string matching_dir(const LeftoverKind& k, const std::string& path) {
  if (in_package_tree(path)) return {};
  size_t start = 0;
  for (int guard = 0; guard < 256 && start <= path.size(); ++guard) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string_view seg(path.data() + start, end - start);
    for (std::string_view name : k.dir_names) {
      if (name.empty() || seg != name) continue;
      if (name == "gcloud" && (start < 9 || path.compare(start - 9, 8, ".config/") != 0)) continue;
      return path.substr(0, end);
    }
    start = end + 1;
  }
  return {};
}

std::string matching_file(const LeftoverKind& k, const std::string& path, const FsEntry& e) {
  if (e.type != EntryType::kFile) return {};
  if (!k.file_dir.empty()) {
    if (path.rfind(k.file_dir, 0) != 0) return {};
    std::string_view rest = std::string_view(path).substr(k.file_dir.size());
    if (rest == "lock" || rest.rfind("partial/", 0) == 0) return {};  // apt keeps these in a clean image
    return path;
  }
  std::string_view base =
      std::string_view(path).substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  return base == k.file_name ? path : std::string();
}

}  // namespace

void check_leftovers(const ImageContext& ctx, const Rule& rule, FindingSink& out) {
  std::vector<Found> found(std::size(kKinds));
  ctx.fs.for_each([&](const std::string& path, const ViewNode& node) {
    if (!node.entry) return;
    for (size_t k = 0; k < std::size(kKinds); ++k) {
      bool by_dir = !kKinds[k].dir_names[0].empty();
      std::string item = by_dir ? matching_dir(kKinds[k], path) : matching_file(kKinds[k], path, *node.entry);
      if (item.empty()) continue;
      Found& f = found[k];
      if (f.items.empty()) {
        f.first_layer = node.layer;
        f.first_path = item;
      }
      f.items.insert(item);
    }
  });
  for (size_t k = 0; k < std::size(kKinds); ++k) {
    const Found& f = found[k];
    if (f.items.empty()) continue;
    std::vector<std::string> items;
    for (const std::string& i : f.items) items.push_back("/" + i);
    out.report(rule, ctx.at(f.first_layer, f.first_path),
               std::string(kKinds[k].label) + " left in the image: " + std::to_string(items.size()) + " (" +
                   examples(items) + ")",
               examples(items), std::string(kKinds[k].label));
  }
}

}  // namespace customs
