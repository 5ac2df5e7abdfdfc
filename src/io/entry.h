#pragma once
// FsEntry: one entry of a layer tar or of a root file system walk, and EntryReader, the
// stream of them with their contents. Tar layers and directory trees both produce these.
#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"

namespace customs {

enum class EntryType {
  kFile,
  kDirectory,
  kSymlink,
  kHardlink,
  kCharDevice,
  kBlockDevice,
  kFifo,
  kWhiteout,        // set by layer scanning: `.wh.<name>` deletes `path`
  kOpaqueWhiteout,  // set by layer scanning: `.wh..wh..opq` hides lower content of dir `path`
};

std::string_view to_string(EntryType t);

struct FsEntry {
  // Normalised, relative to the image root: no leading "/" or "./", no trailing "/", no "."
  // or ".." components, no empty components. "" is the root itself.
  std::string path;
  EntryType type = EntryType::kFile;
  uint64_t size = 0;  // content bytes (regular files)
  uint32_t mode = 0;  // permission bits with setuid/setgid/sticky (07777)
  uint32_t uid = 0;
  uint32_t gid = 0;
  int64_t mtime = 0;
  // Symlinks: the target as stored. Hard links: the normalised path of the linked entry.
  std::string link_target;
};

struct EntryLimits {
  size_t max_path_bytes = 4096;
  size_t max_path_depth = 256;
  uint64_t max_entries = 4'000'000;
};

class EntryReader {
 public:
  virtual ~EntryReader() = default;
  // The next entry, or nullopt at the end. Unread content of the previous entry is skipped.
  // Unsafe names (absolute, "..", over the limits) are kInvalidInput errors naming the entry.
  virtual Result<std::optional<FsEntry>> next() = 0;
  // Reads the current entry's content; 0 at its end.
  virtual Result<size_t> read(char* buf, size_t n) = 0;
};

// Reads up to max_bytes of the current entry's content. `truncated` is set when there was more.
Result<std::string> read_entry_content(EntryReader& reader, uint64_t max_bytes, bool* truncated);

// `raw` quoted for messages: 'name', with control bytes as \xNN and at most 256 bytes shown.
std::string quote_entry_name(std::string_view raw);

// Normalises a raw archive name into FsEntry::path form: strips a leading "./" and "/"
// (only when `allow_absolute`), trailing "/", "." components. Fails (kInvalidInput) on ".."
// components, NUL, empty names when not allowed, or the limits.
Result<std::string> normalize_entry_path(std::string_view raw, const EntryLimits& limits,
                                         bool allow_absolute);

}  // namespace customs
