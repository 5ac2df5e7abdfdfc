#pragma once
// File plumbing for database bundles (private to vulndb/bundle*.cc): temporary files that are
// removed unless kept, read-only mappings, and the database copy and compression steps.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "io/stream.h"

namespace customs::bundle {

// A new empty file "<target>.<tag>-XXXXXX" next to `target` (same directory, so a rename onto
// `target` is atomic), removed when destroyed unless keep_as() moved it into place.
class TempFile {
 public:
  static Result<TempFile> create(const std::string& target, std::string_view tag);
  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  const std::string& path() const { return path_; }
  int fd() const { return fd_; }
  // Flushes to disk, closes, and renames onto `target`.
  Status keep_as(const std::string& target);

 private:
  TempFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_ = -1;
};

// A whole regular file mapped read-only (an empty file maps to an empty view).
class MappedFile {
 public:
  static Result<MappedFile> open(const std::string& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view view() const { return {static_cast<const char*>(data_), size_}; }

 private:
  MappedFile(void* data, size_t size) : data_(data), size_(size) {}
  void* data_ = nullptr;
  size_t size_ = 0;
};

// Writes all of `bytes` to `fd`; kIo naming `path` on failure.
Status write_all(int fd, std::string_view bytes, const std::string& path);

// A consistent copy of the SQLite database at `db_path` into the empty file `copy_path`
// (VACUUM INTO, so a database being written is copied as of one transaction). Returns the
// database's schema version (PRAGMA user_version).
Result<int> snapshot_database(const std::string& db_path, const std::string& copy_path);

// Compresses the file at `in_path` to `out_fd` as one zstd frame (content size and checksum
// recorded). Returns the number of input bytes.
Result<uint64_t> compress_file(const std::string& in_path, int out_fd, const std::string& out_path,
                               int level);

// Copies `in` to `out_fd` to its end. Returns the number of bytes.
Result<uint64_t> copy_stream(InputStream& in, int out_fd, const std::string& out_path);

}  // namespace customs::bundle
