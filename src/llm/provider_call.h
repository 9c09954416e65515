#pragma once
// What both HTTP providers share around one logical call: the circuit breaker,
// at most `max_retries` retries and only while no text has reached the sink,
// Retry-After honoured up to a cap, HTTP statuses mapped to Status codes, and
// the cap on total output. Provider files only supply the request and a
// ResponseConsumer that decodes their wire format.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "llm/chat_provider.h"
#include "llm/circuit_breaker.h"
#include "llm/http_transport.h"

namespace sanad::llm {

// Robustness settings shared by the HTTP providers.
struct CallOptions {
  HttpTimeouts timeouts;
  int max_retries = 2;                               // retries after the first attempt
  std::chrono::milliseconds backoff{500};            // first retry delay without Retry-After; doubles
  std::chrono::milliseconds max_retry_after{10000};  // a longer Retry-After is not waited for
  size_t max_output_bytes = size_t{256} * 1024;      // output beyond this stops the transfer
  // A server that ignores max_tokens is also stopped after
  // max_tokens * bytes_per_token_bound bytes (no real token is that long).
  size_t bytes_per_token_bound = 16;
  CircuitBreaker::Options breaker;
};

// Gives text to the sink, enforcing the output cap and remembering whether
// anything was delivered (after which a call is never retried).
class DeltaEmitter {
 public:
  DeltaEmitter(StreamSink& sink, size_t max_output_bytes) : sink_(sink), max_bytes_(max_output_bytes) {}

  // Returns false when the transfer must stop (cap reached or sink said stop).
  bool emit(std::string_view text);

  bool delivered() const { return bytes_ > 0; }
  int64_t bytes() const { return static_cast<int64_t>(bytes_); }
  // Set when emit() returned false.
  std::optional<FinishReason> stop_reason() const { return stop_reason_; }

 private:
  StreamSink& sink_;
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::optional<FinishReason> stop_reason_;
};

// The output cap for `request`: the smaller of max_output_bytes and
// max_tokens * bytes_per_token_bound (at least 1 KiB).
size_t output_cap(const CallOptions& options, const ChatRequest& request);

// Decodes the body of one 2xx attempt.
class ResponseConsumer {
 public:
  virtual ~ResponseConsumer() = default;
  // Bytes of the body as they arrive; false aborts the transfer (the consumer
  // stopped on purpose or found an error it reports from finish()).
  virtual bool on_body(std::string_view bytes) = 0;
  // Called once after the transfer: the attempt's status. `aborted` is true
  // when on_body returned false. On OK, fills `outcome` (attempts excluded).
  virtual Status finish(bool aborted, ChatOutcome& outcome) = 0;
  // True once text reached the sink.
  virtual bool delivered() const = 0;
};

// Maps an error reply to a Status: 401/403 unauthenticated, 429
// resource_exhausted ("retry_after=<s>s" in the message when known), 408 and
// 5xx/529 unavailable, 400/404/413/422 invalid_argument, else unavailable.
// The message includes the provider's error.type and error.message when the
// body is JSON of the form {"error": {...}} (both wire formats).
Status status_from_http_error(std::string_view provider, long http_status, std::string_view body,
                              std::optional<int> retry_after_seconds);

// Retry-After seconds recorded in a status message by status_from_http_error.
std::optional<int> retry_after_from_status(const Status& status);

// Runs one logical call: breaker check, attempts and retries. `make_consumer`
// is called once per attempt. Returns the final status; on OK the outcome
// (with `attempts`) is given to sink.on_finish by the caller's consumer.
Status run_provider_call(std::string_view provider, const HttpTransport& transport, CircuitBreaker& breaker,
                         const CallOptions& options, const HttpPost& post,
                         const std::function<std::unique_ptr<ResponseConsumer>()>& make_consumer,
                         ChatOutcome& outcome);

}  // namespace sanad::llm
