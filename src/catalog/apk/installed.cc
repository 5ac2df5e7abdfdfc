// apk-installed: lib/apk/db/installed into Packages. Fields this cataloger does not use
// (C checksum, S/I sizes, T description, t build time, c commit, r replaces, q, i install_if,
// a/M/Z file attributes and checksums, k provider priority) are skipped.
#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "catalog/apk/apk.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

constexpr std::string_view kCataloger = "apk-installed";
constexpr size_t kMaxReportedLines = 5;
constexpr uint64_t kMaxInstalledBytes = 256ull << 20;

// Single-valued text fields copied as written.
struct TextField {
  char key;
  std::string Package::*member;
};
constexpr std::array<TextField, 6> kTextFields{{{'P', &Package::name},
                                                {'V', &Package::version},
                                                {'A', &Package::arch},
                                                {'o', &Package::source_name},
                                                {'m', &Package::supplier},
                                                {'U', &Package::homepage}}};

// One record while it is read; the tokens point into the file's content.
struct ApkRecord {
  Package pkg;
  int line = 0;
  std::string_view dir;  // the last F: line
  std::vector<std::string_view> depends;
  std::vector<std::string_view> provides;
};

void append_tokens(std::string_view value, std::vector<std::string_view>& to) {
  size_t pos = 0;
  while (pos < value.size()) {
    size_t start = value.find_first_not_of(" \t", pos);
    if (start == std::string_view::npos) break;
    size_t end = value.find_first_of(" \t", start);
    if (end == std::string_view::npos) end = value.size();
    to.push_back(value.substr(start, end - start));
    pos = end;
  }
}

void apply_field(char key, std::string_view value, ApkRecord& r) {
  for (const TextField& f : kTextFields) {
    if (f.key == key) {
      r.pkg.*f.member = std::string(value);
      return;
    }
  }
  switch (key) {
    case 'L':
      if (!value.empty()) r.pkg.licenses = {std::string(value)};
      break;
    case 'D': append_tokens(value, r.depends); break;
    case 'p': append_tokens(value, r.provides); break;
    case 'F': r.dir = value; break;
    case 'R': {
      std::string path = r.dir.empty() ? std::string(value) : std::string(r.dir) + "/" + std::string(value);
      size_t lead = path.find_first_not_of('/');
      if (lead != std::string::npos) r.pkg.files.push_back(path.substr(lead));
      break;
    }
    default: break;
  }
}

class InstalledReader {
 public:
  InstalledReader(const CatalogFile& file, CatalogResult& out) : file_(file), out_(out) {}

  std::vector<ApkRecord> read(std::string_view content) {
    int number = 0;
    for (std::string_view line : split_lines(content)) {
      ++number;
      if (trim(line).empty()) {
        finish_record();
      } else if (line.size() < 2 || line[1] != ':') {
        bad_line(number);
      } else {
        if (!open_) current_ = ApkRecord{Package{}, number, {}, {}, {}};
        open_ = true;
        apply_field(line[0], line.substr(2), current_);
      }
    }
    finish_record();
    if (bad_lines_ > kMaxReportedLines) {
      add_diag(out_, file_, "apk.malformed-line",
               std::to_string(bad_lines_ - kMaxReportedLines) + " more malformed lines not reported");
    }
    return std::move(records_);
  }

 private:
  void bad_line(int number) {
    if (bad_lines_++ < kMaxReportedLines)
      add_diag(out_, file_, "apk.malformed-line", "not \"X:value\"", number);
  }

  void finish_record() {
    if (!open_) return;
    open_ = false;
    if (current_.pkg.name.empty()) {
      add_diag(out_, file_, "apk.missing-name", "record without a P: line", current_.line);
      return;
    }
    if (current_.pkg.version.empty()) {
      add_diag(out_, file_, "apk.missing-version", "package '" + current_.pkg.name + "' has no V: line",
               current_.line);
    }
    current_.pkg.type = PackageType::kApk;
    current_.pkg.cataloger = std::string(kCataloger);
    current_.pkg.origin = PackageOrigin::kInstalled;
    current_.pkg.path = std::string(file_.path);
    records_.push_back(std::move(current_));
  }

  const CatalogFile& file_;
  CatalogResult& out_;
  std::vector<ApkRecord> records_;
  ApkRecord current_;
  bool open_ = false;
  size_t bad_lines_ = 0;
};

std::optional<size_t> lookup(const std::unordered_map<std::string_view, size_t>& index,
                             std::string_view name) {
  auto it = index.find(name);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

// Resolves D: tokens to the keys of installed packages: by name first, then by provides.
void resolve_dependencies(std::vector<ApkRecord>& records) {
  std::unordered_map<std::string_view, size_t> by_name;
  std::unordered_map<std::string_view, size_t> by_provides;
  for (size_t i = 0; i < records.size(); ++i) {
    by_name.emplace(records[i].pkg.name, i);
    for (std::string_view token : records[i].provides) by_provides.emplace(apk_token_name(token), i);
  }
  std::unordered_set<size_t> targets;  // of the package being resolved, against duplicates
  for (size_t i = 0; i < records.size(); ++i) {
    targets.clear();
    for (std::string_view token : records[i].depends) {
      if (token.front() == '!') continue;  // a conflict, not a dependency
      std::optional<size_t> target = lookup(by_name, apk_token_name(token));
      if (!target) target = lookup(by_provides, apk_token_name(token));
      if (!target || *target == i || !targets.insert(*target).second) continue;
      const Package& dep = records[*target].pkg;
      records[i].pkg.depends_on.push_back(package_key(PackageType::kApk, "", dep.name, dep.version));
    }
  }
}

// wants() is asked about regular files only (catalog.h), so the path decides.
uint64_t wants_installed(const FsEntry& e) {
  if (e.path != "lib/apk/db/installed" && e.path != "usr/lib/apk/db/installed") return 0;
  return std::max<uint64_t>(1, std::min(e.size, kMaxInstalledBytes));
}

}  // namespace

std::string_view apk_token_name(std::string_view token) {
  if (!token.empty() && token.front() == '!') token.remove_prefix(1);
  return token.substr(0, token.find_first_of("=<>~"));
}

void parse_apk_installed(const CatalogFile& file, CatalogResult& out) {
  std::string_view content = file.content;
  if (file.truncated) {
    // The last record may be cut mid-line: read whole records only.
    size_t last_blank = content.rfind("\n\n");
    content = last_blank == std::string_view::npos ? std::string_view() : content.substr(0, last_blank + 1);
    add_diag(out, file, "apk.truncated", "database larger than the part read; later packages missing");
  }
  std::vector<ApkRecord> records = InstalledReader(file, out).read(content);
  resolve_dependencies(records);
  out.packages.reserve(out.packages.size() + records.size());
  for (ApkRecord& r : records) out.packages.push_back(std::move(r.pkg));
}

std::vector<Cataloger> apk_catalogers() {
  return {{"apk-installed", "apk", 1, &wants_installed, &parse_apk_installed}};
}

}  // namespace customs
