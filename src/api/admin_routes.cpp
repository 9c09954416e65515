#include "api/admin_routes.h"

#include <nlohmann/json.hpp>

#include "api/authentication.h"
#include "api/route_options.h"
#include "http/response.h"
#include "retrieval/reindex_job.h"

namespace sanad::api {

namespace {

http::Response reindex(jobs::JobQueue& queue, const AdminRouteOptions& options, const http::Request& req) {
  if (auto denied = require_admin(req)) return *denied;
  bool vectorize = false;
  if (!req.body.empty()) {
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return http::error_response(invalid_argument("the body must be a JSON object"));
    }
    if (body.contains("vectorize")) {
      if (!body["vectorize"].is_boolean()) return http::error_response(invalid_argument("'vectorize' must be a boolean"));
      vectorize = body["vectorize"].get<bool>();
    }
  }
  auto job_id = retrieval::enqueue_reindex(queue, vectorize, options.can_vectorize);
  if (!job_id) return http::error_response(job_id.status());
  return http::Response::json(202, nlohmann::json{{"job_id", *job_id}}.dump());
}

}  // namespace

void add_admin_routes(http::Router& router, jobs::JobQueue& queue, AdminRouteOptions options) {
  router.add("POST", "/api/admin/reindex",
             [&queue, options](http::Request& req) { return reindex(queue, options, req); },
             pooled("admin.reindex"));
}

}  // namespace sanad::api
