#pragma once
// HTTP routes for password sign-in and sessions (all public: they authenticate by
// what the body holds):
//   POST /api/auth/register          {email, password, name} → 201 session (SANAD_REGISTRATION=open only)
//   POST /api/auth/login             {email, password} → {access_token, refresh_token, expires_in, user}
//   POST /api/auth/refresh           {refresh_token} → a new session (rotation; reuse revokes the family)
//   POST /api/auth/logout            {refresh_token} → 204 (revokes its family)
//   POST /api/auth/password/forgot   {email} → 202 whether or not the account exists
//   POST /api/auth/password/reset    {token, password} → 204; ends every session
//   GET  /api/auth/providers         {password, registration, oidc: [{id, name}]}
// Rate limits (sliding windows, per client IP unless said): sign-in 5 failures per
// account and 30 attempts per IP in 15 min; registration 10 per hour; reset requests
// 5 and reset confirmations 10 per 15 min. Exceeding one is 429 with Retry-After.
// A full hashing cap is 503 with Retry-After. `services` must outlive the router.

#include "api/account_services.h"
#include "http/router.h"

namespace sanad::api {

void add_auth_routes(http::Router& router, AccountServices& services);

}  // namespace sanad::api
