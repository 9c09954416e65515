#pragma once
// HTTP routes for folders (permissions: see docs/auth.md, "Permissions"):
//   GET    /api/folders                      the folders the caller may read, as a
//                                            forest (a readable folder under one the
//                                            caller cannot read is listed as a root;
//                                            unreadable ancestors are not shown), each
//                                            with the caller's "permission"
//   POST   /api/folders {name, parent_id}    create: write on the parent; a root
//                                            folder: administrators only
//   PATCH  /api/folders/{id} {name?, parent_id?}  rename and/or move (parent_id null:
//                                            to the root): manage on the folder, and
//                                            write on the new parent (administrators
//                                            only for the root)
//   DELETE /api/folders/{id}?recursive=true  delete: manage (a non-empty folder needs
//                                            recursive)
// A folder the caller may not read answers 404. The library and scope must outlive
// the router.

#include "api/access_scope.h"
#include "http/router.h"
#include "library/library.h"

namespace sanad::api {

void add_folder_routes(http::Router& router, library::Library& library, const AccessScope& scope);

}  // namespace sanad::api
