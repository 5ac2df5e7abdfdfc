#pragma once
// `customs db update`: downloads the advisory feeds a database is built from (osv.dev's
// per-ecosystem archives, and KEV / EPSS or other files by URL) into a directory, for the caller
// to import. Downloading is all this does; nothing here touches a database.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/result.h"

namespace customs {

struct DownloadProgress {
  std::string_view url;   // as requested (before redirects)
  uint64_t received = 0;  // body bytes so far
  uint64_t total = 0;     // from Content-Length; 0 when unknown
};

// The ecosystems osv.dev publishes an all.zip for that customs downloads by default.
std::vector<std::string> default_update_ecosystems();

struct UpdateOptions {
  std::string base_url = "https://osv-vulnerabilities.storage.googleapis.com";
  // Each becomes <base_url>/<ecosystem, percent-encoded>/all.zip, saved as osv-<ecosystem>.zip.
  std::vector<std::string> ecosystems = default_update_ecosystems();
  // Full URLs of other feeds (the CISA KEV JSON, the EPSS CSV ...), saved under the last part of
  // their path; a name ending in .gz is gunzipped and saved without the .gz.
  std::vector<std::string> extra_urls;
  std::string download_dir;                // must exist; files are written as <name>.part-* then renamed
  int timeout_seconds = 60;                // connecting, or no byte received for this long, fails the file
  int max_total_seconds = 0;               // a bound on one whole transfer; 0 = none
  uint64_t max_bytes = uint64_t{4} << 30;  // per file, as downloaded and once gunzipped
  std::string ca_bundle;                   // PEM CA file instead of the system's
  bool insecure = false;                   // do not verify TLS certificates (say so loudly)
  bool allow_http = false;                 // allow http:// to hosts other than localhost / 127.0.0.1 / [::1]
  // A failed file becomes an error diagnostic and the others are still fetched; the call fails
  // only when nothing could be fetched. Without it, the first failure is the result.
  bool keep_going = false;
  // Conditional requests: the ETag / Last-Modified of each URL are kept in <download_dir>/
  // etags.json, and a file the server says is unchanged (304) is kept as it is.
  bool use_cache = true;
  std::function<void(const DownloadProgress&)> progress;  // called from the transfer, often
};

// Downloads every file; returns their paths in the order requested (ecosystems, then extra
// URLs). Refuses (kUsage) a URL that is not https:// (unless local or allow_http), also after
// a redirect; follows at most 5 redirects. Fails with kIo naming the URL and the HTTP status
// or the transport error (a timeout says so), kLimit for a file over max_bytes. A failed file
// never leaves a partial file under its final name.
Result<std::vector<std::string>> download_feeds(const UpdateOptions& options, Diagnostics& diags);

// The URL of one ecosystem's archive under `base_url`.
std::string osv_archive_url(const std::string& base_url, const std::string& ecosystem);

}  // namespace customs
