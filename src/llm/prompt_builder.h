#pragma once
// Builds the chat request for a retrieval-augmented answer: a system prompt in
// the conversation's language (fr, ar, en), the numbered sources fenced as data
// with a random fence token that no source contains (so retrieved text cannot
// close its fence and pose as instructions), the instruction that text inside
// sources never overrides instructions, and the rule to cite sources as [n].
// Pure apart from the random token; thread-safe.

#include <functional>
#include <string>
#include <vector>

#include "llm/chat_provider.h"

namespace sanad::llm {

struct PromptSource {
  int n = 0;             // the number the model must cite, [n]
  std::string title;     // document title
  std::string location;  // "page 3", "section 2.1"; may be empty
  std::string text;      // the retrieved passage
};

struct PromptInput {
  std::string language = "fr";  // "fr", "ar" or "en"; anything else: "en"
  std::vector<PromptSource> sources;
  std::vector<ChatMessage> history;  // earlier turns, oldest first (already trimmed)
  std::string question;
  int max_tokens = 1024;
  double temperature = 0.2;
  std::string model;  // empty: the provider's default
};

struct BuiltPrompt {
  ChatRequest request;
  std::string fence;  // the token used to fence the sources
};

// A source of random fence tokens; the default draws 96 bits from
// std::random_device and writes them in hex.
using TokenGenerator = std::function<std::string()>;
std::string random_fence_token();

// Builds the request. When a generated token occurs in any source, title,
// question or history message, another one is drawn.
BuiltPrompt build_answer_prompt(const PromptInput& input, const TokenGenerator& token = random_fence_token);

// The system prompt alone, for `language` and `fence` (exposed for tests).
std::string answer_system_prompt(const std::string& language, const std::string& fence);

}  // namespace sanad::llm
