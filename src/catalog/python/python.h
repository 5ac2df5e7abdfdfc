#pragma once
// The Python catalogers' shared pieces: the core-metadata reader (PEP 566 / 643 / 639 headers of
// METADATA, PKG-INFO and bare *.egg-info files) and the rows of python_catalogers().
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace customs {

// What a core-metadata header block tells about one distribution. "UNKNOWN" (what distutils
// writes for a missing field) is read as absent.
struct PythonMetadata {
  std::string name;     // as written ("PyYAML"); package_key() normalises
  std::string version;  // as written
  std::vector<std::string> licenses;
  std::string supplier;
  std::string homepage;
  bool headers_cut = false;  // the bytes of a truncated file ended inside the header block
};

// Reads the RFC 822-style headers of `text` up to the first blank line. `truncated` says the
// bytes are a prefix of a longer file (sets headers_cut when no blank line was seen).
PythonMetadata parse_python_metadata(std::string_view text, bool truncated);

// The version in a distribution's directory or file name ("six-1.16.0.egg-info",
// "PyYAML-6.0.dist-info", "example-21.12-py3.6.egg"), or "" when it has none.
std::string version_from_distribution_name(std::string_view file_name);

// Reads core metadata `text` found at `path` (inside `file`) into one package of row `cataloger`.
// `distribution` is the *.dist-info / *.egg-info / *.egg name, the version fallback. Problems are
// diagnostics on `file`.
void add_metadata_package(const CatalogFile& file, std::string_view text, bool truncated, std::string path,
                          std::string_view distribution, std::string_view cataloger, CatalogResult& out);

// The rows, in python_catalogers() order.
Cataloger python_installed_cataloger();
Cataloger python_egg_cataloger();
Cataloger python_requirements_cataloger();
Cataloger python_poetry_cataloger();
Cataloger python_pipenv_cataloger();

}  // namespace customs
