#pragma once
// Chooses and builds the answer provider from the configuration (LLM_PROVIDER,
// keys, base URL, model), so `main` only wires.

#include <memory>

#include "core/config.h"
#include "core/status.h"
#include "llm/chat_provider.h"
#include "llm/provider_call.h"

namespace sanad::llm {

// Builds the provider named by config.provider ("anthropic", "openai",
// "extractive"). When it is empty: anthropic if an Anthropic key is set, else
// openai if OPENAI_API_KEY is set, else extractive. Returns nullptr for
// extractive (no language model: the assistant answers extractively).
// Errors (invalid_argument) name the variable to fix: an unknown provider,
// anthropic without a key, openai without LLM_MODEL.
Result<std::unique_ptr<ChatProvider>> make_chat_provider(const core::LlmConfig& config,
                                                         const CallOptions& call = {});

}  // namespace sanad::llm
