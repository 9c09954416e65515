#include "api/authentication.h"

#include "core/strings.h"
#include "http/response.h"
#include "http/router.h"

namespace sanad::api {

namespace {

constexpr std::string_view kUserKey = "user";

http::Response unauthenticated_response() {
  http::Response r = http::error_response(401, "unauthenticated", "sign in first");
  r.set_header("WWW-Authenticate", "Bearer");
  return r;
}

bool under_protected_prefix(std::string_view path) {
  std::string lower = core::ascii_lower(path);
  return lower == "/api" || lower.rfind("/api/", 0) == 0 || lower == "/v1" || lower.rfind("/v1/", 0) == 0;
}

// The token of "Authorization: Bearer <token>" (scheme case-insensitive), or "".
std::string_view bearer_token(const http::Request& req) {
  std::string_view value = core::trim(req.header("Authorization"));
  constexpr std::string_view kScheme = "bearer ";
  if (value.size() <= kScheme.size() || !core::iequals(value.substr(0, kScheme.size()), kScheme)) return {};
  return core::trim(value.substr(kScheme.size()));
}

}  // namespace

std::set<std::string, std::less<>> default_public_routes() {
  return {"health_live",        "health_ready",       "metrics",          "openapi",
          "auth.register",      "auth.login",         "auth.refresh",     "auth.logout",
          "auth.password_forgot", "auth.password_reset", "auth.providers",
          "auth.oidc_start",    "auth.oidc_callback", "auth.oidc_exchange"};
}

http::Middleware authentication_middleware(const auth::AccessTokenService& tokens, accounts::UserService& users,
                                           std::set<std::string, std::less<>> public_routes) {
  return [&tokens, &users, public_routes = std::move(public_routes)](http::Request& req,
                                                                     const http::Next& next) -> http::Response {
    req.context.erase(std::string(kUserKey));
    switch (req.match) {
      case http::MatchResult::kBadPath:
      case http::MatchResult::kFallback:
        return next(req);
      case http::MatchResult::kFound:
        if (req.route != nullptr && public_routes.count(req.route->options.name) != 0) return next(req);
        break;
      default:
        // No route: only paths under the API need a token to learn they do not exist.
        // The token is checked without a database lookup (this may run on an I/O thread).
        if (!under_protected_prefix(req.path)) return next(req);
        if (!tokens.verify(bearer_token(req))) return unauthenticated_response();
        return next(req);
    }
    auto claims = tokens.verify(bearer_token(req));
    if (!claims) return unauthenticated_response();
    auto user = users.get(claims->subject);
    if (!user) {
      if (user.status().code() == ErrorCode::kNotFound) return unauthenticated_response();
      return http::error_response(user.status());
    }
    if (!user->active) return unauthenticated_response();
    req.context[std::string(kUserKey)] = std::move(*user);
    return next(req);
  };
}

const accounts::User* current_user(const http::Request& req) { return req.context_value<accounts::User>(kUserKey); }

std::optional<http::Response> require_admin(const http::Request& req) {
  const accounts::User* user = current_user(req);
  if (user == nullptr) return unauthenticated_response();
  if (user->role != accounts::kRoleAdmin) {
    return http::error_response(403, "permission_denied", "administrators only");
  }
  return std::nullopt;
}

}  // namespace sanad::api
