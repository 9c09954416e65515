#include "api/answer_events.h"

#include "assistant/answer_json.h"

namespace sanad::api {

nlohmann::json stream_error_json(const Status& status) {
  std::string message = status.code() == ErrorCode::kInternal ? "internal error" : status.message();
  return {{"error", {{"code", std::string(error_code_name(status.code()))}, {"message", message}}}};
}

bool SseAnswerEvents::on_delta(std::string_view text) {
  return sse_.event("delta", nlohmann::json{{"text", std::string(text)}}.dump(-1, ' ', false,
                                                                             nlohmann::json::error_handler_t::replace));
}

void SseAnswerEvents::on_citations(const std::vector<assistant::Citation>& citations) {
  sse_.event("citations", assistant::citations_to_json(citations).dump(-1, ' ', false,
                                                                        nlohmann::json::error_handler_t::replace));
}

}  // namespace sanad::api
