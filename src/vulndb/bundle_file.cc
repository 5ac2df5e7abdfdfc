#include "vulndb/bundle_file.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace customs::bundle {

namespace {

constexpr size_t kChunk = size_t{1} << 20;

Error io_error(const std::string& path, const std::string& what, int err) {
  return make_error(ErrorKind::kIo, path + ": " + what + ": " + std::strerror(err));
}

struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

struct FdCloser {
  int fd;
  ~FdCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// Feeds `in` (ZSTD_e_end at the end of the input) until zstd has taken it all, writing output.
Status compress_chunk(ZSTD_CCtx* cctx, ZSTD_inBuffer& in, ZSTD_EndDirective mode, std::vector<char>& out,
                      int out_fd, const std::string& out_path) {
  for (;;) {
    ZSTD_outBuffer ob{out.data(), out.size(), 0};
    size_t left = ZSTD_compressStream2(cctx, &ob, &in, mode);
    if (ZSTD_isError(left))
      return make_error(ErrorKind::kInternal, out_path + ": zstd: " + ZSTD_getErrorName(left));
    if (Status s = write_all(out_fd, std::string_view(out.data(), ob.pos), out_path); !s) return s;
    bool done = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
    if (done) return ok_status();
  }
}

}  // namespace

Result<TempFile> TempFile::create(const std::string& target, std::string_view tag) {
  std::string pattern = target + "." + std::string(tag) + "-XXXXXX";
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return io_error(pattern, "cannot create a temporary file", errno);
  return TempFile(std::move(pattern), fd);
}

TempFile::TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)), fd_(other.fd_) {
  other.path_.clear();
  other.fd_ = -1;
}

TempFile::~TempFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!path_.empty()) ::unlink(path_.c_str());
}

Status TempFile::keep_as(const std::string& target) {
  if (::fsync(fd_) != 0) return io_error(path_, "cannot flush", errno);
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return io_error(path_, "cannot write", errno);
  if (::rename(path_.c_str(), target.c_str()) != 0) return io_error(target, "cannot replace", errno);
  path_.clear();
  return ok_status();
}

Result<MappedFile> MappedFile::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    int err = errno;
    return make_error(err == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo,
                      path + ": cannot open: " + std::strerror(err));
  }
  FdCloser closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return io_error(path, "cannot stat", errno);
  if (!S_ISREG(st.st_mode)) return make_error(ErrorKind::kInvalidInput, path + ": not a regular file");
  if (st.st_size == 0) return MappedFile(nullptr, 0);
  void* data = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED) return io_error(path, "cannot map", errno);
  return MappedFile(data, static_cast<size_t>(st.st_size));
}

MappedFile::MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

Status write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return io_error(path, "cannot write", n < 0 ? errno : EIO);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return ok_status();
}

Result<int> snapshot_database(const std::string& db_path, const std::string& copy_path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(db_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  sqlite3_stmt* s = nullptr;
  if (rc == SQLITE_OK) {
    sqlite3_busy_timeout(raw, 10000);
    rc = sqlite3_prepare_v2(raw, "VACUUM INTO ?1", -1, &s, nullptr);
  }
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(s, 1, copy_path.c_str(), -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  sqlite3_finalize(s);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &s, nullptr);
  int version = 0;
  if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) version = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  if (rc != SQLITE_OK)
    return make_error(ErrorKind::kIo, db_path + ": cannot copy the database: " +
                                          (raw != nullptr ? sqlite3_errmsg(raw) : "out of memory"));
  return version;
}

Result<uint64_t> compress_file(const std::string& in_path, int out_fd, const std::string& out_path,
                               int level) {
  int in_fd = ::open(in_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (in_fd < 0) return io_error(in_path, "cannot open", errno);
  FdCloser closer{in_fd};
  std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx(ZSTD_createCCtx());
  if (!cctx) return make_error(ErrorKind::kInternal, "zstd: cannot create a compression context");
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
  std::vector<char> in(kChunk);
  std::vector<char> out(ZSTD_CStreamOutSize());
  uint64_t total = 0;
  for (;;) {
    ssize_t n = ::read(in_fd, in.data(), in.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(in_path, "cannot read", errno);
    total += static_cast<uint64_t>(n);
    ZSTD_inBuffer ib{in.data(), static_cast<size_t>(n), 0};
    ZSTD_EndDirective mode = n == 0 ? ZSTD_e_end : ZSTD_e_continue;
    if (Status s = compress_chunk(cctx.get(), ib, mode, out, out_fd, out_path); !s) return s.error();
    if (n == 0) return total;
  }
}

Result<uint64_t> copy_stream(InputStream& in, int out_fd, const std::string& out_path) {
  std::vector<char> buf(kChunk);
  uint64_t total = 0;
  for (;;) {
    auto got = in.read(buf.data(), buf.size());
    if (!got) return got.error();
    if (*got == 0) return total;
    if (Status s = write_all(out_fd, std::string_view(buf.data(), *got), out_path); !s) return s.error();
    total += *got;
  }
}

}  // namespace customs::bundle
