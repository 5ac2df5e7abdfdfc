#pragma once
// Secrets inside zip archives (jar, war, ear, zip) found in an image or a directory: every entry
// goes through the secret scanner; archives inside archives are opened up to
// options().archive_depth levels, and at most options().archive_max_bytes are decompressed out of
// one archive, its nested archives included (a zip bomb ends in a note naming the archive, with
// the entries read before it kept). Entry paths read "app/lib/x.jar!/BOOT-INF/classes/a.properties".
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/secrets/scanner.h"

namespace customs {

struct ArchiveSecretHit {
  std::string path;  // "x.jar!/entry" (nested: "x.jar!/lib/y.jar!/entry")
  SecretHit hit;     // positions in that entry's text
};

struct ArchiveSkip {
  std::string path;
  std::string reason;  // "3145728 bytes, over the 1048576-byte limit (secrets.max-file-size)"
};

struct ArchiveScanResult {
  std::vector<ArchiveSecretHit> hits;
  std::vector<ArchiveSkip> skipped;  // entries too large to scan
  std::vector<std::string> notes;    // unreadable archives and bounds hit, each naming the archive
};

// scanner.scan(), then each hit's snippet with the value of every hit in `text` masked: the
// scanner masks the hit's own value; this makes sure a second secret on the same line is never
// kept in clear in a record.
std::vector<SecretHit> scan_masked(const SecretScanner& scanner, std::string_view path,
                                   std::string_view text);

// True for the file names opened as archives: *.jar, *.war, *.ear, *.zip (any case).
bool is_secret_archive_path(std::string_view path);

// Scans the archive `bytes` read from `path`. Bytes that do not start like a zip are not an
// archive: the caller scans them as a file.
ArchiveScanResult scan_archive_secrets(const SecretScanner& scanner, std::string_view path,
                                       std::string_view bytes);

}  // namespace customs
