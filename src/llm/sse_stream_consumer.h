#pragma once
// The half of a streaming response consumer that every SSE provider shares: event
// framing, the output cap, an error found mid-stream, and the outcome. A provider
// supplies how to read one event, how its finish reasons map, and how a complete
// stream ends. One consumer per attempt; not thread-safe.

#include <string>
#include <string_view>

#include "llm/provider_call.h"
#include "llm/sse_parser.h"

namespace sanad::llm {

class SseStreamConsumer : public ResponseConsumer {
 public:
  SseStreamConsumer(StreamSink& sink, size_t max_output_bytes);

  bool on_body(std::string_view bytes) override { return parser_.feed(bytes); }
  // The stored error, an oversized event, or a stream cut before its end marker
  // (unless the output cap or the sink stopped it); otherwise fills `outcome`.
  Status finish(bool aborted, ChatOutcome& outcome) override;
  bool delivered() const override { return emitter_.delivered(); }

 protected:
  // One event; false stops the transfer (after fail() for an error).
  virtual bool on_event(const SseEvent& event) = 0;
  // The provider's finish reason ("end_turn", "length", ...) as a FinishReason.
  virtual FinishReason finish_reason_from(std::string_view provider_reason) const = 0;
  // True when the stream reached its proper end.
  virtual bool ended() const = 0;
  // What a proper end looks like, for the error message ("message_stop").
  virtual std::string_view end_marker() const = 0;

  // Records `status` for finish() and returns false (to stop the transfer).
  bool fail(Status status);

  DeltaEmitter emitter_;
  std::string finish_reason_;  // as the provider named it
  std::string model_;
  Usage usage_;

 private:
  SseParser parser_;
  Status error_;
};

}  // namespace sanad::llm
