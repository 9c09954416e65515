#pragma once
// The authentication middleware and how handlers read the signed-in user.
//
// Deny by default: every matched route needs a user unless its name is in
// `public_routes`, and every unmatched path under /api/ or /v1/ needs a valid token
// before it may learn that the path does not exist. A user comes from
// `Authorization: Bearer <access token>` (verified by AccessTokenService) and must
// exist and be active; anything else is 401 `unauthenticated` with
// `WWW-Authenticate: Bearer`. Paths the router rejected (400) and the web app's
// static fallback pass through. Installed with http::Server::use, after the
// standard chain (so CORS preflights are answered before it).

#include <set>
#include <string>

#include "accounts/user_service.h"
#include "auth/access_token.h"
#include "http/middleware.h"
#include "http/request.h"

namespace sanad::api {

// Route names reachable without a user (health, metrics, the OpenAPI document and
// the sign-in routes).
std::set<std::string, std::less<>> default_public_routes();

// The middleware described above. `tokens` and `users` must outlive the server.
http::Middleware authentication_middleware(const auth::AccessTokenService& tokens, accounts::UserService& users,
                                           std::set<std::string, std::less<>> public_routes);

// The signed-in user the middleware stored, or nullptr on a public route.
const accounts::User* current_user(const http::Request& req);

// 401 unauthenticated when there is no user, 403 permission_denied when the user
// is not an administrator; nullopt when `req` may go on.
std::optional<http::Response> require_admin(const http::Request& req);

}  // namespace sanad::api
