#pragma once
// HTTP routes for durable jobs:
//   GET  /api/jobs/{id}         the job: state, attempts, progress, error, times
//   POST /api/jobs/{id}/cancel  cancel a queued or running job
//   GET  /api/jobs/{id}/events  Server-Sent Events: `progress` on every change,
//                               then `done` with the final job (state succeeded,
//                               failed or cancelled)
// The queue must outlive the router.

#include "http/router.h"
#include "jobs/job_queue.h"

namespace sanad::api {

void add_job_routes(http::Router& router, jobs::JobQueue& queue);

}  // namespace sanad::api
