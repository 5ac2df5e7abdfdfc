#pragma once
// The image's file system as its layers make it: the final view (what a container sees) after
// applying whiteouts and opaque directories in layer order, and each path's history (which layer
// added, changed or deleted it), so a file deleted in a later layer is still found.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/entry.h"
#include "sources/image/layer_scan.h"

namespace customs {

enum class PathAction { kAdded, kChanged, kDeleted };
std::string_view to_string(PathAction a);

struct PathEvent {
  size_t layer = 0;
  PathAction action = PathAction::kAdded;
};

struct ViewNode {
  const FsEntry* entry = nullptr;  // points into the LayerResult that last wrote the path
  size_t layer = 0;
};

class LayeredView {
 public:
  // Merges layers bottom first. The LayerResults must outlive the view.
  explicit LayeredView(const std::vector<const LayerResult*>& layers);

  // The final view. Paths are FsEntry::path form ("etc/passwd").
  const ViewNode* find(const std::string& path) const;
  // Visits final-view entries in path order.
  void for_each(const std::function<void(const std::string& path, const ViewNode&)>& fn) const;
  size_t size() const { return final_.size(); }

  // Every event of a path, in layer order (empty when the path never existed).
  const std::vector<PathEvent>& history(const std::string& path) const;
  // Every path that any layer wrote (files, links, dirs), with its events: the "everything that
  // was ever in the image" view.
  const std::map<std::string, std::vector<PathEvent>>& all_history() const { return history_; }
  // True when the path exists in some layer but not in the final view.
  bool deleted(const std::string& path) const;

  // Resolves symlinks (in every component) inside the image root: absolute targets are taken from
  // the root, ".." never climbs above it. Returns the final path, or kNotFound for a dangling link,
  // kLimit after 40 hops (a loop).
  Result<std::string> resolve(const std::string& path) const;

 private:
  std::map<std::string, ViewNode> final_;
  std::map<std::string, std::vector<PathEvent>> history_;
};

}  // namespace customs
