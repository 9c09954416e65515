#include "api/conversation_routes.h"

#include <memory>

#include "api/access_scope.h"
#include "api/answer_events.h"
#include "api/authentication.h"
#include "api/request_json.h"
#include "api/route_options.h"
#include "assistant/answer_json.h"
#include "core/clock.h"
#include "core/strings.h"
#include "http/response.h"

namespace sanad::api {

namespace {

using Json = nlohmann::json;

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json conversation_json(const assistant::Conversation& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"language", c.language},
          {"created_at", core::iso8601_ms(c.created_at)},
          {"updated_at", core::iso8601_ms(c.updated_at)}};
}

Json message_json(const assistant::Message& m) {
  return {{"id", m.id},
          {"role", m.role},
          {"content", m.content},
          {"citations", assistant::citations_to_json(m.citations)},
          {"answered", m.answered},
          {"timings", assistant::timings_to_json(m.timings)},
          {"created_at", core::iso8601_ms(m.created_at)}};
}

// `cached: true` only on an answer served from the answer cache (docs/answers.md).
void mark_cached(Json& out, const assistant::AnswerResult& a) {
  if (a.from_cache()) out["cached"] = true;
}

Json done_json(const std::string& message_id, const assistant::AnswerResult& a) {
  Json out = {{"message_id", message_id}, {"answered", a.answered}, {"timings", assistant::timings_to_json(a.timings)}};
  mark_cached(out, a);
  return out;
}

// The signed-in user's id; the authentication wall guarantees there is one.
std::string user_id(const http::Request& req) {
  const accounts::User* user = current_user(req);
  return user == nullptr ? std::string() : user->id;
}

http::Response create_conversation(assistant::ConversationService& service, http::Request& req) {
  std::string title;
  std::string language;
  if (!core::trim(req.body).empty()) {
    auto body = json_object_body(req);
    if (!body) return http::error_response(body.status());
    auto t = optional_string(*body, "title");
    if (!t) return http::error_response(t.status());
    auto l = optional_string(*body, "language");
    if (!l) return http::error_response(l.status());
    title = t->value_or("");
    language = l->value_or("");
  }
  auto created = service.store().create(user_id(req), title, language);
  if (!created) return http::error_response(created.status());
  return http::Response::json(201, dump(conversation_json(*created)));
}

http::Response list_conversations(assistant::ConversationService& service, http::Request& req) {
  auto list = service.store().list(user_id(req));
  if (!list) return http::error_response(list.status());
  Json out = Json::array();
  for (const auto& c : *list) out.push_back(conversation_json(c));
  return http::Response::json(200, dump(Json{{"conversations", out}}));
}

http::Response get_conversation(assistant::ConversationService& service, http::Request& req) {
  std::string id(req.param("id"));
  auto c = service.store().get(user_id(req), id);
  if (!c) return http::error_response(c.status());
  auto messages = service.store().messages(user_id(req), id);
  if (!messages) return http::error_response(messages.status());
  Json out = conversation_json(*c);
  out["messages"] = Json::array();
  for (const auto& m : *messages) out["messages"].push_back(message_json(m));
  return http::Response::json(200, dump(out));
}

http::Response delete_conversation(assistant::ConversationService& service, http::Request& req) {
  if (Status s = service.store().remove(user_id(req), req.param("id")); !s) return http::error_response(s);
  return http::Response::no_content();
}

bool wants_event_stream(const http::Request& req) {
  return req.header("Accept").find("text/event-stream") != std::string_view::npos;
}

http::Response post_message(assistant::ConversationService& service, http::Request& req) {
  auto body = json_object_body(req);
  if (!body) return http::error_response(body.status());
  auto content = optional_string(*body, "content");
  if (!content) return http::error_response(content.status());
  if (!content->has_value()) return http::error_response(invalid_argument("'content' is required"));
  auto access = read_scope(req);
  if (!access) return http::error_response(access.status());
  std::string user = user_id(req);
  std::string id(req.param("id"));
  if (Status s = service.check(user, id, **content); !s) return http::error_response(s);

  if (!wants_event_stream(req)) {
    SilentAnswerEvents events;
    auto turn = service.ask(user, id, **content, *access, events);
    if (!turn) return http::error_response(turn.status());
    const assistant::AnswerResult& a = turn->answer;
    Json out = {{"message_id", turn->message_id},
                {"answer", a.text},
                {"citations", assistant::citations_to_json(a.citations)},
                {"answered", a.answered},
                {"timings", assistant::timings_to_json(a.timings)}};
    mark_cached(out, a);
    return http::Response::json(200, dump(out));
  }
  auto scope = std::make_shared<search::AccessFilter>(std::move(*access));
  return http::Response::sse([&service, user, id, question = std::move(**content), scope](http::StreamChannel& channel) {
    http::SseWriter sse(channel);
    SseAnswerEvents events(sse);
    auto turn = service.ask(user, id, question, *scope, events);
    if (!turn) {
      if (turn.status().code() != ErrorCode::kCancelled) sse.event("error", dump(stream_error_json(turn.status())));
      return;
    }
    sse.event("done", dump(done_json(turn->message_id, turn->answer)));
  });
}

}  // namespace

void add_conversation_routes(http::Router& router, assistant::ConversationService& service) {
  router.add("POST", "/api/conversations",
             [&service](http::Request& req) { return create_conversation(service, req); },
             pooled("conversations.create"));
  router.add("GET", "/api/conversations",
             [&service](http::Request& req) { return list_conversations(service, req); },
             pooled("conversations.list"));
  router.add("GET", "/api/conversations/{id}",
             [&service](http::Request& req) { return get_conversation(service, req); }, pooled("conversations.get"));
  router.add("DELETE", "/api/conversations/{id}",
             [&service](http::Request& req) { return delete_conversation(service, req); },
             pooled("conversations.delete"));
  router.add("POST", "/api/conversations/{id}/messages",
             [&service](http::Request& req) { return post_message(service, req); }, pooled("conversations.ask"));
}

}  // namespace sanad::api
