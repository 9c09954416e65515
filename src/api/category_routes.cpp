#include "api/category_routes.h"

#include "api/library_json.h"
#include "api/route_options.h"
#include "http/response.h"

namespace sanad::api {

void add_category_routes(http::Router& router, library::Library& library) {
  router.add(
      "GET", "/api/categories",
      [&library](http::Request&) {
        auto list = library.list_categories();
        if (!list) return http::error_response(list.status());
        nlohmann::json out = nlohmann::json::array();
        for (const auto& c : *list) out.push_back(category_to_json(c));
        return http::Response::json(200, nlohmann::json{{"categories", out}}.dump());
      },
      pooled("categories.list"));
}

}  // namespace sanad::api
