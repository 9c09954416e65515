#pragma once
// Adapters from the assistant's AnswerEvents to the wire: Server-Sent Events for
// /api/conversations/{id}/messages, and the JSON error body both streams use.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "assistant/pipeline.h"
#include "core/status.h"
#include "http/stream.h"

namespace sanad::api {

// {"error": {"code", "message"}} for an error event (internal errors get a
// generic message, as in http::error_response).
nlohmann::json stream_error_json(const Status& status);

// Writes `delta` {text} and `citations` [...] events. Not thread-safe (used by the
// producer thread only).
class SseAnswerEvents : public assistant::AnswerEvents {
 public:
  explicit SseAnswerEvents(http::SseWriter& sse) : sse_(sse) {}
  bool on_delta(std::string_view text) override;
  void on_citations(const std::vector<assistant::Citation>& citations) override;

 private:
  http::SseWriter& sse_;
};

// Discards the pieces (the JSON routes send the whole answer at the end).
class SilentAnswerEvents : public assistant::AnswerEvents {
 public:
  bool on_delta(std::string_view) override { return true; }
};

}  // namespace sanad::api
