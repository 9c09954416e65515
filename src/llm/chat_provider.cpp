#include "llm/chat_provider.h"

namespace sanad::llm {

std::string_view role_name(Role role) noexcept {
  return role == Role::kAssistant ? "assistant" : "user";
}

std::string_view finish_reason_name(FinishReason reason) noexcept {
  switch (reason) {
    case FinishReason::kStop: return "stop";
    case FinishReason::kMaxTokens: return "max_tokens";
    case FinishReason::kOutputCap: return "output_cap";
    case FinishReason::kStoppedBySink: return "stopped";
    case FinishReason::kOther: return "other";
  }
  return "other";
}

Result<ChatResponse> ChatProvider::complete(const ChatRequest& request) {
  CollectingSink sink;
  SANAD_RETURN_IF_ERROR(stream(request, sink));
  return ChatResponse{sink.text(), sink.outcome()};
}

}  // namespace sanad::llm
