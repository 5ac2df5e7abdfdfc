#pragma once
// An EntryReader over a directory tree (an unpacked root file system), so a root file system is
// scanned like a layer. The walk is depth-first in name order (a directory, then what is in it)
// and never follows a symlink: links are reported with their targets, devices and FIFOs by their
// type, and nothing but regular files is ever opened. Paths are relative to the root in FsEntry
// form. What cannot be read (a directory that cannot be listed, an entry that vanished, a file
// that cannot be opened, a subtree over the depth limit) is skipped and kept as a diagnostic.
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "io/entry.h"
#include "io/fs.h"

namespace customs {

class DirReader : public EntryReader {
 public:
  virtual std::vector<Diagnostic> take_diagnostics() = 0;
};

// Walks `root` (which must be a directory; the root itself is not an entry). The FsView must
// outlive the reader. Over limits.max_entries, next() fails with kLimit; entries deeper than
// limits.max_path_depth or with longer paths than limits.max_path_bytes are skipped.
// Block devices are reported as kCharDevice and sockets as kFifo: FileInfo does not tell them
// apart.
std::unique_ptr<DirReader> make_dir_reader(const FsView& fs, std::string root, EntryLimits limits = {});

}  // namespace customs
