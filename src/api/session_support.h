#pragma once
// Helpers shared by the sign-in routes (password, OpenID Connect, invitations):
// the session answer, audit rows and rate-limit checks. Thread-safe as the
// services they use.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/account_services.h"
#include "http/request.h"
#include "http/response.h"

namespace sanad::api {

// A fresh session for `user` with HTTP status `status`: an access token and a new
// refresh-token family (or `refresh_token` when one was just rotated), plus the user.
// Cache-Control: no-store.
http::Response session_response(AccountServices& services, const accounts::User& user, int status,
                                const std::string& refresh_token = "");

// Writes an audit row for this request (its client IP); a failed write is logged.
void audit_event(AccountServices& services, const http::Request& req, std::string event, std::string actor,
                 std::string target, nlohmann::json detail = nlohmann::json::object());

// A rate limit: at most `count` hits per `window` for keys starting with `prefix`.
struct Limit {
  const char* prefix;
  uint32_t count;
  std::chrono::milliseconds window;
};

// nullopt when `limit` allows another hit for `key` (and records it); otherwise the
// response to send (429 with Retry-After, or the limiter's error).
std::optional<http::Response> check_limit(auth::RateLimiter& limiter, const Limit& limit, std::string_view key);

}  // namespace sanad::api
