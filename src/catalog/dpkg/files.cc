// dpkg-files: the files a package owns, from info/<name>[:arch].list and distroless
// status.d/<name>.md5sums, as PackageFacts the inventory attaches to the package.
#include <cctype>

#include "catalog/dpkg/dpkg.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

constexpr size_t kMaxReportedLines = 5;

// "libc6:amd64.list" -> package "libc6", arch "amd64" (suffix already known to be there).
PackageFacts facts_from_file_name(std::string_view path, std::string_view suffix) {
  std::string_view stem = base_name(path);
  stem.remove_suffix(suffix.size());
  size_t colon = stem.find(':');
  PackageFacts facts;
  facts.type = PackageType::kDeb;
  facts.package = std::string(stem.substr(0, colon));
  if (colon != std::string_view::npos) facts.arch = std::string(stem.substr(colon + 1));
  return facts;
}

std::string_view strip_leading_slashes(std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return path;
}

bool is_md5_hex(std::string_view s) {
  if (s.size() != 32) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Reports a malformed line; only the first few of a file, then how many more there were.
class LineReporter {
 public:
  LineReporter(const CatalogFile& file, CatalogResult& out, std::string message)
      : file_(file), out_(out), message_(std::move(message)) {}
  void bad(int line) {
    if (count_++ < kMaxReportedLines) add_diag(out_, file_, "dpkg.malformed-line", message_, line);
  }
  void finish() {
    if (count_ > kMaxReportedLines) {
      add_diag(out_, file_, "dpkg.malformed-line",
               std::to_string(count_ - kMaxReportedLines) + " more malformed lines not reported");
    }
    if (file_.truncated)
      add_diag(out_, file_, "dpkg.truncated", "file larger than the part read; file list cut");
  }

 private:
  const CatalogFile& file_;
  CatalogResult& out_;
  std::string message_;
  size_t count_ = 0;
};

// The lines of a file that may be cut: when truncated, the last (partial) line is dropped.
std::vector<std::string_view> whole_lines(const CatalogFile& file) {
  std::vector<std::string_view> lines = split_lines(file.content);
  if (file.truncated && !lines.empty() && !ends_with(file.content, "\n")) lines.pop_back();
  return lines;
}

}  // namespace

void parse_dpkg_list(const CatalogFile& file, CatalogResult& out) {
  PackageFacts facts = facts_from_file_name(file.path, ".list");
  LineReporter report(file, out, "not an absolute path");
  int number = 0;
  for (std::string_view line : whole_lines(file)) {
    ++number;
    if (line.empty() || line == "/.") continue;  // "/." is the root every package lists
    if (line.front() != '/') {
      report.bad(number);
      continue;
    }
    std::string_view path = strip_leading_slashes(line);
    if (!path.empty()) facts.files.emplace_back(path);
  }
  report.finish();
  out.facts.push_back(std::move(facts));
}

void parse_dpkg_md5sums(const CatalogFile& file, CatalogResult& out) {
  PackageFacts facts = facts_from_file_name(file.path, ".md5sums");
  LineReporter report(file, out, "not \"<md5>  <path>\"");
  int number = 0;
  for (std::string_view line : whole_lines(file)) {
    ++number;
    if (line.empty()) continue;
    size_t space = line.find(' ');
    std::string_view path = space == std::string_view::npos ? std::string_view() : trim(line.substr(space));
    path = strip_leading_slashes(path);
    if (!is_md5_hex(line.substr(0, space)) || path.empty()) {
      report.bad(number);
      continue;
    }
    facts.files.emplace_back(path);
  }
  report.finish();
  out.facts.push_back(std::move(facts));
}

}  // namespace customs
