#include "api/chat_completion_routes.h"

#include <memory>

#include "api/access_scope.h"
#include "api/answer_events.h"
#include "api/request_json.h"
#include "api/route_options.h"
#include "assistant/answer_json.h"
#include "core/clock.h"
#include "core/ids.h"
#include "http/response.h"

namespace sanad::api {

namespace {

using Json = nlohmann::json;

constexpr const char* kModelName = "sanad";

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

struct ChatQuestion {
  std::string question;
  std::vector<llm::ChatMessage> history;
};

// A message's text: a string, or the text parts of an array of content parts.
Result<std::string> content_text(const Json& content) {
  if (content.is_string()) return content.get<std::string>();
  if (content.is_array()) {
    std::string out;
    for (const Json& part : content) {
      if (part.is_object() && part.value("type", "") == "text" && part.contains("text") && part["text"].is_string()) {
        if (!out.empty()) out += "\n";
        out += part["text"].get<std::string>();
      }
    }
    return out;
  }
  if (content.is_null()) return std::string();
  return invalid_argument("'content' must be a string or an array of content parts");
}

Result<ChatQuestion> parse_messages(const Json& body) {
  auto it = body.find("messages");
  if (it == body.end() || !it->is_array() || it->empty()) {
    return invalid_argument("'messages' must be a non-empty array");
  }
  std::vector<llm::ChatMessage> turns;
  for (const Json& m : *it) {
    if (!m.is_object() || !m.contains("role") || !m["role"].is_string()) {
      return invalid_argument("every message needs a 'role'");
    }
    std::string role = m["role"].get<std::string>();
    SANAD_ASSIGN_OR_RETURN(std::string text, content_text(m.value("content", Json())));
    if (role == "user") turns.push_back({llm::Role::kUser, std::move(text)});
    else if (role == "assistant") turns.push_back({llm::Role::kAssistant, std::move(text)});
    // system, developer and tool messages are not the client's to give.
  }
  if (turns.empty() || turns.back().role != llm::Role::kUser) {
    return invalid_argument("the last message must be the user's question");
  }
  ChatQuestion q;
  q.question = std::move(turns.back().content);
  turns.pop_back();
  q.history = std::move(turns);
  return q;
}

// "\n\nSources:\n[1] Title, page 3" — the citations written into the text.
std::string sources_footer(const assistant::AnswerResult& a) {
  if (a.citations.empty()) return "";
  std::string out = a.language == "ar" ? "\n\nالمصادر:" : "\n\nSources:";
  int last = -1;
  for (const assistant::Citation& c : a.citations) {
    if (c.n == last) continue;
    last = c.n;
    out += "\n[" + std::to_string(c.n) + "] " + c.title;
    if (c.page > 0) out += ", page " + std::to_string(c.page);
    else if (!c.section.empty()) out += ", " + c.section;
  }
  return out;
}

Json chunk_json(const std::string& id, int64_t created, Json delta, Json finish_reason) {
  return {{"id", id},
          {"object", "chat.completion.chunk"},
          {"created", created},
          {"model", kModelName},
          {"choices", Json::array({Json{{"index", 0}, {"delta", std::move(delta)}, {"finish_reason", finish_reason}}})}};
}

// Writes each piece as a chat.completion.chunk `data:` line.
class ChunkEvents : public assistant::AnswerEvents {
 public:
  ChunkEvents(http::SseWriter& sse, std::string id, int64_t created) : sse_(sse), id_(std::move(id)), created_(created) {}
  bool on_delta(std::string_view text) override {
    Json delta = {{"content", std::string(text)}};
    if (first_) delta["role"] = "assistant";
    first_ = false;
    return sse_.event("", dump(chunk_json(id_, created_, std::move(delta), nullptr)));
  }

 private:
  http::SseWriter& sse_;
  std::string id_;
  int64_t created_;
  bool first_ = true;
};

http::Response chat_completions(assistant::ConversationService& service, http::Request& req) {
  auto body = json_object_body(req);
  if (!body) return http::error_response(body.status());
  auto parsed = parse_messages(*body);
  if (!parsed) return http::error_response(parsed.status());
  auto access = read_scope(req);
  if (!access) return http::error_response(access.status());
  bool stream = body->value("stream", false);
  std::string id = "chatcmpl-" + core::new_id();
  int64_t created = core::now_ms() / 1000;

  if (!stream) {
    SilentAnswerEvents events;
    auto answer = service.ask_once(parsed->question, parsed->history, *access, events);
    if (!answer) return http::error_response(answer.status());
    Json message = {{"role", "assistant"}, {"content", answer->text + sources_footer(*answer)}};
    Json out = {{"id", id},
                {"object", "chat.completion"},
                {"created", created},
                {"model", kModelName},
                {"choices", Json::array({Json{{"index", 0}, {"message", message}, {"finish_reason", "stop"}}})},
                {"usage", {{"prompt_tokens", 0}, {"completion_tokens", 0}, {"total_tokens", 0}}},
                {"citations", assistant::citations_to_json(answer->citations)},
                {"answered", answer->answered}};
    if (answer->from_cache()) out["cached"] = true;  // as on /api/conversations (docs/answers.md)
    return http::Response::json(200, dump(out));
  }
  if (parsed->question.empty()) return http::error_response(invalid_argument("the question is empty"));
  auto shared = std::make_shared<ChatQuestion>(std::move(*parsed));
  auto scope = std::make_shared<search::AccessFilter>(std::move(*access));
  return http::Response::sse([&service, shared, scope, id, created](http::StreamChannel& channel) {
    http::SseWriter sse(channel);
    ChunkEvents events(sse, id, created);
    auto answer = service.ask_once(shared->question, shared->history, *scope, events);
    if (!answer) {
      if (answer.status().code() != ErrorCode::kCancelled) sse.event("", dump(stream_error_json(answer.status())));
      return;
    }
    std::string footer = sources_footer(*answer);
    if (!footer.empty() && !events.on_delta(footer)) return;
    Json last = chunk_json(id, created, Json::object(), "stop");
    last["citations"] = assistant::citations_to_json(answer->citations);
    last["answered"] = answer->answered;
    if (answer->from_cache()) last["cached"] = true;
    if (!sse.event("", dump(last))) return;
    sse.event("", "[DONE]");
  });
}

}  // namespace

void add_chat_completion_routes(http::Router& router, assistant::ConversationService& service) {
  router.add("POST", "/v1/chat/completions",
             [&service](http::Request& req) { return chat_completions(service, req); }, pooled("chat.completions"));
}

}  // namespace sanad::api
