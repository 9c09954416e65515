#pragma once
// Outbound HTTP GET through libcurl for OpenID discovery documents and JWKS: https
// only (http only to loopback when allowed), no redirects followed to other schemes,
// a response-size cap and a total timeout. Thread-safe (one curl handle per call);
// curl_global_init must have run before threads start (main does it via
// CurlGlobal).

#include <chrono>
#include <cstddef>
#include <string>

#include "auth/jwks_cache.h"
#include "core/status.h"

namespace sanad::auth {

struct HttpFetchOptions {
  std::chrono::milliseconds timeout{5000};
  size_t max_bytes = 512 * 1024;
  bool allow_http_loopback = false;
};

// RAII for curl_global_init / curl_global_cleanup; create one in main before threads.
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

// GETs `url`; the body of a 200 response, kUnavailable on network errors, non-200
// statuses or timeouts, kTooLarge above max_bytes, kInvalidArgument for a refused URL.
Result<std::string> http_get(const std::string& url, const HttpFetchOptions& options = {});

// POSTs an application/x-www-form-urlencoded `body` and returns the response body.
// Unlike http_get, 4xx answers are returned as bodies (an OAuth token endpoint
// reports errors as JSON with status 400); 5xx and network errors are kUnavailable.
Result<std::string> http_post_form(const std::string& url, const std::string& body,
                                   const HttpFetchOptions& options = {});

// A FetchFunction bound to `options`, for JwksCache.
FetchFunction make_http_fetcher(HttpFetchOptions options = {});

}  // namespace sanad::auth
