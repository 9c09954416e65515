#pragma once
// ChatProvider for the Anthropic Messages API: POST {base_url}/v1/messages with
// x-api-key and anthropic-version: 2023-06-01; streamed as Server-Sent Events
// (message_start, content_block_start, content_block_delta/text_delta,
// content_block_stop, message_delta, message_stop, ping, error).

#include <memory>
#include <string>
#include <string_view>

#include "llm/chat_provider.h"
#include "llm/circuit_breaker.h"
#include "llm/http_transport.h"
#include "llm/provider_call.h"

namespace sanad::llm {

struct AnthropicOptions {
  std::string api_key;                                 // required
  std::string base_url = "https://api.anthropic.com";  // without /v1
  std::string model = "claude-sonnet-4-5";             // used when ChatRequest::model is empty
  CallOptions call;
};

// Thread-safe; holds the provider's circuit breaker.
class AnthropicProvider : public ChatProvider {
 public:
  explicit AnthropicProvider(AnthropicOptions options);

  std::string_view name() const override { return "anthropic"; }
  Status stream(const ChatRequest& request, StreamSink& sink) override;
  // A real non-streaming request ("stream": false).
  Result<ChatResponse> complete(const ChatRequest& request) override;

  const CircuitBreaker& breaker() const { return breaker_; }

  // The JSON request body for `request` (exposed for tests).
  std::string request_body(const ChatRequest& request, bool stream) const;

 private:
  HttpPost make_post(const ChatRequest& request, bool stream) const;

  AnthropicOptions options_;
  HttpTransport transport_;
  CircuitBreaker breaker_;
};

}  // namespace sanad::llm
