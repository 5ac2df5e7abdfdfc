#pragma once
// `customs db import PATH...`: every feed file under the paths (directories walked, osv.dev zip
// archives opened, .gz decompressed), recognised by name and content, parsed and stored in one
// transaction: either all of it is imported or, on an error, nothing is and the previous content
// stays as it was.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"
#include "io/fs.h"
#include "vulndb/store.h"

namespace customs {

struct ImportOptions {
  uint64_t max_file_bytes = uint64_t{512} << 20;  // one feed file (or zip archive, decompressed member)
  std::string imported_at;                        // RFC 3339 UTC, recorded in the database
  std::function<void(size_t files_done)> progress;
};

struct ImportReport {
  size_t files = 0;          // feed files parsed (zip members count one each)
  size_t skipped_files = 0;  // files in walked directories that are no feed (README, SOURCES.tsv)
  size_t advisories = 0;
  ImportCounts counts;
  Diagnostics diagnostics;  // records skipped, with their location
};

// kInvalidInput for a file named on the command line that is no known feed, or a feed that cannot
// be parsed at all; kNotFound for a missing path. The store's transaction is rolled back then.
Result<ImportReport> import_paths(const std::vector<std::string>& paths, const FsView& fs, VulnStore& store,
                                  const ImportOptions& options);

}  // namespace customs
