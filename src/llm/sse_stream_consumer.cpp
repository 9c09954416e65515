#include "llm/sse_stream_consumer.h"

#include <utility>

namespace sanad::llm {

SseStreamConsumer::SseStreamConsumer(StreamSink& sink, size_t max_output_bytes)
    : emitter_(sink, max_output_bytes), parser_([this](const SseEvent& e) { return on_event(e); }) {}

Status SseStreamConsumer::finish(bool /*aborted*/, ChatOutcome& outcome) {
  if (!error_.is_ok()) return error_;
  if (parser_.overflowed()) return internal_error("an event exceeded the size limit");
  auto capped = emitter_.stop_reason();
  if (!capped && !ended()) return unavailable("the stream ended before " + std::string(end_marker()));
  outcome.provider_finish_reason = finish_reason_;
  outcome.finish_reason = capped ? *capped : finish_reason_from(finish_reason_);
  outcome.usage = usage_;
  outcome.model = model_;
  outcome.output_bytes = emitter_.bytes();
  return Status::ok();
}

bool SseStreamConsumer::fail(Status status) {
  error_ = std::move(status);
  return false;
}

}  // namespace sanad::llm
