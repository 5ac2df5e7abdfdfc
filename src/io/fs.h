#pragma once
// FsView: the one way customs reads files. Parsers take bytes; callers get bytes from here.
// DiskFs reads the real file system; MemoryFs is the fake for tests.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/stream.h"

namespace customs {

enum class FileType { kRegular, kDirectory, kSymlink, kOther };

struct FileInfo {
  FileType type = FileType::kRegular;
  uint64_t size = 0;
  uint32_t mode = 0;  // permission bits with setuid/setgid/sticky (07777)
  uint32_t uid = 0;
  uint32_t gid = 0;
  int64_t mtime = 0;        // seconds since the epoch
  std::string link_target;  // symlinks only: the target as stored
  bool is_device = false;   // kOther: a character or block device (else a FIFO or socket)
};

struct DirEntry {
  std::string name;  // base name only
  FileType type = FileType::kRegular;
};

class FsView {
 public:
  virtual ~FsView() = default;
  // Whole-file read; fails with kLimit when the file is larger than max_bytes.
  virtual Result<std::string> read_file(const std::string& path, uint64_t max_bytes) const = 0;
  virtual Result<FileInfo> stat(const std::string& path) const = 0;  // does not follow symlinks
  // Entries sorted by name; "." and ".." left out.
  virtual Result<std::vector<DirEntry>> list_dir(const std::string& path) const = 0;
  // A regular file for positional reads (large blobs); refuses anything else.
  virtual Result<std::shared_ptr<const RandomAccessFile>> open(const std::string& path) const = 0;
  // Writes only where the user asked for it (--output, --fix) or in customs' own cache.
  // The file appears whole or not at all.
  virtual Status write_file(const std::string& path, std::string_view bytes) = 0;
  // For customs' own cache folder only.
  virtual Status remove_file(const std::string& path) = 0;
  virtual Status make_dirs(const std::string& path) = 0;  // like mkdir -p
  virtual Status set_mtime(const std::string& path, int64_t mtime) = 0;

  bool exists(const std::string& path) const { return stat(path).ok(); }
  bool is_directory(const std::string& path) const;
};

// The host file system. Paths are used as given.
class DiskFs : public FsView {
 public:
  Result<std::string> read_file(const std::string& path, uint64_t max_bytes) const override;
  Result<FileInfo> stat(const std::string& path) const override;
  Result<std::vector<DirEntry>> list_dir(const std::string& path) const override;
  Result<std::shared_ptr<const RandomAccessFile>> open(const std::string& path) const override;
  Status write_file(const std::string& path, std::string_view bytes) override;
  Status remove_file(const std::string& path) override;
  Status make_dirs(const std::string& path) override;
  Status set_mtime(const std::string& path, int64_t mtime) override;
};

// In-memory fake: files by path; directories are implied by the paths of their files
// and can also be added empty.
class MemoryFs : public FsView {
 public:
  void add_file(const std::string& path, std::string bytes, uint32_t mode = 0644);
  void add_dir(const std::string& path);
  void add_symlink(const std::string& path, std::string target);

  Result<std::string> read_file(const std::string& path, uint64_t max_bytes) const override;
  Result<FileInfo> stat(const std::string& path) const override;
  Result<std::vector<DirEntry>> list_dir(const std::string& path) const override;
  Result<std::shared_ptr<const RandomAccessFile>> open(const std::string& path) const override;
  Status write_file(const std::string& path, std::string_view bytes) override;
  Status remove_file(const std::string& path) override;
  Status make_dirs(const std::string& path) override;
  Status set_mtime(const std::string& path, int64_t mtime) override;

 private:
  struct Node {
    std::string bytes;
    uint32_t mode = 0644;
    int64_t mtime = 0;
    bool symlink = false;  // bytes is the target
  };
  std::map<std::string, Node> files_;
  std::map<std::string, bool> dirs_;
};

// Joins a directory and a name with exactly one '/'.
std::string path_join(const std::string& dir, const std::string& name);
// The directory part of a path ("" for a bare name, "/" for "/x").
std::string path_dirname(const std::string& path);
std::string path_basename(const std::string& path);

}  // namespace customs
