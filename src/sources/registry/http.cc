#include "sources/registry/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <climits>
#include <cstdint>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/strings.h"

namespace customs::registry {

namespace {

constexpr size_t kMaxErrorBody = size_t{64} << 10;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// What one transfer (one hop) collected.
struct Transfer {
  const BodySink* sink = nullptr;
  long status = 0;
  std::map<std::string, std::string> headers;
  std::string error_body;
  std::optional<Error> sink_error;
};

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {  // a new response (after 100 Continue too): start over
    t->headers.clear();
    size_t sp = line.find(' ');
    t->status = sp == std::string_view::npos ? 0 : std::atol(std::string(line.substr(sp + 1, 3)).c_str());
    return size * n;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    t->headers[to_lower(trim(line.substr(0, colon)))] = std::string(trim(line.substr(colon + 1)));
  }
  return size * n;
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  size_t len = size * n;
  if (t->status >= 200 && t->status < 300) {
    if (*t->sink) {
      Status s = (*t->sink)(std::string_view(data, len));
      if (!s.ok()) {
        t->sink_error = s.error();
        return len == 0 ? 1 : 0;  // anything but len aborts the transfer
      }
    }
    return len;
  }
  if (t->status < 300 || t->status >= 400) {  // keep the start of an error body for messages
    size_t room = kMaxErrorBody - std::min(kMaxErrorBody, t->error_body.size());
    t->error_body.append(data, std::min(len, room));
  }
  return len;
}

bool is_transient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return true;
    default: return false;
  }
}

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

struct Hop {
  HttpResponse response;
  std::string redirect_url;  // absolute; "" when the response is not a redirect
};

void set_options(CURL* c, const HttpSettings& s, const HttpRequest& req, const std::string& url) {
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, s.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::max(1, s.connect_timeout_seconds)));
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, static_cast<long>(std::max(1, s.timeout_seconds)));
  if (!req.post_form.empty()) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(req.post_form.size()));
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.post_form.c_str());
  }
}

// The URL without its query: pre-signed storage URLs carry credentials there.
std::string shown(const std::string& url) { return url.substr(0, url.find('?')); }

Result<Hop> perform(const HttpSettings& s, const HttpRequest& req, const std::string& url, bool send_auth,
                    const BodySink& sink) {
  std::unique_ptr<CURL, CurlFree> c(curl_easy_init());
  const std::string method = req.post_form.empty() ? "GET " : "POST ";
  if (!c) return make_error(ErrorKind::kInternal, method + shown(url) + ": curl_easy_init failed");
  curl_slist* list = nullptr;
  for (const auto& h : req.headers) list = curl_slist_append(list, h.c_str());
  if (send_auth && !req.authorization.empty())
    list = curl_slist_append(list, ("Authorization: " + req.authorization).c_str());
  std::unique_ptr<curl_slist, CurlFree> headers(list);
  set_options(c.get(), s, req, url);
  curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, headers.get());
  Transfer t;
  t.sink = &sink;
  curl_easy_setopt(c.get(), CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c.get(), CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &t);
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c.get(), CURLOPT_ERRORBUFFER, errbuf);

  CURLcode code = curl_easy_perform(c.get());
  if (t.sink_error) return *t.sink_error;
  Hop hop;
  hop.response.final_url = url;
  if (code != CURLE_OK) {
    std::string why = errbuf[0] ? errbuf : curl_easy_strerror(code);
    if (code == CURLE_OPERATION_TIMEDOUT) why += " (timeout)";
    if (!is_transient(code)) return make_error(ErrorKind::kIo, method + shown(url) + ": " + why);
    hop.response.transport_error = why + (url == req.url ? "" : " (at " + shown(url) + ")");
    return hop;
  }
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &hop.response.status);
  hop.response.headers = std::move(t.headers);
  hop.response.error_body = std::move(t.error_body);
  char* location = nullptr;
  if (hop.response.status >= 300 && hop.response.status < 400 &&
      curl_easy_getinfo(c.get(), CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr)
    hop.redirect_url = location;
  return hop;
}

}  // namespace

Result<HttpResponse> http_request(const HttpSettings& settings, const HttpRequest& request,
                                  const BodySink& sink) {
  global_init();
  const std::string origin = url_origin(request.url);
  std::string url = request.url;
  for (int hops = 0;; ++hops) {
    auto hop = perform(settings, request, url, url_origin(url) == origin, sink);
    if (!hop.ok()) return hop.error();
    if (hop->redirect_url.empty() || !request.follow_redirects) return std::move(hop->response);
    if (hops >= settings.max_redirects)
      return make_error(ErrorKind::kIo, "GET " + request.url + ": more than " +
                                            std::to_string(settings.max_redirects) + " redirects");
    url = hop->redirect_url;
  }
}

namespace {

// Milliseconds to wait for a Retry-After value (delta-seconds or an HTTP date); -1 when unusable.
int64_t retry_after_ms(const std::string& value) {
  if (value.empty()) return -1;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return value.size() > 9 ? INT64_MAX : std::stoll(value) * 1000;
  time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return -1;
  return std::max<int64_t>(0, (static_cast<int64_t>(when) - std::time(nullptr)) * 1000);
}

bool worth_retrying(const HttpResponse& r) {
  return !r.transport_error.empty() || r.status == 429 || r.status >= 500;
}

}  // namespace

Result<HttpResponse> http_request_retrying(const HttpSettings& settings, const RetryPolicy& policy,
                                           const HttpRequest& request, const BodySink& sink,
                                           const std::function<Status()>& restart, int* attempts) {
  int64_t backoff = std::max(0, policy.backoff_ms);
  for (int attempt = 0;; ++attempt) {
    if (restart) {
      Status s = restart();
      if (!s.ok()) return s.error();
    }
    if (attempts) *attempts = attempt + 1;
    auto r = http_request(settings, request, sink);
    if (!r.ok()) return r.error();
    bool last = attempt >= policy.retries;
    if (!worth_retrying(*r) || (last && r->transport_error.empty())) return r;
    if (last) {
      return make_error(ErrorKind::kIo, (request.post_form.empty() ? "GET " : "POST ") + shown(request.url) +
                                            ": " + r->transport_error + " (after " +
                                            std::to_string(attempt + 1) +
                                            (attempt == 0 ? " attempt)" : " attempts)"));
    }
    int64_t wait = r->transport_error.empty() ? retry_after_ms(r->headers["retry-after"]) : -1;
    if (wait < 0) wait = backoff;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(wait, policy.max_wait_ms)));
    backoff = std::min<int64_t>(backoff * 2, policy.max_wait_ms);
  }
}

std::string url_origin(std::string_view url) {
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) return "";
  std::string scheme = to_lower(url.substr(0, sep));
  std::string_view rest = url.substr(sep + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
  std::string host(authority);
  std::string port;
  size_t colon = authority.rfind(':');
  size_t bracket = authority.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return "";
  if (port.empty()) port = scheme == "https" ? "443" : scheme == "http" ? "80" : "";
  return scheme + "://" + to_lower(host) + ":" + port;
}

std::string url_escape(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

namespace {
constexpr std::string_view kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
    out += kB64[(v >> 18) & 63];
    out += kB64[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kB64[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kB64[v & 63] : '=';
  }
  return out;
}

Result<std::string> base64_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    size_t v = kB64.find(c);
    if (v == std::string_view::npos) return make_error(ErrorKind::kInvalidInput, "not base64");
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  if (bits >= 6) return make_error(ErrorKind::kInvalidInput, "not base64: truncated");
  return out;
}

}  // namespace customs::registry
