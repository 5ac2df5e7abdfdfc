#include "io/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace customs {

namespace {

Error io_error(const std::string& path, const std::string& what, int err) {
  Location loc;
  loc.file = path;
  ErrorKind kind = err == ENOENT || err == ENOTDIR ? ErrorKind::kNotFound : ErrorKind::kIo;
  return make_error(kind, what + ": " + std::strerror(err), loc);
}

FileType type_of(mode_t m) {
  if (S_ISREG(m)) return FileType::kRegular;
  if (S_ISDIR(m)) return FileType::kDirectory;
  if (S_ISLNK(m)) return FileType::kSymlink;
  return FileType::kOther;
}

std::string normalize(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  if (p.rfind("./", 0) == 0) p = p.substr(2);
  return p;
}

// "is a directory", "not a regular file (a FIFO)", ...
Error not_regular(const std::string& path, mode_t m) {
  if (S_ISDIR(m)) return make_error(ErrorKind::kInvalidInput, "is a directory", Location{path});
  const char* what = S_ISFIFO(m)   ? " (a FIFO)"
                     : S_ISCHR(m)  ? " (a character device)"
                     : S_ISBLK(m)  ? " (a block device)"
                     : S_ISSOCK(m) ? " (a socket)"
                                   : "";
  return make_error(ErrorKind::kInvalidInput, std::string("not a regular file") + what, Location{path});
}

// Reads fd to the end, failing once more than max_bytes arrive (the file may grow while read).
Result<std::string> read_all(int fd, const std::string& path, uint64_t max_bytes) {
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(path, "cannot read", errno);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes)
      return make_error(ErrorKind::kLimit,
                        "file grew over the limit of " + std::to_string(max_bytes) + " bytes while reading",
                        Location{path});
  }
  return out;
}

}  // namespace

bool FsView::is_directory(const std::string& path) const {
  auto st = stat(path);
  return st.ok() && st->type == FileType::kDirectory;
}

// Only regular files are read: a FIFO would block, a device may never end. The type is checked
// before opening (opening a device can have effects) and again on the open descriptor.
Result<std::string> DiskFs::read_file(const std::string& path, uint64_t max_bytes) const {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return io_error(path, "cannot stat", errno);
  if (!S_ISREG(st.st_mode)) return not_regular(path, st.st_mode);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return io_error(path, "cannot open", errno);
  Result<std::string> out = [&]() -> Result<std::string> {
    if (::fstat(fd, &st) != 0) return io_error(path, "cannot stat", errno);
    if (!S_ISREG(st.st_mode)) return not_regular(path, st.st_mode);
    if (static_cast<uint64_t>(st.st_size) > max_bytes)
      return make_error(
          ErrorKind::kLimit,
          "file is " + std::to_string(st.st_size) + " bytes, over the limit of " + std::to_string(max_bytes),
          Location{path});
    return read_all(fd, path, max_bytes);
  }();
  ::close(fd);
  return out;
}

Result<FileInfo> DiskFs::stat(const std::string& path) const {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return io_error(path, "cannot stat", errno);
  return FileInfo{type_of(st.st_mode), static_cast<uint64_t>(st.st_size),
                  static_cast<uint32_t>(st.st_mode & 07777)};
}

Result<std::vector<DirEntry>> DiskFs::list_dir(const std::string& path) const {
  DIR* d = ::opendir(path.c_str());
  if (!d) return io_error(path, "cannot list directory", errno);
  std::vector<DirEntry> out;
  while (struct dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    FileType t = FileType::kOther;
    auto st = stat(path_join(path, name));
    if (st.ok()) t = st->type;
    out.push_back(DirEntry{name, t});
  }
  ::closedir(d);
  std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

namespace {

Status write_all(int fd, const std::string& path, std::string_view bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(path, "cannot write", errno);
    }
    off += static_cast<size_t>(n);
  }
  return ok_status();
}

// A FIFO, device or socket the user named (--output /dev/stdout): written in place, never
// replaced. A FIFO without a reader fails (ENXIO) instead of blocking.
Status write_in_place(const std::string& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return io_error(path, "cannot write", errno);
  int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  Status s = write_all(fd, path, bytes);
  ::close(fd);
  return s;
}

}  // namespace

// A regular file is replaced atomically: the bytes go to a fresh temporary file beside it (created
// with O_EXCL by mkstemp, so a planted symlink is never followed) which is then renamed over it.
// A symlink is written through: its target is replaced and the link kept.
Status DiskFs::write_file(const std::string& path, std::string_view bytes) {
  struct stat st {};
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) return not_regular(path, st.st_mode);
  if (exists && !S_ISREG(st.st_mode)) return write_in_place(path, bytes);
  std::string target = path;
  if (exists) {
    char* real = ::realpath(path.c_str(), nullptr);
    if (!real) return io_error(path, "cannot resolve", errno);
    target = real;
    std::free(real);
  }
  std::string tmp = target + ".customs-XXXXXX";
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return io_error(path, "cannot write", errno);
  mode_t mode = st.st_mode & 07777;
  if (!exists) {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  ::fchmod(fd, mode);
  Status s = write_all(fd, path, bytes);
  if (::close(fd) != 0 && s.ok()) s = io_error(path, "cannot write", errno);
  if (s.ok() && ::rename(tmp.c_str(), target.c_str()) != 0) s = io_error(path, "cannot replace", errno);
  if (!s.ok()) ::unlink(tmp.c_str());
  return s;
}

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

Result<std::string> MemoryFs::read_file(const std::string& path, uint64_t max_bytes) const {
  auto it = files_.find(normalize(path));
  if (it == files_.end()) return make_error(ErrorKind::kNotFound, "no such file", Location{path});
  if (it->second.bytes.size() > max_bytes)
    return make_error(ErrorKind::kLimit, "file is over the size limit", Location{path});
  return it->second.bytes;
}

Result<FileInfo> MemoryFs::stat(const std::string& path) const {
  std::string p = normalize(path);
  if (auto it = files_.find(p); it != files_.end())
    return FileInfo{FileType::kRegular, it->second.bytes.size(), it->second.mode};
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
  for (const auto& [f, node] : files_) consider(f, FileType::kRegular);
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

std::string path_join(const std::string& dir, const std::string& name) {
  if (dir.empty() || dir == ".") return name;
  if (dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

std::string path_dirname(const std::string& path) {
  size_t pos = path.rfind('/');
  if (pos == std::string::npos) return "";
  if (pos == 0) return "/";
  return path.substr(0, pos);
}

std::string path_basename(const std::string& path) {
  size_t pos = path.rfind('/');
  return pos == std::string::npos ? path : path.substr(pos + 1);
}

}  // namespace customs
