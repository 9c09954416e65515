#pragma once
// GET /api/openapi.json: the OpenAPI 3.1 document of the whole HTTP API, compiled
// into the program from src/api/openapi.json.

#include "http/router.h"

namespace sanad::api {

void add_openapi_route(http::Router& router);

}  // namespace sanad::api
