#include "assistant/conversation_service.h"

#include "core/strings.h"

namespace sanad::assistant {

namespace {

Status check_question(std::string_view question) {
  if (core::trim(question).empty()) return invalid_argument("'content' must not be empty");
  if (question.size() > ConversationService::kMaxQuestionBytes) {
    return invalid_argument("'content' is longer than 4000 bytes");
  }
  return Status::ok();
}

}  // namespace

Status ConversationService::check(std::string_view user_id, std::string_view conversation_id,
                                  std::string_view question) {
  SANAD_RETURN_IF_ERROR(check_question(question));
  SANAD_ASSIGN_OR_RETURN([[maybe_unused]] Conversation c, store_.get(user_id, conversation_id));
  return Status::ok();
}

Result<TurnResult> ConversationService::ask(std::string_view user_id, std::string_view conversation_id,
                                            std::string_view question, const search::AccessFilter& access,
                                            AnswerEvents& events) {
  SANAD_RETURN_IF_ERROR(check_question(question));
  SANAD_ASSIGN_OR_RETURN(Conversation conversation, store_.get(user_id, conversation_id));
  SANAD_ASSIGN_OR_RETURN(std::vector<Message> earlier, store_.messages(user_id, conversation_id, kHistoryMessages));

  AnswerRequest request;
  request.question = std::string(core::trim(question));
  request.language = conversation.language;
  request.access = access;
  for (const Message& m : earlier) {
    request.history.push_back({m.role == "assistant" ? llm::Role::kAssistant : llm::Role::kUser, m.content});
  }
  NewMessage asked;
  asked.role = "user";
  asked.content = request.question;
  std::string language = reply_language(request.question, conversation.language);
  SANAD_ASSIGN_OR_RETURN([[maybe_unused]] Message stored_question,
                         store_.add_message(user_id, conversation_id, asked, language));

  SANAD_ASSIGN_OR_RETURN(AnswerResult answer, pipeline_.answer(request, events));
  NewMessage reply;
  reply.role = "assistant";
  reply.content = answer.text;
  reply.citations = answer.citations;
  reply.answered = answer.answered;
  reply.timings = answer.timings;
  SANAD_ASSIGN_OR_RETURN(Message stored, store_.add_message(user_id, conversation_id, reply));
  return TurnResult{stored.id, std::move(answer)};
}

Result<AnswerResult> ConversationService::ask_once(std::string_view question,
                                                   const std::vector<llm::ChatMessage>& history,
                                                   const search::AccessFilter& access, AnswerEvents& events) {
  SANAD_RETURN_IF_ERROR(check_question(question));
  AnswerRequest request;
  request.question = std::string(core::trim(question));
  request.history = history;
  request.access = access;
  return pipeline_.answer(request, events);
}

}  // namespace sanad::assistant
