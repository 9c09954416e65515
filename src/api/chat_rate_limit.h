#pragma once
// The per-user limit on chat messages, for the routes that accept them: at most
// `AccountServices::chat_messages_per_minute` (SANAD_CHAT_RATE_PER_MINUTE, default
// 20) per user in any sliding minute, counted in the shared RateLimiter under the
// key "chat:<user_id>" (so across instances when REDIS_URL is set). Thread-safe.

#include <optional>
#include <string_view>

#include "api/account_services.h"
#include "http/middleware.h"
#include "http/response.h"

namespace sanad::api {

// nullopt when `user_id` may send one more message now (the message is counted);
// otherwise the response to send: 429 with Retry-After, or the limiter's error.
std::optional<http::Response> check_chat_rate(AccountServices& services, std::string_view user_id);

// Applies check_chat_rate to the signed-in user of every request to the routes that
// take a chat message (conversations.ask, chat.completions). Installed after the
// authentication middleware; `services` must outlive the server.
http::Middleware chat_rate_middleware(AccountServices& services);

}  // namespace sanad::api
