#include "vulndb/importer.h"

#include "io/decompress.h"
#include "io/zip.h"
#include "vulndb/import/feed.h"

namespace customs {

namespace {

constexpr size_t kHeadBytes = 8192;

class Importer {
 public:
  Importer(const FsView& fs, VulnStore& store, const ImportOptions& o)
      : fs_(fs), store_(store), options_(o) {}

  Status path(const std::string& p, bool named) {
    auto info = fs_.stat(p);
    if (!info) return info.error();
    if (info->type == FileType::kDirectory) return directory(p);
    if (info->type != FileType::kRegular)
      return make_error(ErrorKind::kInvalidInput, p + ": not a regular file");
    auto bytes = fs_.read_file(p, options_.max_file_bytes);
    if (!bytes) return bytes.error();
    return content(p, *bytes, named);
  }

  ImportReport report;

 private:
  Status directory(const std::string& dir) {
    auto entries = fs_.list_dir(dir);
    if (!entries) return entries.error();
    for (const auto& e : *entries) {
      if (e.name.starts_with(".")) continue;
      std::string child = dir + (dir.ends_with("/") ? "" : "/") + e.name;
      if (e.type != FileType::kDirectory && e.type != FileType::kRegular) continue;
      if (Status s = path(child, false); !s) return s;
    }
    return ok_status();
  }

  // One file's bytes: a zip of feed files, a gzip-compressed feed, or a feed.
  Status content(const std::string& name, std::string_view bytes, bool named) {
    if (looks_like_zip(bytes)) return zip(name, bytes);
    if (detect_compression(bytes.substr(0, 4)) != Compression::kNone) {
      auto in = make_decompressing_stream(make_string_stream(std::string(bytes)), name);
      auto plain = read_all(*in, options_.max_file_bytes);
      if (!plain) return plain.error();
      std::string inner = name.ends_with(".gz") ? name.substr(0, name.size() - 3) : name;
      return feed(inner, *plain, named);
    }
    return feed(name, bytes, named);
  }

  Status zip(const std::string& name, std::string_view bytes) {
    Status inner = ok_status();
    ZipLimits limits;
    limits.max_total_bytes = options_.max_file_bytes * 8;
    Status read = read_zip(
        bytes, name, limits, [&](const ZipEntryInfo&) { return options_.max_file_bytes; },
        [&](const ZipEntryInfo& e, std::string_view member, bool truncated) {
          if (!inner) return;
          std::string where = name + "!/" + e.name;
          if (truncated) {
            inner = make_error(ErrorKind::kLimit, where + ": larger than the feed file limit");
            return;
          }
          inner = feed(where, member, false);
        });
    if (!read) return read;
    return inner;
  }

  Status feed(const std::string& name, std::string_view bytes, bool named) {
    auto kind = detect_feed(name, bytes.substr(0, kHeadBytes));
    if (!kind) {
      if (named)
        return make_error(ErrorKind::kInvalidInput, name + ": not a vulnerability feed customs knows");
      ++report.skipped_files;
      return ok_status();
    }
    auto batch = parse_feed(*kind, bytes, name, report.diagnostics);
    if (!batch) return batch.error();
    ++report.files;
    report.advisories += batch->advisories.size();
    if (options_.progress) options_.progress(report.files);
    return store_.add(*batch);
  }

  const FsView& fs_;
  VulnStore& store_;
  const ImportOptions& options_;
};

}  // namespace

Result<ImportReport> import_paths(const std::vector<std::string>& paths, const FsView& fs, VulnStore& store,
                                  const ImportOptions& options) {
  if (Status s = store.begin_import(); !s) return s.error();
  Importer importer(fs, store, options);
  std::string files;
  for (const auto& p : paths) {
    if (Status s = importer.path(p, true); !s) {
      store.rollback_import();
      return s.error();
    }
    files += (files.empty() ? "" : " ") + p;
  }
  if (Status s = store.commit_import(options.imported_at, files); !s) return s.error();
  importer.report.counts = store.import_counts();
  return std::move(importer.report);
}

}  // namespace customs
