#pragma once
// Streaming tar reader (libarchive, tar formats only: ustar, pax, GNU) over an InputStream,
// producing FsEntry records. Absolute names and ".." components are errors: a layer that holds
// them is hostile. Names are normalised (io/entry.h).
#include <memory>
#include <string>

#include "io/entry.h"
#include "io/stream.h"

namespace customs {

// When next() returns nullopt the underlying stream has been read to its end (so a verifying
// stream below has checked its digest, and trailing bytes after the end-of-archive blocks are
// consumed).
// `what` names the archive in errors ("layer 2 (sha256:ab…)"), with the entry name appended.
std::unique_ptr<EntryReader> make_tar_reader(std::unique_ptr<InputStream> in, std::string what,
                                             EntryLimits limits = {});

}  // namespace customs
