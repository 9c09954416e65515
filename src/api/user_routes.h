#pragma once
// HTTP routes for accounts (a signed-in user is required, see authentication.h):
//   GET  /api/me      the caller's account
//   POST /api/me/password {current_password, new_password} → 200 a new session; every
//                     other session ends (wrong current password: 403; 5 tries per 15 min)
//   GET  /api/users   every account (administrators)
//   POST /api/users   {email, password, name, role} → 201 the account (administrators)
// `services` must outlive the router.

#include "api/account_services.h"
#include "http/router.h"

namespace sanad::api {

void add_user_routes(http::Router& router, AccountServices& services);

}  // namespace sanad::api
