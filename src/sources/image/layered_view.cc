// The merge of a stack of layers, overlayfs style, and symlink resolution inside the result.
// Subtrees are found with lower_bound on the sorted path map ("d/" .. "d0": '0' follows '/'),
// so a whiteout costs the size of what it deletes, not the size of the image.
#include "sources/image/layered_view.h"

#include <string_view>

namespace customs {
namespace {

constexpr int kMaxHops = 40;

constexpr std::string_view kActionNames[] = {"added", "changed", "deleted"};

bool is_marker(const FsEntry& e) {
  return e.type == EntryType::kWhiteout || e.type == EntryType::kOpaqueWhiteout;
}

// True when `path` lies strictly under `dir` ("" is the root: everything but itself).
bool under(std::string_view path, std::string_view dir) {
  if (dir.empty()) return !path.empty();
  return path.size() > dir.size() && path[dir.size()] == '/' && path.starts_with(dir);
}

}  // namespace

std::string_view to_string(PathAction a) { return kActionNames[static_cast<size_t>(a)]; }

namespace {

// Applies layers to the two maps of a LayeredView.
class Merger {
 public:
  Merger(std::map<std::string, ViewNode>& final_view, std::map<std::string, std::vector<PathEvent>>& history)
      : final_(final_view), history_(history) {}

  // A layer's whiteouts and opaque markers act on the layers below, whatever their place in the
  // archive; then its entries are written in archive order (a later duplicate wins).
  void apply(const LayerResult& layer, size_t index) {
    for (const FsEntry& e : layer.entries) {
      if (e.type == EntryType::kWhiteout) {
        erase_subtree(e.path, index);
        erase_one(e.path, index);
      } else if (e.type == EntryType::kOpaqueWhiteout) {
        erase_subtree(e.path, index);
      }
    }
    for (const FsEntry& e : layer.entries)
      if (!is_marker(e)) write(e, index);
  }

 private:
  void write(const FsEntry& e, size_t index) {
    auto [it, inserted] = final_.try_emplace(e.path, ViewNode{&e, index});
    if (inserted) {
      record(e.path, index, PathAction::kAdded);
      return;
    }
    // A directory replaced by anything else takes its children with it.
    if (it->second.entry->type == EntryType::kDirectory && e.type != EntryType::kDirectory)
      erase_subtree(e.path, index);
    it->second = ViewNode{&e, index};
    record(e.path, index, PathAction::kChanged);
  }

  void erase_one(const std::string& path, size_t index) {
    if (final_.erase(path) > 0) record(path, index, PathAction::kDeleted);
  }

  // Removes everything strictly under `dir`.
  void erase_subtree(const std::string& dir, size_t index) {
    auto it = dir.empty() ? final_.begin() : final_.lower_bound(dir + "/");
    while (it != final_.end() && (it->first.empty() || under(it->first, dir))) {
      if (it->first.empty()) {  // the root itself stays
        ++it;
        continue;
      }
      record(it->first, index, PathAction::kDeleted);
      it = final_.erase(it);
    }
  }

  // One event per path and layer, except that a deletion and a re-adding in the same layer both
  // count (a whiteout, then the layer's own entry).
  void record(const std::string& path, size_t index, PathAction action) {
    auto& events = history_[path];
    if (!events.empty() && events.back().layer == index && action != PathAction::kDeleted &&
        events.back().action != PathAction::kDeleted)
      return;
    events.push_back(PathEvent{index, action});
  }

  std::map<std::string, ViewNode>& final_;
  std::map<std::string, std::vector<PathEvent>>& history_;
};

}  // namespace

LayeredView::LayeredView(const std::vector<const LayerResult*>& layers) {
  Merger merger(final_, history_);
  for (size_t i = 0; i < layers.size(); ++i) merger.apply(*layers[i], i);
}

const ViewNode* LayeredView::find(const std::string& path) const {
  auto it = final_.find(path);
  return it == final_.end() ? nullptr : &it->second;
}

void LayeredView::for_each(const std::function<void(const std::string& path, const ViewNode&)>& fn) const {
  for (const auto& [path, node] : final_) fn(path, node);
}

const std::vector<PathEvent>& LayeredView::history(const std::string& path) const {
  static const std::vector<PathEvent> kNone;
  auto it = history_.find(path);
  return it == history_.end() ? kNone : it->second;
}

bool LayeredView::deleted(const std::string& path) const {
  return history_.count(path) > 0 && final_.count(path) == 0;
}

namespace {

// Components still to walk, last first, as views into the caller's path and the layers' link
// targets (both outlive the walk).
void push_components(std::string_view path, std::vector<std::string_view>& pending) {
  size_t end = path.size();
  while (end > 0) {
    size_t start = path.rfind('/', end - 1);
    start = start == std::string_view::npos ? 0 : start + 1;
    if (end > start) pending.push_back(path.substr(start, end - start));
    if (start == 0) break;
    end = start - 1;
  }
}

}  // namespace

// Walks the components one by one: a symlink met on the way is replaced by its target's
// components (from the root when absolute, else from the link's directory); ".." drops one
// resolved component and stops at the root. A path that exists only as the parent of other
// paths (an implied directory) exists.
Result<std::string> LayeredView::resolve(const std::string& path) const {
  std::vector<std::string_view> pending;
  push_components(path, pending);
  std::string cur;
  std::vector<size_t> marks;  // cur's length before each resolved component
  int hops = 0;
  while (!pending.empty()) {
    std::string_view c = pending.back();
    pending.pop_back();
    if (c == ".") continue;
    if (c == "..") {
      if (!marks.empty()) {
        cur.resize(marks.back());
        marks.pop_back();
      }
      continue;
    }
    marks.push_back(cur.size());
    if (!cur.empty()) cur += '/';
    cur += c;
    auto it = final_.find(cur);
    if (it == final_.end() || it->second.entry->type != EntryType::kSymlink) continue;
    if (++hops > kMaxHops)
      return make_error(ErrorKind::kLimit, "too many levels of symbolic links resolving '" + path + "'");
    std::string_view target = it->second.entry->link_target;
    cur.resize(marks.back());
    marks.pop_back();
    if (target.starts_with('/')) {
      cur.clear();
      marks.clear();
    }
    push_components(target, pending);
  }
  if (cur.empty() || final_.count(cur)) return cur;
  auto next = final_.lower_bound(cur + "/");
  if (next != final_.end() && under(next->first, cur)) return cur;
  return make_error(ErrorKind::kNotFound, "'" + path + "' resolves to '" + cur + "', which does not exist");
}

}  // namespace customs
