#pragma once
// HTTP route for feedback on an answer:
//   POST /api/messages/{id}/feedback  {rating: "up"|"down", comment?} -> 204
// Only on answers in the caller's own conversations (404 otherwise). The store
// must outlive the router.

#include "assistant/conversation_store.h"
#include "http/router.h"

namespace sanad::api {

void add_feedback_routes(http::Router& router, assistant::ConversationStore& store);

}  // namespace sanad::api
