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

// Appends the Dockerfiles under `dir` to `out`.
Status walk(const FsView& fs, const std::string& dir, int depth, const DiscoverLimits& limits,
            std::vector<std::string>& out) {
  if (depth > limits.max_depth) return ok_status();
  auto entries = fs.list_dir(dir);
  if (!entries.ok()) return entries.error();
  for (const auto& e : *entries) {
    std::string path = path_join(dir, e.name);
    if (e.type == FileType::kDirectory) {
      if (skipped_directory(e.name)) continue;
      Status s = walk(fs, path, depth + 1, limits, out);
      if (!s.ok()) return s;
    } else if ((e.type == FileType::kRegular || e.type == FileType::kSymlink) && is_dockerfile_name(e.name)) {
      if (out.size() >= limits.max_files)
        return make_error(ErrorKind::kLimit,
                          "more than " + std::to_string(limits.max_files) + " Dockerfiles found",
                          Location{dir});
      out.push_back(path);
    }
  }
  return ok_status();
}

// An explicit PATH: a directory (or a symlink to one) is walked, anything else is one file.
Status discover_one(const FsView& fs, const std::string& path, const DiscoverLimits& limits,
                    std::vector<std::string>& out) {
  auto st = fs.stat(path);
  if (!st.ok()) return make_error(ErrorKind::kNotFound, "no such file or directory", Location{path});
  bool is_dir =
      st->type == FileType::kDirectory || (st->type == FileType::kSymlink && fs.list_dir(path).ok());
  if (!is_dir) {
    out.push_back(path);
    return ok_status();
  }
  std::vector<std::string> found;
  Status s = walk(fs, path, 0, limits, found);
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
                                                      const DiscoverLimits& limits) {
  std::vector<std::string> all;
  for (const auto& path : paths) {
    Status s = discover_one(fs, path, limits, all);
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
