#include "app/discover.h"

#include <algorithm>
#include <set>

namespace customs {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool skipped_directory(std::string_view name) { return name == ".git" || name == "node_modules"; }

struct Walk {
  const FsView& fs;
  const DiscoverLimits& limits;
  Diagnostics* notes;  // may be null
  std::vector<std::string>& out;

  void note(DiagLevel level, const char* code, std::string message, const std::string& where) const {
    if (notes) notes->add(level, code, std::move(message), Location{where});
  }
};

// Appends the Dockerfiles under `dir` to `w.out`. A subdirectory that cannot be listed or is too
// deep is left out with a diagnostic; only a file count over the limit stops the walk.
Status walk(const Walk& w, const std::string& dir, int depth) {
  auto entries = w.fs.list_dir(dir);
  if (!entries.ok()) {
    if (depth == 0) return entries.error();
    w.note(DiagLevel::kError, "input.unreadable", entries.error().message, dir);
    return ok_status();
  }
  for (const auto& e : *entries) {
    std::string path = path_join(dir, e.name);
    if (e.type == FileType::kDirectory) {
      if (skipped_directory(e.name)) continue;
      if (depth + 1 > w.limits.max_depth) {
        w.note(DiagLevel::kWarning, "input.too-deep",
               "not searched: directories nested more than " + std::to_string(w.limits.max_depth) +
                   " levels deep",
               path);
        continue;
      }
      Status s = walk(w, path, depth + 1);
      if (!s.ok()) return s;
    } else if (is_dockerfile_name(e.name)) {
      // Symlinks, FIFOs and devices with a Dockerfile name are taken too: reading them reports
      // what they are instead of leaving them out silently.
      if (w.out.size() >= w.limits.max_files)
        return make_error(ErrorKind::kLimit,
                          "more than " + std::to_string(w.limits.max_files) + " Dockerfiles found",
                          Location{dir});
      w.out.push_back(path);
    }
  }
  return ok_status();
}

// An explicit PATH: a directory (or a symlink to one) is walked, anything else is one file.
Status discover_one(const FsView& fs, const std::string& path, const DiscoverLimits& limits,
                    Diagnostics* notes, std::vector<std::string>& out) {
  auto st = fs.stat(path);
  if (!st.ok()) return make_error(ErrorKind::kNotFound, "no such file or directory", Location{path});
  bool is_dir =
      st->type == FileType::kDirectory || (st->type == FileType::kSymlink && fs.list_dir(path).ok());
  if (!is_dir) {
    out.push_back(path);
    return ok_status();
  }
  std::vector<std::string> found;
  Status s = walk(Walk{fs, limits, notes, found}, path, 0);
  if (!s.ok()) return s;
  if (found.empty())
    return make_error(
        ErrorKind::kInvalidInput,
        "no Dockerfile or Containerfile in this directory (looked for Dockerfile, Containerfile, "
        "*.Dockerfile, *.dockerfile, Dockerfile.*, Containerfile.*)",
        Location{path});
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
  return ok_status();
}

}  // namespace

bool is_dockerfile_name(std::string_view name) {
  if (ends_with(name, ".dockerignore")) return false;
  if (name == "Dockerfile" || name == "Containerfile") return true;
  if (starts_with(name, "Dockerfile.") || starts_with(name, "Containerfile.")) return true;
  for (std::string_view suffix : {".Dockerfile", ".dockerfile"})
    if (ends_with(name, suffix) && name.size() > suffix.size()) return true;
  return false;
}

Result<std::vector<std::string>> discover_dockerfiles(const FsView& fs, const std::vector<std::string>& paths,
                                                      const DiscoverLimits& limits, Diagnostics* notes) {
  std::vector<std::string> all;
  for (const auto& path : paths) {
    Status s = discover_one(fs, path, limits, notes, all);
    if (!s.ok()) return s.error();
    if (all.size() > limits.max_files)
      return make_error(ErrorKind::kLimit,
                        "more than " + std::to_string(limits.max_files) + " Dockerfiles found",
                        Location{path});
  }
  std::vector<std::string> unique;
  std::set<std::string> seen;
  for (auto& p : all)
    if (seen.insert(p).second) unique.push_back(std::move(p));
  return unique;
}

bool has_dockerignore(const FsView& fs, const std::string& dockerfile_path) {
  return fs.exists(path_join(path_dirname(dockerfile_path), ".dockerignore")) ||
         fs.exists(dockerfile_path + ".dockerignore");
}

}  // namespace customs
