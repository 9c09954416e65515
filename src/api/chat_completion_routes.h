#pragma once
// The OpenAI-compatible endpoint, so existing chat clients can use Sanad:
//   POST /v1/chat/completions  {model?, messages: [{role, content}], stream?}
// The last user message is the question, earlier user/assistant messages the
// history; system messages from the client are ignored (the assistant's own rules
// stand). The reply is the answer with its citations [n] in the text, followed by
// a "Sources" list, and in an extra `citations` field (plus `answered`). With
// "stream": true, chat.completion.chunk objects as `data:` lines, then
// `data: [DONE]`; a failure after the stream began is a `data: {"error": ...}` line.
// Authenticated with the same Bearer access tokens as /api/. Nothing is stored.
// The service must outlive the router.

#include "assistant/conversation_service.h"
#include "http/router.h"

namespace sanad::api {

void add_chat_completion_routes(http::Router& router, assistant::ConversationService& service);

}  // namespace sanad::api
