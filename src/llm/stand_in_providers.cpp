#include "llm/stand_in_providers.h"

#include <thread>

namespace sanad::llm {

std::string EchoProvider::render(const ChatRequest& request) {
  std::string out = "system: " + request.system + "\n";
  for (const ChatMessage& m : request.messages) {
    out += std::string(role_name(m.role)) + ": " + m.content + "\n";
  }
  return out;
}

Status EchoProvider::stream(const ChatRequest& request, StreamSink& sink) {
  std::string text = render(request);
  ChatOutcome outcome;
  outcome.model = "echo";
  for (size_t i = 0; i < text.size(); i += piece_bytes_) {
    std::string_view piece = std::string_view(text).substr(i, piece_bytes_);
    outcome.output_bytes += static_cast<int64_t>(piece.size());
    ++outcome.usage.output_tokens;
    if (!sink.on_delta(piece)) {
      outcome.finish_reason = FinishReason::kStoppedBySink;
      break;
    }
  }
  sink.on_finish(outcome);
  return Status::ok();
}

Status SlowProvider::stream(const ChatRequest& request, StreamSink& sink) {
  (void)request;
  using Clock = std::chrono::steady_clock;
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(tokens_per_second_ > 0 ? 1.0 / tokens_per_second_ : 0.0));
  ChatOutcome outcome;
  outcome.model = "slow";
  const Clock::time_point start = Clock::now();
  for (int i = 1; i <= tokens_; ++i) {
    // Pacing (the point of this provider), not synchronisation.
    std::this_thread::sleep_until(start + interval * i);
    std::string token = "token" + std::to_string(i) + " ";
    outcome.output_bytes += static_cast<int64_t>(token.size());
    ++outcome.usage.output_tokens;
    if (!sink.on_delta(token)) {
      outcome.finish_reason = FinishReason::kStoppedBySink;
      break;
    }
  }
  sink.on_finish(outcome);
  return Status::ok();
}

}  // namespace sanad::llm
