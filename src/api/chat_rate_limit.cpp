#include "api/chat_rate_limit.h"

#include <chrono>

#include "api/session_support.h"

namespace sanad::api {

std::optional<http::Response> check_chat_rate(AccountServices& s, std::string_view user_id) {
  const Limit per_minute{"chat:", s.chat_messages_per_minute, std::chrono::minutes(1)};
  return check_limit(s.limiter, per_minute, user_id);
}

}  // namespace sanad::api
