#pragma once
// HTTP routes for groups (administrators only):
//   GET  /api/groups                 every group with its member ids
//   POST /api/groups                 {name} → 201 the group (names unique, any case)
//   PUT  /api/groups/{id}/members    {"user_ids": [...]} → the group (replaces the members)
// Membership changes are written to the audit log. `services` must outlive the router.

#include "api/account_services.h"
#include "http/router.h"

namespace sanad::api {

void add_group_routes(http::Router& router, AccountServices& services);

}  // namespace sanad::api
