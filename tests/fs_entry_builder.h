#pragma once
// file_entry(): a regular file as a layer or directory walk lists it, for tests of wants() and of
// analyzers. Shared by tests/analyzers and tests/catalog.
#include <cstdint>
#include <string>
#include <string_view>

#include "io/entry.h"

namespace customs::testing {

// A regular file at `path` (FsEntry form, no leading "/"), permission bits `mode`, `size` bytes.
inline FsEntry file_entry(std::string_view path, uint32_t mode = 0644, uint64_t size = 0) {
  FsEntry e;
  e.path = std::string(path);
  e.type = EntryType::kFile;
  e.mode = mode;
  e.size = size;
  return e;
}

}  // namespace customs::testing
