#include "auth/http_fetch.h"

#include <curl/curl.h>

#include <memory>

#include "auth/oidc_provider.h"

namespace sanad::auth {
namespace {

struct Sink {
  std::string body;
  size_t max_bytes = 0;
  bool overflow = false;
};

size_t write_body(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  if (sink->body.size() + n > sink->max_bytes) {
    sink->overflow = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->body.append(data, n);
  return n;
}

}  // namespace

CurlGlobal::CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
CurlGlobal::~CurlGlobal() { curl_global_cleanup(); }

namespace {

// One request; `post_body` null for GET. Returns the status and the body.
Result<std::pair<long, std::string>> perform(const std::string& url, const std::string* post_body,
                                             const HttpFetchOptions& options) {
  if (!is_acceptable_endpoint(url, options.allow_http_loopback)) return invalid_argument("URL refused: " + url);
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return internal_error("curl_easy_init failed");
  Sink sink;
  sink.max_bytes = options.max_bytes;
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, options.allow_http_loopback ? "https,http" : "https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "sanad");
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  if (post_body != nullptr) {
    headers.reset(curl_slist_append(nullptr, "Content-Type: application/x-www-form-urlencoded"));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, post_body->c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post_body->size()));
  }
  CURLcode rc = curl_easy_perform(h);
  if (sink.overflow) return too_large("response larger than " + std::to_string(options.max_bytes) + " bytes");
  if (rc != CURLE_OK) return unavailable(std::string("HTTP request failed: ") + curl_easy_strerror(rc));
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  return std::make_pair(status, std::move(sink.body));
}

}  // namespace

Result<std::string> http_get(const std::string& url, const HttpFetchOptions& options) {
  SANAD_ASSIGN_OR_RETURN(auto answer, perform(url, nullptr, options));
  if (answer.first != 200) return unavailable("GET " + url + " answered HTTP " + std::to_string(answer.first));
  return std::move(answer.second);
}

Result<std::string> http_post_form(const std::string& url, const std::string& body, const HttpFetchOptions& options) {
  SANAD_ASSIGN_OR_RETURN(auto answer, perform(url, &body, options));
  if (answer.first >= 500 || answer.first < 200) {
    return unavailable("POST " + url + " answered HTTP " + std::to_string(answer.first));
  }
  return std::move(answer.second);
}

FetchFunction make_http_fetcher(HttpFetchOptions options) {
  return [options](const std::string& url) { return http_get(url, options); };
}

}  // namespace sanad::auth
