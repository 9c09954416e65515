#include "llm/provider_factory.h"

#include "llm/anthropic_provider.h"
#include "llm/openai_provider.h"

namespace sanad::llm {

Result<std::unique_ptr<ChatProvider>> make_chat_provider(const core::LlmConfig& config,
                                                         const CallOptions& call) {
  std::string kind = config.provider;
  if (kind.empty()) {
    kind = !config.anthropic_api_key.empty() ? "anthropic"
           : !config.openai_api_key.empty()  ? "openai"
                                             : "extractive";
  }
  if (kind == "extractive") return std::unique_ptr<ChatProvider>();
  if (kind == "anthropic") {
    if (config.anthropic_api_key.empty()) {
      return invalid_argument("LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY (or CLAUDE_API_KEY)");
    }
    AnthropicOptions o;
    o.api_key = config.anthropic_api_key;
    o.base_url = config.anthropic_base_url;
    if (!config.model.empty()) o.model = config.model;
    o.call = call;
    return std::unique_ptr<ChatProvider>(std::make_unique<AnthropicProvider>(std::move(o)));
  }
  if (kind == "openai") {
    if (config.model.empty()) return invalid_argument("LLM_PROVIDER=openai needs LLM_MODEL");
    OpenAiOptions o;
    o.api_key = config.openai_api_key;
    o.base_url = config.openai_base_url;
    o.model = config.model;
    o.call = call;
    return std::unique_ptr<ChatProvider>(std::make_unique<OpenAiProvider>(std::move(o)));
  }
  return invalid_argument("LLM_PROVIDER must be anthropic, openai or extractive, not '" + kind + "'");
}

}  // namespace sanad::llm
