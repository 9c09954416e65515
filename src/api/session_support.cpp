#include "api/session_support.h"

#include "api/account_json.h"

namespace sanad::api {

std::optional<http::Response> check_limit(auth::RateLimiter& limiter, const Limit& limit, std::string_view key) {
  auto decision = limiter.hit(std::string(limit.prefix) + std::string(key), limit.count, limit.window);
  if (!decision) return service_error(decision.status());
  if (!decision->allowed) return rate_limited(*decision);
  return std::nullopt;
}

void audit_event(AccountServices& s, const http::Request& req, std::string event, std::string actor,
                 std::string target, nlohmann::json detail) {
  accounts::AuditEvent e;
  e.event = std::move(event);
  e.actor_id = std::move(actor);
  e.target = std::move(target);
  e.ip = req.client_ip;
  e.detail = std::move(detail);
  if (Status st = s.audit.record(std::move(e)); !st) {
    s.logger.warn("audit log write failed", {{"error", st.to_string()}});
  }
}

http::Response session_response(AccountServices& s, const accounts::User& user, int status,
                                const std::string& refresh_token) {
  auto access = s.access_tokens.issue(user.id);
  if (!access) return http::error_response(access.status());
  std::string refresh = refresh_token;
  if (refresh.empty()) {
    auto issued = s.refresh_tokens.issue(user.id);
    if (!issued) return http::error_response(issued.status());
    refresh = std::move(issued->token);
  }
  nlohmann::json body = {{"access_token", access->token},
                         {"token_type", "Bearer"},
                         {"expires_in", access->expires_in},
                         {"refresh_token", refresh},
                         {"user", user_to_json(user)}};
  http::Response r = http::Response::json(status, body.dump());
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace sanad::api
