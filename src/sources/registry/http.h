#pragma once
// A small libcurl easy wrapper for the registry client (private to sources/registry): one GET
// (or form POST) with bounded time, the 2xx body streamed to a sink, and redirects followed by
// hand so that credentials never leave the origin they were meant for.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace customs::registry {

struct HttpSettings {
  int connect_timeout_seconds = 10;
  int timeout_seconds = 60;  // no byte received for this long = a transport failure
  std::string user_agent = "customs";
  int max_redirects = 5;
};

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value", sent to every hop
  // Sent as "Authorization: <value>" only to the origin (scheme, host, port) of `url`: a
  // redirect to any other origin drops it.
  std::string authorization;
  std::string post_form;  // non-empty = POST application/x-www-form-urlencoded
  bool follow_redirects = true;
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // of the final response; names lower case
  std::string error_body;                      // first 64 KiB of a non-2xx body (registry error JSON)
  std::string final_url;
  // Non-empty when the transfer failed in a way worth retrying (refused or reset connection,
  // timeout, body cut short); status and headers are then meaningless.
  std::string transport_error;
};

// Receives the body of a 2xx response in order; an error aborts the transfer and is returned
// by http_request as is.
using BodySink = std::function<Status(std::string_view chunk)>;

// Performs the request. Errors are returned for failures that retrying cannot fix (a sink
// error, a bad URL, too many redirects); retryable ones are reported in transport_error.
Result<HttpResponse> http_request(const HttpSettings& settings, const HttpRequest& request,
                                  const BodySink& sink);

struct RetryPolicy {
  int retries = 3;          // extra attempts
  int backoff_ms = 500;     // first wait, doubled each time
  int max_wait_ms = 60000;  // bound of any one wait, Retry-After included
};

// http_request, repeated on transport errors, 429 and 5xx: waits backoff_ms (doubled each time)
// or what Retry-After says. `restart` runs before every attempt (to undo what the sink took).
// Returns the last response, which may still be a 429/5xx; `attempts` counts requests made.
// A transport failure on the last attempt is a kIo error saying how many attempts were made.
Result<HttpResponse> http_request_retrying(const HttpSettings& settings, const RetryPolicy& policy,
                                           const HttpRequest& request, const BodySink& sink,
                                           const std::function<Status()>& restart, int* attempts);

// "scheme://host:port" in lower case with the default port filled in; "" when unparsable.
std::string url_origin(std::string_view url);
// Percent-encodes everything but unreserved characters (RFC 3986).
std::string url_escape(std::string_view s);
std::string base64_encode(std::string_view bytes);
// Accepts padded or unpadded standard base64; kInvalidInput on any other character.
Result<std::string> base64_decode(std::string_view text);

}  // namespace customs::registry
