#pragma once
// Finding the Dockerfiles to check from the PATHs on the command line.
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"
#include "io/fs.h"

namespace customs {

struct DiscoverLimits {
  int max_depth = 64;        // deeper directories are not walked
  size_t max_files = 10000;  // more Dockerfiles than this is a kLimit error
};

// Dockerfile, Containerfile, *.Dockerfile, *.dockerfile, Dockerfile.*, Containerfile.*;
// never *.dockerignore.
bool is_dockerfile_name(std::string_view name);

// The files to check, in order: each PATH in the order given; a file is taken whatever its name;
// a directory is walked recursively (skipping .git and node_modules, not following symlinked
// directories below it) for Dockerfile names, its files sorted by path. A file named twice is
// checked once. Errors: kNotFound for a PATH that does not exist, kInvalidInput for a directory
// with no Dockerfile in it, kLimit past max_files; each located at the PATH. A subdirectory that
// cannot be listed (an error) or lies deeper than max_depth (a warning) is left out and noted in
// `notes` when given. Entries with a Dockerfile name that are not regular files (a FIFO, a
// symlink) are taken, so that reading them says what is wrong with them.
Result<std::vector<std::string>> discover_dockerfiles(const FsView& fs, const std::vector<std::string>& paths,
                                                      const DiscoverLimits& limits = {},
                                                      Diagnostics* notes = nullptr);

// A .dockerignore applies: "<dir>/.dockerignore" or "<dockerfile path>.dockerignore" exists.
bool has_dockerignore(const FsView& fs, const std::string& dockerfile_path);

}  // namespace customs
