#include "io/dir_reader.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace customs {
namespace {

// A directory being walked: its children in name order and the next one to visit.
struct Frame {
  std::string rel;  // "" for the root
  size_t depth = 0;
  std::vector<DirEntry> children;
  size_t next = 0;
};

EntryType entry_type(const FileInfo& info) {
  switch (info.type) {
    case FileType::kRegular: return EntryType::kFile;
    case FileType::kDirectory: return EntryType::kDirectory;
    case FileType::kSymlink: return EntryType::kSymlink;
    case FileType::kOther: break;
  }
  return info.is_device ? EntryType::kCharDevice : EntryType::kFifo;
}

FsEntry to_entry(std::string rel, const FileInfo& info) {
  FsEntry e;
  e.path = std::move(rel);
  e.type = entry_type(info);
  e.size = e.type == EntryType::kFile ? info.size : 0;
  e.mode = info.mode & 07777;
  e.uid = info.uid;
  e.gid = info.gid;
  e.mtime = info.mtime;
  if (e.type == EntryType::kSymlink) e.link_target = info.link_target;
  return e;
}

class TreeReader : public DirReader {
 public:
  TreeReader(const FsView& fs, std::string root, EntryLimits limits)
      : fs_(fs), root_(std::move(root)), limits_(limits) {}

  Result<std::optional<FsEntry>> next() override {
    if (failed_) return *failed_;
    close_current();
    if (!started_) {
      started_ = true;
      auto top = fs_.list_dir(root_);
      if (!top.ok()) return fail(make_error(top.error().kind, root_ + ": " + top.error().message));
      stack_.push_back(Frame{"", 0, std::move(*top), 0});
    }
    while (!stack_.empty()) {
      Frame& f = stack_.back();
      if (f.next == f.children.size()) {
        stack_.pop_back();
        continue;
      }
      std::string rel = f.rel.empty() ? f.children[f.next].name : f.rel + "/" + f.children[f.next].name;
      size_t depth = f.depth + 1;
      ++f.next;
      if (++visited_ > limits_.max_entries)
        return fail(make_error(ErrorKind::kLimit,
                               root_ + ": more than " + std::to_string(limits_.max_entries) + " entries"));
      if (rel.size() > limits_.max_path_bytes) {
        note("rootfs.path-too-long", rel,
             "path is longer than " + std::to_string(limits_.max_path_bytes) + " bytes; skipped");
        continue;
      }
      auto info = fs_.stat(path_join(root_, rel));
      if (!info.ok()) {
        note("rootfs.unreadable", rel, info.error().message + "; skipped");
        continue;
      }
      FsEntry e = to_entry(std::move(rel), *info);
      if (e.type == EntryType::kDirectory) descend(e.path, depth);
      if (e.type == EntryType::kFile) current_ = Current{e.path, e.size};
      return std::optional<FsEntry>(std::move(e));
    }
    return std::optional<FsEntry>();
  }

  // Reads the current regular file through FsView::open, opened on the first read so files no
  // one reads are never opened. A file that cannot be opened or read reads as ending early.
  Result<size_t> read(char* buf, size_t n) override {
    if (failed_) return *failed_;
    if (!current_ || n == 0) return size_t{0};
    Current& c = *current_;
    if (!c.file && !c.open_failed) {
      auto file = fs_.open(path_join(root_, c.rel));
      if (!file.ok()) {
        c.open_failed = true;
        note("rootfs.unreadable", c.rel, file.error().message + "; its content is not scanned");
      } else {
        c.file = std::move(*file);
      }
    }
    if (!c.file) return size_t{0};
    uint64_t end = std::min(c.size, c.file->size());
    if (c.offset >= end) return size_t{0};
    auto got = c.file->read_at(c.offset, buf, static_cast<size_t>(std::min<uint64_t>(n, end - c.offset)));
    if (!got.ok()) {
      note("rootfs.unreadable", c.rel, got.error().message + "; the rest of its content is not scanned");
      c.offset = end;
      return size_t{0};
    }
    c.offset += *got;
    if (*got == 0) c.offset = end;
    return *got;
  }

  std::vector<Diagnostic> take_diagnostics() override { return std::exchange(diags_, {}); }

 private:
  struct Current {
    std::string rel;
    uint64_t size = 0;
    std::shared_ptr<const RandomAccessFile> file;
    uint64_t offset = 0;
    bool open_failed = false;
  };

  // Queues the children of directory `rel` (at `depth`) to be walked next.
  void descend(const std::string& rel, size_t depth) {
    if (depth >= limits_.max_path_depth) {
      note("rootfs.too-deep", rel,
           "directory is " + std::to_string(depth) + " levels deep; its content is skipped");
      return;
    }
    auto children = fs_.list_dir(path_join(root_, rel));
    if (!children.ok()) {
      note("rootfs.unreadable", rel, children.error().message + "; its content is skipped");
      return;
    }
    stack_.push_back(Frame{rel, depth, std::move(*children), 0});
  }

  void close_current() { current_.reset(); }

  void note(std::string code, const std::string& rel, std::string problem) {
    Location where;
    where.file = root_;
    where.path = rel;
    diags_.push_back(Diagnostic{DiagLevel::kWarning, std::move(code),
                                root_ + ": " + quote_entry_name(rel) + ": " + std::move(problem),
                                std::move(where)});
  }

  Error fail(Error e) {
    failed_ = e;
    return e;
  }

  const FsView& fs_;
  std::string root_;
  EntryLimits limits_;
  std::vector<Frame> stack_;
  std::optional<Current> current_;
  std::vector<Diagnostic> diags_;
  std::optional<Error> failed_;
  uint64_t visited_ = 0;
  bool started_ = false;
};

}  // namespace

std::unique_ptr<DirReader> make_dir_reader(const FsView& fs, std::string root, EntryLimits limits) {
  return std::make_unique<TreeReader>(fs, std::move(root), limits);
}

}  // namespace customs
