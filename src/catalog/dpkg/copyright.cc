// dpkg-copyright: licences from usr/share/doc/<name>/copyright. Machine-readable (DEP-5) files
// give the short names of their License fields; other files give only the licences they point
// to in /usr/share/common-licenses, the one reference free-text Debian copyright files share.
#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

#include "catalog/dpkg/deb822.h"
#include "catalog/dpkg/dpkg.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

// The files of Debian's base-files /usr/share/common-licenses.
constexpr std::array<std::string_view, 17> kCommonLicenses{
    "Apache-2.0", "Artistic", "BSD",  "CC0-1.0", "GFDL",     "GFDL-1.2", "GFDL-1.3", "GPL",    "GPL-1",
    "GPL-2",      "GPL-3",    "LGPL", "LGPL-2",  "LGPL-2.1", "LGPL-3",   "MPL-1.1",  "MPL-2.0"};

// A list without duplicates, in first-seen order; linear in what is added (hostile files can
// hold tens of thousands of names).
class DistinctNames {
 public:
  void add(std::string value) {
    if (!value.empty() && seen_.insert(value).second) names_.push_back(std::move(value));
  }
  std::vector<std::string> take() { return std::move(names_); }

 private:
  std::vector<std::string> names_;
  std::unordered_set<std::string> seen_;
};

// "usr/share/doc/<name>/copyright" -> "<name>".
std::string package_of(std::string_view path) { return std::string(base_name(dir_name(path))); }

bool is_license_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+';
}

std::vector<std::string> common_license_references(std::string_view text) {
  constexpr std::string_view kDir = "/usr/share/common-licenses/";
  DistinctNames names;
  for (size_t at = text.find(kDir); at != std::string_view::npos; at = text.find(kDir, at + 1)) {
    size_t start = at + kDir.size();
    size_t end = start;
    while (end < text.size() && is_license_name_char(text[end])) ++end;
    std::string_view name = text.substr(start, end - start);
    while (!name.empty() && name.back() == '.') name.remove_suffix(1);  // end of a sentence
    if (std::find(kCommonLicenses.begin(), kCommonLicenses.end(), name) != kCommonLicenses.end()) {
      names.add(std::string(name));
    }
  }
  return names.take();
}

// The DEP-5 licences; a single diagnostic for malformed lines (hand-written files often have a
// few and the licences are still readable).
std::vector<std::string> dep5_licenses(const CatalogFile& file, CatalogResult& out) {
  DistinctNames names;
  std::vector<Deb822Error> errors;
  size_t error_count = for_each_deb822_paragraph(
      file.content,
      [&](const Deb822Paragraph& p) {
        for (const Deb822Field& f : p.fields) {
          if (!iequals(f.name, "License")) continue;
          for (std::string& name : dep5_license_names(f.value)) names.add(std::move(name));
        }
      },
      errors);
  if (error_count > 0) {
    add_diag(out, file, "dpkg.malformed-copyright",
             std::to_string(error_count) +
                 " malformed line(s) in a machine-readable copyright file; first: " + errors.front().message,
             errors.front().line);
  }
  return names.take();
}

// A DEP-5 file starts with a header paragraph holding "Format:" (comments may come before).
bool is_dep5(std::string_view text) {
  for (std::string_view line : split_lines(text.substr(0, 4096))) {
    std::string_view t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    return line.size() > 7 && iequals(line.substr(0, 7), "Format:");
  }
  return false;
}

}  // namespace

std::vector<std::string> dep5_license_names(std::string_view expression) {
  DistinctNames names;
  std::string current;
  auto finish = [&] {
    names.add(std::move(current));
    current.clear();
  };
  for (const std::string& word : split_whitespace(expression)) {
    if (iequals(word, "or") || iequals(word, "and")) {
      finish();
      continue;
    }
    std::string_view w = word;
    bool comma = !w.empty() && w.back() == ',';
    if (comma) w.remove_suffix(1);
    if (!w.empty()) current += current.empty() ? std::string(w) : " " + std::string(w);
    if (comma) finish();
  }
  finish();
  return names.take();
}

void parse_dpkg_copyright(const CatalogFile& file, CatalogResult& out) {
  PackageFacts facts;
  facts.type = PackageType::kDeb;
  facts.package = package_of(file.path);
  facts.licenses = is_dep5(file.content) ? dep5_licenses(file, out) : common_license_references(file.content);
  if (file.truncated) {
    add_diag(out, file, "dpkg.truncated",
             "copyright file larger than the part read; licences after it missed");
  }
  if (!facts.licenses.empty()) out.facts.push_back(std::move(facts));
}

}  // namespace customs
