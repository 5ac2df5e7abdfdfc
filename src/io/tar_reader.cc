#include "io/tar_reader.h"

#include <archive.h>
#include <archive_entry.h>

#include <cerrno>
#include <memory>
#include <optional>

namespace customs {

namespace {

// The read callback hands libarchive blocks of up to kBlockSize bytes. libarchive reads tar data
// straight out of them (it copies only across block edges), so bigger blocks mean fewer copies
// and calls. The first block is small so that small archives cost little.
constexpr size_t kFirstBlockSize = size_t{64} << 10;
constexpr size_t kBlockSize = size_t{1} << 20;

struct TypeMapping {
  unsigned int filetype;  // AE_IF*
  EntryType type;
};
constexpr TypeMapping kTypes[] = {
    {AE_IFREG, EntryType::kFile},       {AE_IFDIR, EntryType::kDirectory},   {AE_IFLNK, EntryType::kSymlink},
    {AE_IFCHR, EntryType::kCharDevice}, {AE_IFBLK, EntryType::kBlockDevice}, {AE_IFIFO, EntryType::kFifo},
};

std::optional<EntryType> entry_type(archive_entry* e) {
  if (archive_entry_hardlink(e) != nullptr) return EntryType::kHardlink;
  for (const auto& t : kTypes)
    if (archive_entry_filetype(e) == t.filetype) return t.type;
  return std::nullopt;
}

// Names as stored: the UTF-8 form when libarchive has one, else the raw bytes (non-UTF-8 names
// and, in the C locale, every non-ASCII name).
std::string utf8_or_raw(const char* utf8, const char* raw) {
  if (utf8 != nullptr) return utf8;
  return raw != nullptr ? raw : "";
}

// libarchive's tar reader over an InputStream. It never seeks (no seek or skip callback: skipped
// content is read and dropped) and bounds its own per-entry allocations (pax and GNU long-name
// headers over 1 MiB are errors). Errors from the stream below are returned as they are;
// libarchive's own become kInvalidInput naming the archive and the entry. Archive errors are
// sticky; a bad entry name is not (the next call goes on with the following entry).
class TarReader : public EntryReader {
 public:
  TarReader(std::unique_ptr<InputStream> in, std::string what, EntryLimits limits)
      : in_(std::move(in)), what_(std::move(what)), limits_(limits), archive_(archive_read_new()) {}
  ~TarReader() override { archive_read_free(archive_); }
  TarReader(const TarReader&) = delete;
  TarReader& operator=(const TarReader&) = delete;

  Result<std::optional<FsEntry>> next() override {
    if (failed_) return *failed_;
    if (done_) return std::optional<FsEntry>();
    if (!opened_) {
      Status s = open();
      if (!s.ok()) return fail(s.error());
    }
    if (in_entry_ && archive_read_data_skip(archive_) != ARCHIVE_OK)
      return fail(archive_failure("entry " + quote_entry_name(current_)));
    in_entry_ = false;
    archive_entry* e = nullptr;
    int r = archive_read_next_header(archive_, &e);
    if (r == ARCHIVE_EOF) return finish();
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      return fail(archive_failure(entries_ == 0 ? std::string("first header")
                                                : "header after entry " + quote_entry_name(current_)));
    }
    if (++entries_ > limits_.max_entries)
      return fail(make_error(ErrorKind::kLimit,
                             what_ + ": more than " + std::to_string(limits_.max_entries) + " entries"));
    in_entry_ = true;
    current_ = utf8_or_raw(archive_entry_pathname_utf8(e), archive_entry_pathname(e));
    auto entry = to_entry(e);
    if (!entry.ok()) return entry.error();
    current_ = entry->path;
    return std::optional<FsEntry>(std::move(*entry));
  }

  Result<size_t> read(char* buf, size_t n) override {
    if (failed_) return *failed_;
    if (!in_entry_ || n == 0) return size_t{0};
    la_ssize_t got = archive_read_data(archive_, buf, n);
    if (got < 0) return fail(archive_failure("entry " + quote_entry_name(current_)));
    return static_cast<size_t>(got);
  }

 private:
  static la_ssize_t read_callback(archive* a, void* self_ptr, const void** block) {
    auto* self = static_cast<TarReader*>(self_ptr);
    auto got = self->read_block();
    if (!got.ok()) {
      self->stream_error_ = got.error();
      archive_set_error(a, EIO, "read error");
      return ARCHIVE_FATAL;
    }
    *block = self->block_.get();
    return static_cast<la_ssize_t>(*got);
  }

  Result<size_t> read_block() {
    if (stream_eof_) return size_t{0};
    // Grows once the stream has given a first block's worth of bytes.
    if (!block_ || (block_size_ < kBlockSize && bytes_in_ >= kFirstBlockSize)) {
      block_size_ = block_ ? kBlockSize : kFirstBlockSize;
      block_ = std::make_unique_for_overwrite<char[]>(block_size_);
    }
    auto got = in_->read(block_.get(), block_size_);
    if (!got.ok()) return got;
    if (*got == 0) stream_eof_ = true;
    bytes_in_ += *got;
    return got;
  }

  Status open() {
    opened_ = true;
    archive_read_support_format_tar(archive_);
    if (archive_read_open(archive_, this, nullptr, &TarReader::read_callback, nullptr) == ARCHIVE_OK)
      return ok_status();
    if (stream_error_) return *stream_error_;
    // libarchive takes 1024 zero bytes (an empty layer) for a tar archive but not 0 bytes.
    if (bytes_in_ == 0) return make_error(ErrorKind::kInvalidInput, what_ + ": not a tar archive: empty");
    return make_error(ErrorKind::kInvalidInput, what_ + ": not a tar archive: " + libarchive_message());
  }

  // End of the archive: the stream below is read to its end (trailing bytes, digest checks).
  Result<std::optional<FsEntry>> finish() {
    while (!stream_eof_) {
      auto got = read_block();
      if (!got.ok()) return fail(got.error());
    }
    done_ = true;
    return std::optional<FsEntry>();
  }

  Result<FsEntry> to_entry(archive_entry* e) const {
    FsEntry out;
    auto path = normalize_entry_path(current_, limits_, false);
    if (!path.ok()) return located(path.error());
    out.path = std::move(*path);
    auto type = entry_type(e);
    if (!type)
      return make_error(ErrorKind::kInvalidInput, what_ + ": entry " + quote_entry_name(current_) +
                                                      ": unsupported file type " +
                                                      std::to_string(archive_entry_filetype(e)));
    out.type = *type;
    if (out.type == EntryType::kFile)
      out.size = static_cast<uint64_t>(std::max<int64_t>(0, archive_entry_size(e)));
    out.mode = static_cast<uint32_t>(archive_entry_perm(e)) & 07777;
    out.uid = static_cast<uint32_t>(archive_entry_uid(e));
    out.gid = static_cast<uint32_t>(archive_entry_gid(e));
    out.mtime = archive_entry_mtime(e);
    if (out.type == EntryType::kSymlink) {
      out.link_target = utf8_or_raw(archive_entry_symlink_utf8(e), archive_entry_symlink(e));
    } else if (out.type == EntryType::kHardlink) {
      auto target = normalize_entry_path(
          utf8_or_raw(archive_entry_hardlink_utf8(e), archive_entry_hardlink(e)), limits_, false);
      if (!target.ok())
        return make_error(ErrorKind::kInvalidInput, what_ + ": entry " + quote_entry_name(current_) +
                                                        ": hard link to " + target.error().message);
      out.link_target = std::move(*target);
    }
    return out;
  }

  Error located(const Error& e) const { return make_error(e.kind, what_ + ": " + e.message); }

  std::string libarchive_message() const {
    const char* msg = archive_error_string(archive_);
    return msg != nullptr ? msg : "unknown libarchive error";
  }

  // The stream's own error when it failed, else libarchive's message with `context`.
  Error archive_failure(const std::string& context) const {
    if (stream_error_) return *stream_error_;
    return make_error(ErrorKind::kInvalidInput, what_ + ": " + context + ": " + libarchive_message());
  }

  Error fail(Error e) {
    failed_ = e;
    return e;
  }

  std::unique_ptr<InputStream> in_;
  std::string what_;
  EntryLimits limits_;
  archive* archive_;
  std::unique_ptr<char[]> block_;
  size_t block_size_ = 0;
  std::optional<Error> stream_error_;
  std::optional<Error> failed_;
  uint64_t bytes_in_ = 0;
  uint64_t entries_ = 0;
  std::string current_;  // the current entry's name (raw, then normalised), for errors
  bool stream_eof_ = false;
  bool opened_ = false;
  bool in_entry_ = false;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<EntryReader> make_tar_reader(std::unique_ptr<InputStream> in, std::string what,
                                             EntryLimits limits) {
  return std::make_unique<TarReader>(std::move(in), std::move(what), limits);
}

}  // namespace customs
