#include "api/chat_rate_limit.h"

#include <chrono>

#include "api/authentication.h"
#include "api/session_support.h"

namespace sanad::api {

std::optional<http::Response> check_chat_rate(AccountServices& s, std::string_view user_id) {
  const Limit per_minute{"chat:", s.chat_messages_per_minute, std::chrono::minutes(1)};
  return check_limit(s.limiter, per_minute, user_id);
}

http::Middleware chat_rate_middleware(AccountServices& services) {
  return [&services](http::Request& req, const http::Next& next) {
    const std::string_view route = req.route_name();
    if (route == "conversations.ask" || route == "chat.completions") {
      if (const accounts::User* user = current_user(req)) {
        if (auto limited = check_chat_rate(services, user->id)) return std::move(*limited);
      }
    }
    return next(req);
  };
}

}  // namespace sanad::api
