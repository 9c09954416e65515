#pragma once
// Outbound HTTP POST with a streamed response body (libcurl), and the timeouts
// that make sure a call to a provider never hangs: connect, first byte, idle
// between bytes, and a total deadline. One call = one attempt: retries, error
// mapping and the circuit breaker live in provider_call.h.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sanad::llm {

struct HttpTimeouts {
  std::chrono::milliseconds connect{5000};      // TCP (+TLS) connection established
  std::chrono::milliseconds first_byte{60000};  // request start -> first body byte
  std::chrono::milliseconds idle{30000};        // longest silence once bytes flow
  std::chrono::milliseconds total{600000};      // whole attempt
};

struct HttpPost {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
};

// What came back from one attempt that reached the server.
struct HttpReply {
  long status = 0;                         // HTTP status code
  std::optional<int> retry_after_seconds;  // Retry-After (delta-seconds form)
  std::string error_body;                  // body of a non-2xx reply, truncated at 64 KiB
  bool aborted_by_handler = false;         // the body handler returned false
};

// Receives the body of a 2xx reply as it arrives; return false to abort the
// transfer at once.
using BodyHandler = std::function<bool(std::string_view bytes)>;

// Performs one POST. Stateless apart from its options: thread-safe, each call
// uses its own libcurl handles.
class HttpTransport {
 public:
  // Reads NO_PROXY / no_proxy once, here.
  explicit HttpTransport(HttpTimeouts timeouts);

  // Returns the reply (any HTTP status), or an error when no complete reply
  // was received: unavailable (connection refused/reset, DNS, TLS, a body cut
  // short by the peer), deadline_exceeded (a timeout, named in the message).
  // A transfer aborted by `on_body` returns the reply with aborted_by_handler.
  Result<HttpReply> post(const HttpPost& request, const BodyHandler& on_body) const;

  const HttpTimeouts& timeouts() const { return timeouts_; }

 private:
  HttpTimeouts timeouts_;
  std::string no_proxy_;  // loopback plus the environment's list
};

// Parses a Retry-After value in delta-seconds form; nullopt for anything else.
std::optional<int> parse_retry_after(std::string_view value);

}  // namespace sanad::llm
