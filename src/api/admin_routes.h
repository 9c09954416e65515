#pragma once
// Administrator operations:
//   POST /api/admin/reindex {vectorize?: bool} -> 202 {job_id}: rebuilds the search
//        index (and, with vectorize, recomputes every chunk's embedding first);
//        progress on /api/jobs/{id}.
// References must outlive the router.

#include "http/router.h"
#include "jobs/job_queue.h"

namespace sanad::api {

struct AdminRouteOptions {
  bool can_vectorize = false;  // an embedding model is configured
};

void add_admin_routes(http::Router& router, jobs::JobQueue& queue, AdminRouteOptions options);

}  // namespace sanad::api
