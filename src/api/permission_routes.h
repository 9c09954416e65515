#pragma once
// HTTP routes for a folder's own permission entries (manage on the folder needed;
// a folder the caller may not read answers 404):
//   GET /api/folders/{id}/permissions   -> {entries: [{principal, permission}]}, the
//                                          folder's own entries (not the inherited ones)
//   PUT /api/folders/{id}/permissions {entries: [{principal, permission}]}
//                                       replaces the folder's own entries (children
//                                       inherit); principals are "user:<id>",
//                                       "group:<id>" (both must exist) or "everyone";
//                                       recorded in the audit log as
//                                       "folder.permissions" -> {entries}
// The scope and services must outlive the router.

#include "api/access_scope.h"
#include "api/account_services.h"
#include "http/router.h"

namespace sanad::api {

void add_permission_routes(http::Router& router, const AccessScope& scope, AccountServices& accounts);

}  // namespace sanad::api
