#pragma once
// Conversations with the assistant and their messages, per user, on the
// `conversations`, `messages` and `message_feedback` tables. Every call names
// the acting user: another user's conversation or message is reported as
// not_found, exactly like one that does not exist. Thread-safe; the Database
// must outlive the store.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assistant/answer.h"
#include "core/status.h"
#include "db/database.h"

namespace sanad::assistant {

struct Conversation {
  std::string id;
  std::string user_id;
  std::string title;
  std::string language;  // "fr", "ar", "en" or "" until the first question
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct Message {
  std::string id;
  std::string conversation_id;
  std::string role;  // "user" or "assistant"
  std::string content;
  std::vector<Citation> citations;
  bool answered = true;
  Timings timings;
  int64_t created_at = 0;
};

struct NewMessage {
  std::string role = "user";
  std::string content;
  std::vector<Citation> citations;
  bool answered = true;
  Timings timings;
};

class ConversationStore {
 public:
  // Titles are cut to this many bytes (at a character boundary).
  static constexpr size_t kMaxTitleBytes = 200;

  explicit ConversationStore(db::Database& db) : db_(db) {}

  // A new conversation of `user_id`. `title` may be empty (the first question
  // becomes the title). invalid_argument for a language other than "", fr, ar, en.
  Result<Conversation> create(std::string_view user_id, std::string_view title, std::string_view language);
  // The user's conversations, most recently updated first, at most `limit`.
  Result<std::vector<Conversation>> list(std::string_view user_id, size_t limit = 100);
  // not_found when absent or owned by another user.
  Result<Conversation> get(std::string_view user_id, std::string_view id);
  // Deletes the conversation with its messages and their feedback; not_found as get().
  Status remove(std::string_view user_id, std::string_view id);

  // Appends a message and touches the conversation (updated_at; title from the
  // first user message when empty; language when given and still unset).
  // not_found as get(); invalid_argument for a role other than user/assistant.
  Result<Message> add_message(std::string_view user_id, std::string_view conversation_id,
                              const NewMessage& message, std::string_view language = {});
  // The conversation's messages, oldest first; not_found as get(). With
  // `last_n`, only the last `last_n` messages (still oldest first).
  Result<std::vector<Message>> messages(std::string_view user_id, std::string_view conversation_id,
                                        std::optional<size_t> last_n = std::nullopt);

  // Records (or replaces) the user's rating of an assistant message: "up" or
  // "down" (invalid_argument otherwise, or for a comment over 2000 bytes);
  // not_found when the message is absent, not an answer, or in another user's
  // conversation.
  Status set_feedback(std::string_view user_id, std::string_view message_id, std::string_view rating,
                      std::string_view comment);

 private:
  db::Database& db_;
};

}  // namespace sanad::assistant
