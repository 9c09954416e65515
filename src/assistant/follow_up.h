#pragma once
// Turns a follow-up question ("et pour les cadres ?", "what about interns?") into
// a standalone search query using the conversation so far. The heuristic: a
// question that opens with a follow-up marker, or has at most
// kFollowUpMaxContentWords content words, is searched together with the previous
// user question. With a language model, the model rewrites it instead (falling
// back to the heuristic when the call fails). Thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "llm/chat_provider.h"

namespace sanad::assistant {

inline constexpr size_t kFollowUpMaxContentWords = 2;

// True when `question` reads as a follow-up of an earlier one.
bool looks_like_follow_up(std::string_view question);

// The heuristic rewrite: `question` itself, or the last user message of `history`
// followed by `question` when it looks like a follow-up.
std::string standalone_query(std::string_view question, const std::vector<llm::ChatMessage>& history);

// The model's rewrite (one line, at most 300 bytes) when the question looks like a
// follow-up and there is history; otherwise, or on any failure, the heuristic.
std::string standalone_query_with_model(std::string_view question, const std::vector<llm::ChatMessage>& history,
                                        llm::ChatProvider& provider);

}  // namespace sanad::assistant
