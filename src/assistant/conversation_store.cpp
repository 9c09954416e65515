#include "assistant/conversation_store.h"

#include <algorithm>
#include <string>

#include "assistant/answer_json.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/strings.h"

namespace sanad::assistant {

namespace {

constexpr size_t kMaxCommentBytes = 2000;

// `text` cut to at most `max_bytes` without splitting a UTF-8 character, with
// whitespace runs collapsed to one space.
std::string title_from(std::string_view text, size_t max_bytes) {
  std::string out;
  bool space = false;
  for (char ch : core::trim(text)) {
    if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(ch);
  }
  if (out.size() <= max_bytes) return out;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  return out;
}

bool valid_language(std::string_view language) {
  return language.empty() || language == "fr" || language == "ar" || language == "en";
}

Conversation conversation_from(const db::Row& r) {
  Conversation c;
  c.id = r.get_string("id");
  c.user_id = r.get_string("user_id");
  c.title = r.get_string("title");
  c.language = r.get_string("language");
  c.created_at = r.get_int("created_at");
  c.updated_at = r.get_int("updated_at");
  return c;
}

Result<Message> message_from(const db::Row& r) {
  Message m;
  m.id = r.get_string("id");
  m.conversation_id = r.get_string("conversation_id");
  m.role = r.get_string("role");
  m.content = r.get_string("content");
  SANAD_ASSIGN_OR_RETURN(m.citations, citations_from_json(r.get_string("citations")));
  m.answered = r.get_bool("answered");
  SANAD_ASSIGN_OR_RETURN(m.timings, timings_from_json(r.get_string("timings")));
  m.created_at = r.get_int("created_at");
  return m;
}

constexpr const char* kConversationColumns = "id, user_id, title, language, created_at, updated_at";
constexpr const char* kMessageColumns =
    "id, conversation_id, role, content, citations, answered, timings, created_at";

Status not_found_conversation() { return not_found("conversation not found"); }

}  // namespace

Result<Conversation> ConversationStore::create(std::string_view user_id, std::string_view title,
                                               std::string_view language) {
  if (!valid_language(language)) return invalid_argument("language must be fr, ar or en");
  Conversation c;
  c.id = core::new_id();
  c.user_id = std::string(user_id);
  c.title = title_from(title, kMaxTitleBytes);
  c.language = std::string(language);
  c.created_at = c.updated_at = core::now_ms();
  SANAD_ASSIGN_OR_RETURN(
      [[maybe_unused]] int64_t n,
      db_.exec("INSERT INTO conversations (id, user_id, title, language, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               {c.id, c.user_id, c.title, c.language, c.created_at, c.updated_at}));
  return c;
}

Result<std::vector<Conversation>> ConversationStore::list(std::string_view user_id, size_t limit) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query(std::string("SELECT ") + kConversationColumns +
                                       " FROM conversations WHERE user_id = ? "
                                       "ORDER BY updated_at DESC, id DESC LIMIT ?",
                                   {std::string(user_id), static_cast<int64_t>(limit)}));
  std::vector<Conversation> out;
  for (const db::Row& r : rows) out.push_back(conversation_from(r));
  return out;
}

Result<Conversation> ConversationStore::get(std::string_view user_id, std::string_view id) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query(std::string("SELECT ") + kConversationColumns +
                                       " FROM conversations WHERE id = ? AND user_id = ?",
                                   {std::string(id), std::string(user_id)}));
  if (rows.empty()) return not_found_conversation();
  return conversation_from(rows.front());
}

Status ConversationStore::remove(std::string_view user_id, std::string_view id) {
  return db_.transaction([&](db::Connection& c) -> Status {
    SANAD_ASSIGN_OR_RETURN(db::Rows rows, c.query("SELECT id FROM conversations WHERE id = ? AND user_id = ?",
                                                  {std::string(id), std::string(user_id)}));
    if (rows.empty()) return not_found_conversation();
    // Explicit deletes rather than relying on ON DELETE CASCADE being enforced.
    SANAD_ASSIGN_OR_RETURN(
        [[maybe_unused]] int64_t f,
        c.exec("DELETE FROM message_feedback WHERE message_id IN (SELECT id FROM messages WHERE conversation_id = ?)",
               {std::string(id)}));
    SANAD_ASSIGN_OR_RETURN([[maybe_unused]] int64_t m,
                           c.exec("DELETE FROM messages WHERE conversation_id = ?", {std::string(id)}));
    SANAD_ASSIGN_OR_RETURN([[maybe_unused]] int64_t d,
                           c.exec("DELETE FROM conversations WHERE id = ?", {std::string(id)}));
    return Status::ok();
  });
}

Result<Message> ConversationStore::add_message(std::string_view user_id, std::string_view conversation_id,
                                               const NewMessage& message, std::string_view language) {
  if (message.role != "user" && message.role != "assistant") {
    return invalid_argument("role must be user or assistant");
  }
  if (!valid_language(language)) return invalid_argument("language must be fr, ar or en");
  Message m;
  m.id = core::new_id();
  m.conversation_id = std::string(conversation_id);
  m.role = message.role;
  m.content = message.content;
  m.citations = message.citations;
  m.answered = message.answered;
  m.timings = message.timings;
  m.created_at = core::now_ms();
  Status s = db_.transaction([&](db::Connection& c) -> Status {
    SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                           c.query("SELECT title, language, created_at FROM conversations WHERE id = ? AND user_id = ?",
                                   {std::string(conversation_id), std::string(user_id)}));
    if (rows.empty()) return not_found_conversation();
    std::string title = rows.front().get_string("title");
    std::string stored_language = rows.front().get_string("language");
    if (title.empty() && m.role == "user") title = title_from(m.content, kMaxTitleBytes);
    if (stored_language.empty()) stored_language = std::string(language);
    // Messages of one conversation sort by created_at: keep it increasing.
    m.created_at = std::max(m.created_at, rows.front().get_int("created_at"));
    SANAD_ASSIGN_OR_RETURN(db::Rows last, c.query("SELECT MAX(created_at) AS t FROM messages WHERE conversation_id = ?",
                                                  {std::string(conversation_id)}));
    if (auto t = last.front().opt_int("t")) m.created_at = std::max(m.created_at, *t + 1);
    SANAD_ASSIGN_OR_RETURN(
        [[maybe_unused]] int64_t n,
        c.exec("INSERT INTO messages (id, conversation_id, role, content, citations, answered, timings, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               {m.id, m.conversation_id, m.role, m.content, citations_to_json(m.citations).dump(),
                int64_t{m.answered ? 1 : 0}, timings_to_json(m.timings).dump(), m.created_at}));
    SANAD_ASSIGN_OR_RETURN([[maybe_unused]] int64_t u,
                           c.exec("UPDATE conversations SET title = ?, language = ?, updated_at = ? WHERE id = ?",
                                  {title, stored_language, m.created_at, std::string(conversation_id)}));
    return Status::ok();
  });
  if (!s) return s;
  return m;
}

Result<std::vector<Message>> ConversationStore::messages(std::string_view user_id, std::string_view conversation_id,
                                                         std::optional<size_t> last_n) {
  SANAD_ASSIGN_OR_RETURN([[maybe_unused]] Conversation c, get(user_id, conversation_id));
  std::string sql = std::string("SELECT ") + kMessageColumns + " FROM messages WHERE conversation_id = ? " +
                    "ORDER BY created_at DESC, id DESC";
  db::Params params{std::string(conversation_id)};
  if (last_n) {
    sql += " LIMIT ?";
    params.emplace_back(static_cast<int64_t>(*last_n));
  }
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query(sql, params));
  std::vector<Message> out;
  for (const db::Row& r : rows) {
    SANAD_ASSIGN_OR_RETURN(Message m, message_from(r));
    out.push_back(std::move(m));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Status ConversationStore::set_feedback(std::string_view user_id, std::string_view message_id,
                                       std::string_view rating, std::string_view comment) {
  if (rating != "up" && rating != "down") return invalid_argument("rating must be \"up\" or \"down\"");
  if (comment.size() > kMaxCommentBytes) return invalid_argument("comment is longer than 2000 bytes");
  return db_.transaction([&](db::Connection& c) -> Status {
    SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                           c.query("SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                                   "WHERE m.id = ? AND c.user_id = ? AND m.role = 'assistant'",
                                   {std::string(message_id), std::string(user_id)}));
    if (rows.empty()) return not_found("message not found");
    int64_t now = core::now_ms();
    SANAD_ASSIGN_OR_RETURN(
        int64_t updated,
        c.exec("UPDATE message_feedback SET rating = ?, comment = ?, updated_at = ? WHERE message_id = ? AND user_id = ?",
               {std::string(rating), std::string(comment), now, std::string(message_id), std::string(user_id)}));
    if (updated == 0) {
      SANAD_ASSIGN_OR_RETURN(
          [[maybe_unused]] int64_t n,
          c.exec("INSERT INTO message_feedback (message_id, user_id, rating, comment, created_at, updated_at) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 {std::string(message_id), std::string(user_id), std::string(rating), std::string(comment), now, now}));
    }
    return Status::ok();
  });
}

}  // namespace sanad::assistant
