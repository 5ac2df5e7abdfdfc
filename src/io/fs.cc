#include "io/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

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

// The target of a symlink, however long.
Result<std::string> read_link(const std::string& path) {
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
    if (n < 0) return io_error(path, "cannot read link", errno);
    if (static_cast<size_t>(n) < buf.size()) return buf.substr(0, static_cast<size_t>(n));
    if (buf.size() >= (size_t{1} << 20))
      return make_error(ErrorKind::kLimit, "link target too long", Location{path});
    buf.resize(buf.size() * 2);
  }
}

// An open regular file read with pread, which keeps no file position: safe from several threads.
class DiskFile : public RandomAccessFile {
 public:
  DiskFile(int fd, uint64_t size, std::string path) : fd_(fd), size_(size), path_(std::move(path)) {}
  ~DiskFile() override { ::close(fd_); }
  DiskFile(const DiskFile&) = delete;
  DiskFile& operator=(const DiskFile&) = delete;

  uint64_t size() const override { return size_; }
  Result<size_t> read_at(uint64_t offset, char* buf, size_t n) const override {
    size_t done = 0;
    while (done < n) {
      ssize_t k = ::pread(fd_, buf + done, n - done, static_cast<off_t>(offset + done));
      if (k < 0) {
        if (errno == EINTR) continue;
        return io_error(path_, "cannot read", errno);
      }
      if (k == 0) break;
      done += static_cast<size_t>(k);
    }
    return done;
  }

 private:
  int fd_;
  uint64_t size_;
  std::string path_;
};

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
  FileInfo info;
  info.type = type_of(st.st_mode);
  info.size = static_cast<uint64_t>(st.st_size);
  info.mode = static_cast<uint32_t>(st.st_mode & 07777);
  info.uid = st.st_uid;
  info.gid = st.st_gid;
  info.mtime = st.st_mtim.tv_sec;
  info.is_device = S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode);
  if (S_ISLNK(st.st_mode)) {
    auto target = read_link(path);
    if (!target.ok()) return target.error();
    info.link_target = std::move(*target);
  }
  return info;
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

// O_NOFOLLOW refuses a symlink, O_NONBLOCK keeps a FIFO from blocking the open; the type is
// then checked on the descriptor, so nothing swapped in between the check and the read counts.
Result<std::shared_ptr<const RandomAccessFile>> DiskFs::open(const std::string& path) const {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    int err = errno;
    struct stat st {};
    if (err == ELOOP && ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
      return make_error(ErrorKind::kInvalidInput, "is a symbolic link (not followed)", Location{path});
    return io_error(path, "cannot open", err);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    Error e = io_error(path, "cannot stat", errno);
    ::close(fd);
    return e;
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return not_regular(path, st.st_mode);
  }
  return std::shared_ptr<const RandomAccessFile>(
      std::make_shared<DiskFile>(fd, static_cast<uint64_t>(st.st_size), path));
}

Status DiskFs::remove_file(const std::string& path) {
  if (::unlink(path.c_str()) != 0) return io_error(path, "cannot remove", errno);
  return ok_status();
}

// Creates each missing component in turn; one that exists must be a directory (or a link to one).
Status DiskFs::make_dirs(const std::string& path) {
  if (path.empty()) return ok_status();
  for (size_t pos = path.find('/', 1);; pos = path.find('/', pos + 1)) {
    std::string part = path.substr(0, pos);
    if (!part.empty() && part.back() != '/' && ::mkdir(part.c_str(), 0755) != 0) {
      int err = errno;
      struct stat st {};
      if (err != EEXIST) return io_error(part, "cannot create directory", err);
      if (::stat(part.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return make_error(ErrorKind::kIo, "cannot create directory: exists and is not a directory",
                          Location{part});
    }
    if (pos == std::string::npos) return ok_status();
  }
}

// Sets the modification time of the path itself (a symlink is not followed).
Status DiskFs::set_mtime(const std::string& path, int64_t mtime) {
  struct timespec times[2];
  times[0].tv_sec = 0;
  times[0].tv_nsec = UTIME_OMIT;
  times[1].tv_sec = static_cast<time_t>(mtime);
  times[1].tv_nsec = 0;
  if (::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0)
    return io_error(path, "cannot set the modification time", errno);
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
