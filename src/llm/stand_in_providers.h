#pragma once
// Providers that need no network, for tests and benchmarks.

#include <chrono>
#include <string>
#include <string_view>

#include "llm/chat_provider.h"

namespace sanad::llm {

// Replies with its whole context: the system prompt, then every message as
// "<role>: <content>", so a test can check what reached the model (nothing
// restricted, nothing unfenced). Delivered in pieces of `piece_bytes`.
// Thread-safe.
class EchoProvider : public ChatProvider {
 public:
  explicit EchoProvider(size_t piece_bytes = 64) : piece_bytes_(piece_bytes == 0 ? 64 : piece_bytes) {}
  std::string_view name() const override { return "echo"; }
  Status stream(const ChatRequest& request, StreamSink& sink) override;

  // The text stream() produces for `request`.
  static std::string render(const ChatRequest& request);

 private:
  size_t piece_bytes_;
};

// Streams `tokens` tokens ("token1 token2 ...", each followed by a space) at
// `tokens_per_second`, paced against a steady clock; for load tests with a
// realistic generation rate. Stops early when the sink says so. Thread-safe.
class SlowProvider : public ChatProvider {
 public:
  SlowProvider(double tokens_per_second, int tokens)
      : tokens_per_second_(tokens_per_second), tokens_(tokens) {}
  std::string_view name() const override { return "slow"; }
  Status stream(const ChatRequest& request, StreamSink& sink) override;

 private:
  double tokens_per_second_;
  int tokens_;
};

}  // namespace sanad::llm
