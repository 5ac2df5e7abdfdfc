#include "io/fs.h"

#include <map>
#include <string>
#include <vector>

// MemoryFs: the in-memory FsView for tests. Paths are keys as given, less trailing slashes and a
// leading "./"; directories are implied by the files under them or added explicitly.

namespace customs {

namespace {

std::string normalize(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p.rfind("./", 0) == 0) p = p.substr(2);
  return p;
}

// Resolves "." and ".." lexically ("a/b/../c" -> "a/c"; ".." at the top stays at the top).
std::string clean(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(std::move(part));
    }
    start = end + 1;
  }
  std::string out = !path.empty() && path[0] == '/' ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "/" : "") + parts[i];
  return out;
}

}  // namespace

void MemoryFs::add_file(const std::string& path, std::string bytes, uint32_t mode) {
  std::string p = normalize(path);
  files_[p] = Node{std::move(bytes), mode};
  for (std::string d = path_dirname(p); !d.empty(); d = path_dirname(d)) {
    dirs_[d] = true;
    if (d == "/") break;
  }
}

void MemoryFs::add_dir(const std::string& path) {
  std::string p = normalize(path);
  for (std::string d = p; !d.empty(); d = path_dirname(d)) {
    dirs_[d] = true;
    if (d == "/") break;
  }
}

void MemoryFs::add_symlink(const std::string& path, std::string target) {
  add_file(path, std::move(target), 0777);
  files_[normalize(path)].symlink = true;
}

// Follows symlinks (relative targets from the link's directory) up to 40 deep, like the kernel.
Result<std::string> MemoryFs::read_file(const std::string& path, uint64_t max_bytes) const {
  std::string p = normalize(path);
  for (int depth = 0;; ++depth) {
    auto it = files_.find(p);
    if (it == files_.end()) return make_error(ErrorKind::kNotFound, "no such file", Location{path});
    if (!it->second.symlink) {
      if (it->second.bytes.size() > max_bytes)
        return make_error(ErrorKind::kLimit, "file is over the size limit", Location{path});
      return it->second.bytes;
    }
    if (depth == 40) return make_error(ErrorKind::kIo, "too many levels of symbolic links", Location{path});
    const std::string& target = it->second.bytes;
    p = clean(target.rfind('/', 0) == 0 ? target : path_join(path_dirname(p), target));
  }
}

Result<FileInfo> MemoryFs::stat(const std::string& path) const {
  std::string p = normalize(path);
  if (auto it = files_.find(p); it != files_.end()) {
    const Node& n = it->second;
    FileInfo info;
    info.type = n.symlink ? FileType::kSymlink : FileType::kRegular;
    info.size = n.bytes.size();
    info.mode = n.mode;
    info.mtime = n.mtime;
    if (n.symlink) info.link_target = n.bytes;
    return info;
  }
  if (dirs_.count(p) || p == "." || p.empty()) return FileInfo{FileType::kDirectory, 0, 0755};
  return make_error(ErrorKind::kNotFound, "no such file", Location{path});
}

Result<std::vector<DirEntry>> MemoryFs::list_dir(const std::string& path) const {
  std::string p = normalize(path);
  if (p == ".") p = "";
  if (!p.empty() && !dirs_.count(p))
    return make_error(ErrorKind::kNotFound, "no such directory", Location{path});
  std::map<std::string, FileType> seen;
  auto consider = [&](const std::string& full, FileType t) {
    if (path_dirname(full) != p) return;
    seen[path_basename(full)] = t;
  };
  for (const auto& [f, node] : files_) consider(f, node.symlink ? FileType::kSymlink : FileType::kRegular);
  for (const auto& [d, unused] : dirs_) consider(d, FileType::kDirectory);
  std::vector<DirEntry> out;
  out.reserve(seen.size());
  for (const auto& [name, t] : seen) out.push_back(DirEntry{name, t});
  return out;
}

Status MemoryFs::write_file(const std::string& path, std::string_view bytes) {
  add_file(path, std::string(bytes));
  return ok_status();
}

// Like DiskFs: regular files only, symlinks not followed.
Result<std::shared_ptr<const RandomAccessFile>> MemoryFs::open(const std::string& path) const {
  auto it = files_.find(normalize(path));
  if (it != files_.end() && it->second.symlink)
    return make_error(ErrorKind::kInvalidInput, "is a symbolic link (not followed)", Location{path});
  if (it != files_.end()) return make_string_file(it->second.bytes);
  if (dirs_.count(normalize(path)))
    return make_error(ErrorKind::kInvalidInput, "is a directory", Location{path});
  return make_error(ErrorKind::kNotFound, "no such file", Location{path});
}

Status MemoryFs::remove_file(const std::string& path) {
  if (files_.erase(normalize(path)) == 0)
    return make_error(ErrorKind::kNotFound, "cannot remove: no such file", Location{path});
  return ok_status();
}

Status MemoryFs::make_dirs(const std::string& path) {
  if (files_.count(normalize(path)))
    return make_error(ErrorKind::kIo, "cannot create directory: exists and is not a directory",
                      Location{path});
  add_dir(path);
  return ok_status();
}

// Directories keep no time in the fake: setting one is accepted and has no effect.
Status MemoryFs::set_mtime(const std::string& path, int64_t mtime) {
  std::string p = normalize(path);
  if (auto it = files_.find(p); it != files_.end()) {
    it->second.mtime = mtime;
    return ok_status();
  }
  if (dirs_.count(p)) return ok_status();
  return make_error(ErrorKind::kNotFound, "no such file", Location{path});
}

}  // namespace customs
