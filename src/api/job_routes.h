#pragma once
// HTTP routes for durable jobs:
//   GET  /api/jobs/{id}         the job: state, attempts, progress, error, times
//   POST /api/jobs/{id}/cancel  cancel a queued or running job
//   GET  /api/jobs/{id}/events  Server-Sent Events: `progress` on every change,
//                               then `done` with the final job (state succeeded,
//                               failed or cancelled)
// Administrators see every job; anyone else only jobs about a document they may read
// (cancel: write on its folder), any other job answering 404.
// The services must outlive the router.

#include "api/access_scope.h"
#include "http/router.h"
#include "jobs/job_queue.h"
#include "library/library.h"

namespace sanad::api {

struct JobRouteServices {
  jobs::JobQueue& queue;
  library::Library& library;  // to find the document a job is about
  const AccessScope& scope;
};

void add_job_routes(http::Router& router, const JobRouteServices& services);

}  // namespace sanad::api
