#pragma once
// One turn of a conversation: checks that the conversation is the user's, stores
// the question, answers it through the pipeline with the conversation's earlier
// messages as history, and stores the answer with its citations, `answered` flag
// and timings. Thread-safe; the store and the pipeline must outlive it.

#include <string>
#include <string_view>

#include "assistant/conversation_store.h"
#include "assistant/pipeline.h"

namespace sanad::assistant {

struct TurnResult {
  std::string message_id;  // the stored answer's id
  AnswerResult answer;
};

class ConversationService {
 public:
  // Questions longer than this are refused (invalid_argument).
  static constexpr size_t kMaxQuestionBytes = 4000;
  // Earlier messages read as history.
  static constexpr size_t kHistoryMessages = 8;

  ConversationService(ConversationStore& store, const AnswerPipeline& pipeline) : store_(store), pipeline_(pipeline) {}

  // Checks what can fail before anything is streamed: invalid_argument for an
  // empty or over-long question, not_found for a conversation that is absent or
  // another user's.
  Status check(std::string_view user_id, std::string_view conversation_id, std::string_view question);

  // Asks `question` in the conversation. Errors as check(), then the pipeline's
  // (a provider failure: the question stays stored, no answer is stored).
  Result<TurnResult> ask(std::string_view user_id, std::string_view conversation_id, std::string_view question,
                         const search::AccessFilter& access, AnswerEvents& events);

  // A one-off question outside any conversation (OpenAI-compatible endpoint,
  // `sanad ask`): nothing is stored.
  Result<AnswerResult> ask_once(std::string_view question, const std::vector<llm::ChatMessage>& history,
                                const search::AccessFilter& access, AnswerEvents& events);

  ConversationStore& store() { return store_; }

 private:
  ConversationStore& store_;
  const AnswerPipeline& pipeline_;
};

}  // namespace sanad::assistant
