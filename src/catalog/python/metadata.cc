// Core metadata (https://packaging.python.org/specifications/core-metadata/): the header block of
// METADATA (wheels, pip), PKG-INFO (eggs, setuptools) and bare *.egg-info files (distutils). Read as
// Python's email.parser does: headers until the first blank line, continuation lines start with
// white space, a line that is not a header starts the body.
#include <algorithm>
#include <cctype>

#include "catalog/python/python.h"
#include "catalog/util.h"
#include "core/strings.h"

namespace customs {
namespace {

// The headers the catalogers use, before choosing among them.
struct RawHeaders {
  std::string name;
  std::string version;
  std::string license;  // unfolded: continuation lines joined with "\n"
  std::string license_expression;
  std::string author;
  std::string author_email;
  std::string maintainer;
  std::string maintainer_email;
  std::string home_page;
  std::string project_homepage;  // Project-URL labelled "Homepage"
  std::vector<std::string> classifier_licenses;
};

struct SingleField {
  std::string_view header;
  std::string RawHeaders::*field;
};

// Single-valued headers; the first occurrence wins (email.message.Message.get()).
constexpr SingleField kSingleFields[] = {
    {"Name", &RawHeaders::name},
    {"Version", &RawHeaders::version},
    {"License", &RawHeaders::license},
    {"License-Expression", &RawHeaders::license_expression},
    {"Author", &RawHeaders::author},
    {"Author-email", &RawHeaders::author_email},
    {"Maintainer", &RawHeaders::maintainer},
    {"Maintainer-email", &RawHeaders::maintainer_email},
    {"Home-page", &RawHeaders::home_page},
};

bool is_used_header(std::string_view header) {
  if (iequals(header, "Classifier") || iequals(header, "Project-URL")) return true;
  for (const SingleField& f : kSingleFields)
    if (iequals(header, f.header)) return true;
  return false;
}

// "License :: OSI Approved :: MIT License" -> "MIT License"; "" for a bare category.
std::string classifier_license(std::string_view classifier) {
  std::vector<std::string> parts = split(classifier, ':');
  std::vector<std::string_view> segments;
  for (const std::string& p : parts)
    if (!trim(p).empty()) segments.push_back(trim(p));
  if (segments.size() < 2 || segments.front() != "License") return {};
  std::string_view last = segments.back();
  if (segments.size() == 2 && (last == "OSI Approved" || last == "DFSG approved")) return {};
  return std::string(last);
}

// Project-URL labels compare after removing punctuation and white space, lowercased (PEP 753).
bool is_homepage_label(std::string_view label) {
  std::string norm;
  for (unsigned char c : label)
    if (std::isalnum(c)) norm += static_cast<char>(std::tolower(c));
  return norm == "homepage";
}

void apply_header(RawHeaders& raw, std::string_view header, std::string_view value) {
  if (value.empty() || value == "UNKNOWN") return;
  if (iequals(header, "Classifier")) {
    std::string lic = classifier_license(value);
    std::vector<std::string>& list = raw.classifier_licenses;
    if (!lic.empty() && std::find(list.begin(), list.end(), lic) == list.end())
      list.push_back(std::move(lic));
    return;
  }
  if (iequals(header, "Project-URL")) {
    size_t comma = value.find(',');
    if (comma != std::string_view::npos && raw.project_homepage.empty() &&
        is_homepage_label(value.substr(0, comma)))
      raw.project_homepage = std::string(trim(value.substr(comma + 1)));
    return;
  }
  for (const SingleField& f : kSingleFields) {
    if (!iequals(header, f.header)) continue;
    if ((raw.*f.field).empty()) raw.*f.field = std::string(value);
    return;
  }
}

// License-Expression (metadata 2.4) first; then a one-line License; then the licence classifiers;
// a License that is a whole licence text (several lines) gives its first line only when no
// classifier names the licence.
std::vector<std::string> choose_licenses(const RawHeaders& raw) {
  if (!raw.license_expression.empty()) return {raw.license_expression};
  size_t nl = raw.license.find('\n');
  if (!raw.license.empty() && nl == std::string::npos) return {raw.license};
  if (!raw.classifier_licenses.empty()) return raw.classifier_licenses;
  if (!raw.license.empty()) return {std::string(trim(std::string_view(raw.license).substr(0, nl)))};
  return {};
}

std::string choose_supplier(const RawHeaders& raw) {
  for (const std::string* s : {&raw.author, &raw.author_email, &raw.maintainer, &raw.maintainer_email})
    if (!s->empty()) return *s;
  return {};
}

}  // namespace

PythonMetadata parse_python_metadata(std::string_view text, bool truncated) {
  RawHeaders raw;
  std::string_view header;
  std::string value;
  bool open = false;  // a used header is being read
  bool ended = false;
  size_t pos = 0;
  while (pos < text.size() && !ended) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      if (open) value.append("\n").append(trim(line));
      continue;
    }
    if (open) apply_header(raw, header, trim(value));
    open = false;
    size_t colon = line.find(':');
    if (line.empty() || colon == std::string_view::npos) {
      ended = true;  // the blank line, or a body line with no separator before it
      break;
    }
    header = trim(line.substr(0, colon));
    open = is_used_header(header);
    if (open) value.assign(trim(line.substr(colon + 1)));
  }
  if (open) apply_header(raw, header, trim(value));

  PythonMetadata md;
  md.headers_cut = truncated && !ended;
  md.name = std::move(raw.name);
  md.version = std::move(raw.version);
  md.licenses = choose_licenses(raw);
  md.supplier = choose_supplier(raw);
  md.homepage = !raw.home_page.empty() ? raw.home_page : raw.project_homepage;
  return md;
}

std::string version_from_distribution_name(std::string_view file_name) {
  for (std::string_view suffix : {".dist-info", ".egg-info", ".egg"}) {
    if (ends_with(file_name, suffix)) {
      file_name.remove_suffix(suffix.size());
      break;
    }
  }
  size_t dash = file_name.find('-');
  if (dash == std::string_view::npos || dash == 0) return {};
  std::string_view rest = file_name.substr(dash + 1);
  return std::string(rest.substr(0, rest.find('-')));
}

void add_metadata_package(const CatalogFile& file, std::string_view text, bool truncated, std::string path,
                          std::string_view distribution, std::string_view cataloger, CatalogResult& out) {
  PythonMetadata md = parse_python_metadata(text, truncated);
  if (truncated)
    add_diag(out, file, "python.truncated",
             md.headers_cut ? "core metadata cut inside its headers: fields after the cut are missing"
                            : "core metadata truncated after its headers (the description is not read)");
  if (md.name.empty()) {
    add_diag(out, file, "python.missing-name", "core metadata at " + path + " has no Name header");
    return;
  }
  Package p;
  p.type = PackageType::kPypi;
  p.name = std::move(md.name);
  p.version = std::move(md.version);
  if (p.version.empty()) {
    p.version = version_from_distribution_name(distribution);
    if (p.version.empty()) {
      add_diag(out, file, "python.missing-version",
               "core metadata of '" + p.name + "' has no Version header");
      return;
    }
    p.version_source = "file name";
  }
  p.licenses = std::move(md.licenses);
  p.supplier = std::move(md.supplier);
  p.homepage = std::move(md.homepage);
  p.cataloger = std::string(cataloger);
  p.origin = PackageOrigin::kInstalled;
  p.path = std::move(path);
  out.packages.push_back(std::move(p));
}

}  // namespace customs
