#pragma once
// HTTP routes for conversations with the assistant (the signed-in user's own):
//   POST   /api/conversations                {title?, language?} -> 201 {id, ...}
//   GET    /api/conversations                -> {conversations: [...]}, most recent first
//   GET    /api/conversations/{id}           -> the conversation with its messages
//   DELETE /api/conversations/{id}           -> 204
//   POST   /api/conversations/{id}/messages  {content}
//          Accept: text/event-stream -> events `delta` {text}, `citations` [...],
//          `done` {message_id, answered, timings}; `error` {error: {code, message}}
//          when the answer fails after the stream began;
//          otherwise -> {message_id, answer, citations, answered, timings}
// Another user's conversation is 404, like one that does not exist. Answers read
// only what the caller may read (api::read_scope). The service must outlive the router.

#include "assistant/conversation_service.h"
#include "http/router.h"

namespace sanad::api {

void add_conversation_routes(http::Router& router, assistant::ConversationService& service);

}  // namespace sanad::api
