#pragma once
// The ignore file (.customsignore.yaml): vulnerabilities a team has looked at and accepted, each
// with its reason and, optionally, the date after which it must be looked at again.
//
//   ignore:
//     - id: CVE-2023-1234                  # required: the vulnerability id or one of its aliases
//       package: openssl                   # optional: Vulnerability.package_name
//       purl: pkg:deb/debian/openssl       # optional: version and qualifiers only when given
//       path: usr/lib/python3/dist-packages/*   # optional glob on Vulnerability.path
//       fingerprint: 0123abcd...           # optional: one exact finding
//       reason: "not reachable: ..."       # required
//       expires: 2027-01-31                # optional: the last day the entry applies
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"
#include "model/package.h"
#include "vulndb/vulnerability.h"

namespace customs {

struct IgnoreEntry {
  std::string id;
  std::string package;
  std::string purl;                       // as written
  std::optional<PackageUrl> purl_parsed;  // set when `purl` is
  std::string path;                       // a glob: '*' stays within a directory; a pattern that
                                          // matches a directory matches everything under it
  std::string fingerprint;
  std::string reason;
  std::string expires;  // "YYYY-MM-DD"; "" when it never expires
  int line = 0;         // where the entry starts in the file
};

struct IgnoreFile {
  std::string name;  // the file as the user named it, for locations
  std::vector<IgnoreEntry> entries;
};

// Parses the ignore file. kInvalidInput at file:line:col for malformed YAML, a value of the wrong
// type, an unknown key, a missing id or reason, a bad purl or a date that is not YYYY-MM-DD;
// kLimit for a file too large or too deeply nested for an ignore file. An empty file has no entries.
Result<IgnoreFile> parse_ignore_file(std::string_view bytes, std::string_view name);

struct IgnoreOutcome {
  size_t suppressed = 0;        // vulnerabilities this call marked suppressed
  std::vector<size_t> expired;  // indexes of entries past their date (not applied)
  std::vector<size_t> unused;   // indexes of live entries that matched no vulnerability
  Diagnostics diagnostics;      // one located warning per expired or unused entry
};

// Marks every vulnerability that a live entry matches (all the entry's given fields hold)
// suppressed, kind "ignore-file", reason the entry's reason; one already suppressed keeps its
// first suppression but still counts as a match. An entry applies through `today` == expires and
// not after. `today` is "YYYY-MM-DD".
IgnoreOutcome apply_ignore_file(const IgnoreFile& file, std::vector<Vulnerability>& vulnerabilities,
                                std::string_view today);

}  // namespace customs
