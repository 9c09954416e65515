#pragma once
// HTTP routes for folders:
//   GET    /api/folders                      the folder tree
//   POST   /api/folders {name, parent_id}    create
//   PATCH  /api/folders/{id} {name?, parent_id?}  rename and/or move (parent_id null: to the root)
//   DELETE /api/folders/{id}?recursive=true  delete (a non-empty folder needs recursive)
// The library must outlive the router.

#include "http/router.h"
#include "library/library.h"

namespace sanad::api {

void add_folder_routes(http::Router& router, library::Library& library);

}  // namespace sanad::api
