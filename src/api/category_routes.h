#pragma once
// HTTP routes for categories:
//   GET /api/categories   every category with its French, English and Arabic labels
// The library must outlive the router.

#include "http/router.h"
#include "library/library.h"

namespace sanad::api {

void add_category_routes(http::Router& router, library::Library& library);

}  // namespace sanad::api
