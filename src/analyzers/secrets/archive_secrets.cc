#include "analyzers/secrets/archive_secrets.h"

#include <algorithm>
#include <array>

#include "core/strings.h"
#include "io/zip.h"

namespace customs {

namespace {

constexpr std::array<std::string_view, 4> kArchiveSuffixes{".jar", ".war", ".ear", ".zip"};
constexpr size_t kMaxEntryName = 1024;

// An entry name as a label: control bytes become '?', at most kMaxEntryName bytes.
std::string entry_label(std::string_view name) {
  std::string out(name.substr(0, kMaxEntryName));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}

// One archive tree: the budget of decompressed bytes is shared by the archive and the archives
// inside it.
struct Walk {
  const SecretScanner& scanner;
  uint64_t budget;
  bool budget_hit = false;
  ArchiveScanResult& out;
};

std::string too_large(uint64_t size, uint64_t limit) {
  return std::to_string(size) + " bytes, over the " + std::to_string(limit) +
         "-byte limit (secrets.max-file-size)";
}

void scan_zip(Walk& w, const std::string& path, std::string_view bytes, int depth);

bool opens_as_archive(const Walk& w, const std::string& name, int depth) {
  return depth < w.scanner.options().archive_depth && is_secret_archive_path(name);
}

// How many bytes of an entry to read: the whole of a nested archive (within the budget), else up
// to max-file-size; entries declared larger are recorded as skipped and not read.
uint64_t entry_want(Walk& w, const std::string& full, const ZipEntryInfo& info, int depth) {
  if (!w.scanner.wants_path(full)) return 0;
  if (w.budget == 0) {
    w.budget_hit = true;
    return 0;
  }
  if (opens_as_archive(w, info.name, depth)) return w.budget;
  uint64_t max = w.scanner.options().max_file_size;
  if (info.size > max) {
    w.out.skipped.push_back({full, too_large(info.size, max)});
    return 0;
  }
  return std::min(max, w.budget);
}

void visit_entry(Walk& w, const std::string& full, const ZipEntryInfo& info, std::string_view content,
                 bool truncated, int depth) {
  w.budget -= std::min<uint64_t>(w.budget, content.size());
  if (opens_as_archive(w, info.name, depth) && looks_like_zip(content)) {
    if (truncated) {
      w.budget_hit = true;
      return;
    }
    scan_zip(w, full, content, depth + 1);
    return;
  }
  if (truncated) {
    uint64_t max = w.scanner.options().max_file_size;
    if (content.size() < max) {
      w.budget_hit = true;
      return;
    }
    w.out.skipped.push_back({full, too_large(std::max<uint64_t>(info.size, content.size() + 1), max)});
    return;
  }
  for (SecretHit& h : scan_masked(w.scanner, full, content)) w.out.hits.push_back({full, std::move(h)});
}

void scan_zip(Walk& w, const std::string& path, std::string_view bytes, int depth) {
  ZipLimits limits;
  limits.max_total_bytes = w.budget + 1;  // the walk's budget decides; read_zip only backs it up
  auto want = [&](const ZipEntryInfo& info) {
    return entry_want(w, path + "!/" + entry_label(info.name), info, depth);
  };
  auto visit = [&](const ZipEntryInfo& info, std::string_view content, bool truncated) {
    visit_entry(w, path + "!/" + entry_label(info.name), info, content, truncated, depth);
  };
  Status s = read_zip(bytes, path, limits, want, visit);
  if (!s.ok() && s.error().kind != ErrorKind::kLimit) w.out.notes.push_back(s.error().message);
  if (!s.ok() && s.error().kind == ErrorKind::kLimit) w.budget_hit = true;
}

}  // namespace

std::vector<SecretHit> scan_masked(const SecretScanner& scanner, std::string_view path,
                                   std::string_view text) {
  std::vector<SecretHit> hits = scanner.scan(path, text);
  for (SecretHit& h : hits) {
    for (const SecretHit& other : hits) {
      if (other.end > text.size() || other.end < other.begin + 4) continue;
      h.snippet =
          replace_all(std::move(h.snippet), text.substr(other.begin, other.end - other.begin), other.masked);
    }
  }
  return hits;
}

bool is_secret_archive_path(std::string_view path) {
  std::string lower = to_lower(path.substr(path.size() > 4 ? path.size() - 4 : 0));
  return std::find(kArchiveSuffixes.begin(), kArchiveSuffixes.end(), lower) != kArchiveSuffixes.end();
}

ArchiveScanResult scan_archive_secrets(const SecretScanner& scanner, std::string_view path,
                                       std::string_view bytes) {
  ArchiveScanResult out;
  if (!looks_like_zip(bytes)) return out;
  Walk w{scanner, scanner.options().archive_max_bytes, false, out};
  scan_zip(w, std::string(path), bytes, 1);
  if (w.budget_hit)
    out.notes.push_back(std::string(path) + ": stopped after " +
                        std::to_string(scanner.options().archive_max_bytes) +
                        " decompressed bytes (secrets.archive-max-bytes); the entries after that were not "
                        "scanned for secrets");
  return out;
}

}  // namespace customs
