#pragma once
// One HTTP(S) GET into a file for `customs db update` (private to vulndb/update*.cc): libcurl's
// easy interface with bounded time and size, redirects followed by hand so that every hop's
// scheme is checked.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "vulndb/update.h"

namespace customs::update {

inline constexpr int kMaxRedirects = 5;

struct FetchRequest {
  std::string url;
  std::string if_none_match;      // an ETag, sent as If-None-Match when not empty
  std::string if_modified_since;  // an HTTP date, sent as If-Modified-Since when not empty
};

struct FetchResult {
  bool not_modified = false;  // 304: nothing was written
  uint64_t bytes = 0;
  std::string etag;
  std::string last_modified;
};

// kUsage unless `url` is https://, or http:// to localhost / 127.0.0.1 / [::1], or http:// with
// allow_http.
Status check_url_allowed(std::string_view url, bool allow_http);

// GETs `request.url` with the time, size, TLS and scheme settings of `options` (and its
// progress callback), writing a 2xx body to `out_fd` (named `out_path` in messages). Errors as
// download_feeds documents them.
Result<FetchResult> fetch(const UpdateOptions& options, const FetchRequest& request, int out_fd,
                          const std::string& out_path);

// Percent-encodes everything but RFC 3986 unreserved characters (curl_easy_escape).
std::string percent_encode(std::string_view s);

}  // namespace customs::update
