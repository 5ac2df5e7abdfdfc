#include "vulndb/update_http.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <optional>

#include "core/strings.h"
#include "vulndb/bundle_file.h"

namespace customs::update {

namespace {

// What one hop of a transfer collected.
struct Transfer {
  const UpdateOptions* options = nullptr;
  const std::string* url = nullptr;  // as requested, for progress
  int fd = -1;
  const std::string* path = nullptr;
  long status = 0;
  std::string etag;
  std::string last_modified;
  uint64_t written = 0;
  std::optional<Error> error;
};

bool success(long status) { return status >= 200 && status < 300; }

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {  // a new response (after 100 Continue too)
    size_t sp = line.find(' ');
    t->status = sp == std::string_view::npos ? 0 : std::atol(std::string(line.substr(sp + 1, 3)).c_str());
    t->etag.clear();
    t->last_modified.clear();
    return size * n;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string name = to_lower(trim(line.substr(0, colon)));
  if (name == "etag") t->etag = std::string(trim(line.substr(colon + 1)));
  if (name == "last-modified") t->last_modified = std::string(trim(line.substr(colon + 1)));
  return size * n;
}

// Writes a 2xx body to the file; other bodies are dropped. Anything but size * n aborts.
size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (!success(t->status)) return len;
  if (t->written + len > t->options->max_bytes) {
    t->error = make_error(ErrorKind::kLimit,
                          "larger than the limit of " + std::to_string(t->options->max_bytes) + " bytes");
    return len == 0 ? 1 : 0;
  }
  if (Status s = bundle::write_all(t->fd, std::string_view(data, len), *t->path); !s) {
    t->error = s.error();
    return len == 0 ? 1 : 0;
  }
  t->written += len;
  return len;
}

int on_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->options->progress && success(t->status))
    t->options->progress({*t->url, static_cast<uint64_t>(now), static_cast<uint64_t>(total)});
  return 0;
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

void set_options(CURL* c, const UpdateOptions& s, const std::string& url, Transfer& t) {
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "customs");
  long timeout = std::max(1, s.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, timeout);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(std::max(0, s.max_total_seconds)));
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(s.max_bytes));
  if (!s.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, s.ca_bundle.c_str());
  if (s.insecure) {
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
}

Error transfer_error(const std::string& url, CURLcode code, const char* errbuf, const UpdateOptions& s) {
  if (code == CURLE_FILESIZE_EXCEEDED)
    return make_error(ErrorKind::kLimit,
                      "GET " + url + ": larger than the limit of " + std::to_string(s.max_bytes) + " bytes");
  std::string why = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(code);
  if (code == CURLE_OPERATION_TIMEDOUT) why += " (timeout)";
  return make_error(ErrorKind::kIo, "GET " + url + ": " + why);
}

struct Hop {
  Transfer transfer;
  std::string redirect_url;  // absolute; "" when the response is not a redirect
};

Result<Hop> perform(const UpdateOptions& s, const FetchRequest& req, const std::string& url, int fd,
                    const std::string& path) {
  std::unique_ptr<CURL, CurlFree> c(curl_easy_init());
  if (!c) return make_error(ErrorKind::kInternal, "GET " + url + ": curl_easy_init failed");
  curl_slist* list = nullptr;
  if (!req.if_none_match.empty())
    list = curl_slist_append(list, ("If-None-Match: " + req.if_none_match).c_str());
  if (!req.if_modified_since.empty())
    list = curl_slist_append(list, ("If-Modified-Since: " + req.if_modified_since).c_str());
  std::unique_ptr<curl_slist, CurlFree> headers(list);
  Hop hop;
  hop.transfer = Transfer{&s, &req.url, fd, &path};
  set_options(c.get(), s, url, hop.transfer);
  curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, headers.get());
  std::array<char, CURL_ERROR_SIZE> errbuf{};
  curl_easy_setopt(c.get(), CURLOPT_ERRORBUFFER, errbuf.data());
  CURLcode code = curl_easy_perform(c.get());
  if (hop.transfer.error) {
    Error e = *hop.transfer.error;
    e.message = "GET " + url + ": " + e.message;
    return e;
  }
  if (code != CURLE_OK) return transfer_error(url, code, errbuf.data(), s);
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &hop.transfer.status);
  char* location = nullptr;
  if (hop.transfer.status >= 300 && hop.transfer.status < 400 &&
      curl_easy_getinfo(c.get(), CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr)
    hop.redirect_url = location;
  return hop;
}

// The host of an absolute URL, lower case, without port or user info ("[::1]" keeps brackets).
std::string url_host(std::string_view url) {
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) return "";
  std::string_view authority = url.substr(sep + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
  size_t bracket = authority.find(']');
  if (authority.starts_with('[') && bracket != std::string_view::npos)
    return std::string(authority.substr(0, bracket + 1));
  return to_lower(authority.substr(0, authority.find(':')));
}

}  // namespace

Status check_url_allowed(std::string_view url, bool allow_http) {
  std::string scheme = to_lower(url.substr(0, url.find("://")));
  std::string host = url_host(url);
  if (url.find("://") == std::string_view::npos || host.empty())
    return make_error(ErrorKind::kUsage, "not an absolute http(s) URL: " + std::string(url));
  if (scheme == "https") return ok_status();
  bool local = host == "localhost" || host == "127.0.0.1" || host == "[::1]";
  if (scheme == "http" && (local || allow_http)) return ok_status();
  if (scheme == "http")
    return make_error(ErrorKind::kUsage, "refusing plain http:// to " + host + " (" + std::string(url) +
                                             "): use https://, or allow http explicitly");
  return make_error(ErrorKind::kUsage, "unsupported URL scheme \"" + scheme + "\": " + std::string(url));
}

Result<FetchResult> fetch(const UpdateOptions& settings, const FetchRequest& request, int out_fd,
                          const std::string& out_path) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::string url = request.url;
  for (int hops = 0;; ++hops) {
    if (Status s = check_url_allowed(url, settings.allow_http); !s) return s.error();
    auto hop = perform(settings, request, url, out_fd, out_path);
    if (!hop) return hop.error();
    const Transfer& t = hop->transfer;
    if (success(t.status)) return FetchResult{false, t.written, t.etag, t.last_modified};
    if (t.status == 304 && (!request.if_none_match.empty() || !request.if_modified_since.empty()))
      return FetchResult{true, 0, t.etag, t.last_modified};
    if (hop->redirect_url.empty())
      return make_error(ErrorKind::kIo, "GET " + request.url + ": HTTP " + std::to_string(t.status) +
                                            (url == request.url ? "" : " (at " + url + ")"));
    if (hops >= kMaxRedirects)
      return make_error(ErrorKind::kIo,
                        "GET " + request.url + ": more than " + std::to_string(kMaxRedirects) + " redirects");
    url = hop->redirect_url;
  }
}

std::string percent_encode(std::string_view s) {
  char* escaped = curl_easy_escape(nullptr, s.data(), static_cast<int>(s.size()));
  std::string out = escaped != nullptr ? escaped : "";
  curl_free(escaped);
  return out;
}

}  // namespace customs::update
