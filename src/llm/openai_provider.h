#pragma once
// ChatProvider for OpenAI-compatible chat completions (hosted APIs, Ollama,
// llama.cpp server, vLLM): POST {base_url}/chat/completions with a Bearer key;
// streamed as `data: {chunk}` lines ending with `data: [DONE]`.

#include <string>
#include <string_view>

#include "llm/chat_provider.h"
#include "llm/circuit_breaker.h"
#include "llm/http_transport.h"
#include "llm/provider_call.h"

namespace sanad::llm {

struct OpenAiOptions {
  std::string api_key;                                 // may be empty for local servers
  std::string base_url = "https://api.openai.com/v1";  // up to, not including, /chat/completions
  std::string model;                                   // used when ChatRequest::model is empty
  // Sends stream_options.include_usage so the last chunk carries token counts;
  // turn off for servers that reject unknown fields.
  bool request_usage = true;
  CallOptions call;
};

// Thread-safe; holds the provider's circuit breaker.
class OpenAiProvider : public ChatProvider {
 public:
  explicit OpenAiProvider(OpenAiOptions options);

  std::string_view name() const override { return "openai"; }
  Status stream(const ChatRequest& request, StreamSink& sink) override;
  // A real non-streaming request ("stream": false).
  Result<ChatResponse> complete(const ChatRequest& request) override;

  const CircuitBreaker& breaker() const { return breaker_; }

  // The JSON request body for `request` (exposed for tests).
  std::string request_body(const ChatRequest& request, bool stream) const;

 private:
  HttpPost make_post(const ChatRequest& request, bool stream) const;

  OpenAiOptions options_;
  HttpTransport transport_;
  CircuitBreaker breaker_;
};

}  // namespace sanad::llm
