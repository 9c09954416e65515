#pragma once
// A deliberately simple blocking HTTP/1.1 client over a raw loopback socket, so that
// tests can also send malformed, oversized or slow requests byte by byte.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace sanad::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class HttpConnection {
 public:
  explicit HttpConnection(uint16_t port, const std::string& host = "127.0.0.1");
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends raw bytes; false when the peer has closed the connection.
  bool send_raw(const std::string& bytes);
  // Reads one response (Content-Length, chunked, or until close).
  std::optional<HttpResponse> read_response(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // True when the peer closes the connection (EOF or reset) within `timeout`.
  bool wait_closed(std::chrono::milliseconds timeout);
  // Sends a request and reads its response.
  std::optional<HttpResponse> request(const std::string& method, const std::string& target,
                                      const std::map<std::string, std::string>& headers = {},
                                      const std::string& body = "");

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);  // reads more into buffer_
  int fd_ = -1;
  std::string buffer_;
  bool eof_ = false;
};

// One request on a fresh connection.
std::optional<HttpResponse> http_request(uint16_t port, const std::string& method, const std::string& target,
                                         const std::map<std::string, std::string>& headers = {},
                                         const std::string& body = "");
inline std::optional<HttpResponse> http_get(uint16_t port, const std::string& target,
                                            const std::map<std::string, std::string>& headers = {}) {
  return http_request(port, "GET", target, headers);
}

}  // namespace sanad::testing
