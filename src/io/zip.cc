#include "io/zip.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <memory>

namespace customs {
namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

Error zip_error(archive* a, std::string_view what, const std::string& name) {
  const char* msg = archive_error_string(a);
  std::string where = name.empty() ? std::string() : " at entry '" + name + "'";
  return make_error(ErrorKind::kInvalidInput, std::string(what) + ": unreadable zip" + where + ": " +
                                                  (msg != nullptr ? msg : "unknown error"));
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes[0] == 'P' && bytes[1] == 'K' &&
         ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6));
}

Status read_zip(std::string_view bytes, std::string_view what, const ZipLimits& limits, const ZipWant& want,
                const ZipVisit& visit) {
  std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
  if (!a) return make_error(ErrorKind::kInternal, "archive_read_new failed");
  // The seekable reader trusts the central directory, as the JVM and Python do.
  archive_read_support_format_zip_seekable(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK)
    return zip_error(a.get(), what, "");
  uint64_t entries = 0;
  uint64_t total = 0;
  std::string buf;
  while (true) {
    archive_entry* e = nullptr;
    int rc = archive_read_next_header(a.get(), &e);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) return zip_error(a.get(), what, "");
    if (++entries > limits.max_entries)
      return make_error(ErrorKind::kLimit, std::string(what) + ": more than " +
                                               std::to_string(limits.max_entries) + " zip entries");
    const char* raw = archive_entry_pathname(e);
    ZipEntryInfo info;
    info.name = raw != nullptr ? raw : "";
    if (archive_entry_filetype(e) == AE_IFDIR || (!info.name.empty() && info.name.back() == '/')) continue;
    info.size = archive_entry_size_is_set(e)
                    ? static_cast<uint64_t>(std::max<la_int64_t>(0, archive_entry_size(e)))
                    : 0;
    uint64_t max = want(info);
    if (max == 0) continue;
    buf.clear();
    bool truncated = false;
    char chunk[65536];
    while (true) {
      la_ssize_t n = archive_read_data(a.get(), chunk, sizeof chunk);
      if (n < 0) return zip_error(a.get(), what, info.name);
      if (n == 0) break;
      total += static_cast<uint64_t>(n);
      if (total > limits.max_total_bytes)
        return make_error(ErrorKind::kLimit,
                          std::string(what) + ": more than " + std::to_string(limits.max_total_bytes >> 20) +
                              " MiB decompressed from the zip (at entry '" + info.name + "')");
      uint64_t room = max > buf.size() ? max - buf.size() : 0;
      if (static_cast<uint64_t>(n) > room) {
        buf.append(chunk, static_cast<size_t>(room));
        truncated = true;
        break;
      }
      buf.append(chunk, static_cast<size_t>(n));
    }
    visit(info, buf, truncated);
  }
  return ok_status();
}

}  // namespace customs
