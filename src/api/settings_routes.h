#pragma once
// Administrator routes for sign-up:
//   PUT  /api/settings/registration {mode: "open"|"invite"|"closed"} → 200 {mode}
//        (stored in the database: survives restarts, seen by every instance)
//   POST /api/invitations {email, role?="member", language?} → 201
//        {id, email, role, expires_at, link, mailed}
//        `link` is FRONTEND_URL/register?invite=<token> (single use, 7 days); it is
//        mailed to the address when SMTP_URL is set (off the request), and returned to
//        the administrator either way so it can be handed over another way.
// Both need an administrator; both are audited. `services` must outlive the router.

#include "api/account_services.h"
#include "http/router.h"

namespace sanad::api {

void add_settings_routes(http::Router& router, AccountServices& services);

}  // namespace sanad::api
