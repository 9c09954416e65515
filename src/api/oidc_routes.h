#pragma once
// HTTP routes for OpenID Connect sign-in (public: they authenticate by what the
// provider and the one-time code say):
//   GET  /api/auth/oidc/{provider}/start[?next=/local/path]
//        → 302 to the provider (PKCE S256, state, nonce; the pending login kept in
//          the login-state store for 10 minutes)
//   GET  /api/auth/oidc/{provider}/callback?state=…&code=…
//        → 302 to FRONTEND_URL<next>#oidc_code=<one-time code> on success, or to
//          FRONTEND_URL/#oidc_error=<reason> (invalid_state, provider_error,
//          invalid_token, email_not_verified, account_exists, registration_closed,
//          account_disabled, unavailable). No token ever travels in a URL.
//   POST /api/auth/oidc/exchange {code} → 200 session (as /api/auth/login); the code
//        is single-use and valid one minute.
// The callback URL sent to providers is SANAD_PUBLIC_URL + the callback path, or,
// when unset, the request's scheme and Host header (the Host allow-list applies).
// start and exchange are limited to 60 per IP per 15 minutes. Every referenced
// service must outlive the router.

#include <string>

#include "accounts/sign_in_codes.h"
#include "api/account_services.h"
#include "http/router.h"

namespace sanad::api {

struct OidcRouteServices {
  accounts::OidcSignIn& sign_in;
  accounts::SignInCodes& codes;
  std::string public_url;  // SANAD_PUBLIC_URL without a trailing slash; may be empty
};

void add_oidc_routes(http::Router& router, AccountServices& services, OidcRouteServices oidc);

}  // namespace sanad::api
