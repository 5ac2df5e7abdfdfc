#pragma once
// A stream read ahead on a thread of its own, so that the stages before it (file reads, digest
// check, decompression) and the stages after it (diffID hash, tar reader, analyzers) run on two
// cores at once. The read-ahead is bounded: at most max_chunks chunks of chunk_size bytes wait.
#include <cstddef>
#include <memory>

#include "io/stream.h"

namespace customs {

// Contract: read() hands out the bytes of `inner` in order. An error of inner is returned once
// every byte before it has been read, and again on every later read. `inner` is used by the
// read-ahead thread only (it must not be shared). Destroying the stream stops that thread: it
// finishes the inner read in progress and exits; nothing is read after that.
std::unique_ptr<InputStream> make_prefetching_stream(std::unique_ptr<InputStream> inner,
                                                     size_t chunk_size = size_t{1} << 20,
                                                     size_t max_chunks = 4);

}  // namespace customs
