#pragma once
// An index of an outer (uncompressed) tar archive such as a docker-archive or oci-archive:
// each member's name and where its bytes are, so blobs can be read in place, in parallel,
// without extracting. Hand-written because libarchive does not expose data offsets; it reads
// headers only (ustar, pax path/size records, GNU long names) and validates each.
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "io/entry.h"
#include "io/stream.h"

namespace customs {

struct TarMember {
  FsEntry entry;             // normalised name, type, size ...
  uint64_t data_offset = 0;  // where the content starts in the archive
};

struct TarIndex {
  std::map<std::string, TarMember> members;  // by normalised path; the last of duplicates wins
  // Opens a member's content as a stream (kNotFound when absent; links are followed inside the
  // archive, at most 16 hops).
  Result<std::unique_ptr<InputStream>> open(const std::string& path) const;
  Result<std::string> read(const std::string& path, uint64_t max_bytes) const;
  const TarMember* find(const std::string& path) const;  // follows links like open()

  std::shared_ptr<const RandomAccessFile> file;
  std::string what;  // the archive's name for errors
};

// Reads all headers of `file`. Corrupt or truncated headers are kInvalidInput errors with
// the byte offset; `what` names the archive.
Result<TarIndex> index_tar(std::shared_ptr<const RandomAccessFile> file, std::string what,
                           EntryLimits limits = {});

}  // namespace customs
