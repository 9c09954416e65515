#include "api/openapi_route.h"

#include "api/openapi_document.h"
#include "api/route_options.h"
#include "http/response.h"

namespace sanad::api {

void add_openapi_route(http::Router& router) {
  router.add(
      "GET", "/api/openapi.json",
      [](http::Request&) {
        auto response = http::Response::json(200, std::string(kOpenApiDocument));
        response.set_header("Cache-Control", "no-cache");
        return response;
      },
      inline_route("openapi"));
}

}  // namespace sanad::api
