#pragma once
// Internal to the jobs module: the column list used to read jobs and the mapping
// from a result row to a Job.

#include <string_view>

#include "db/rows.h"
#include "jobs/job.h"

namespace sanad::jobs {

inline constexpr std::string_view kJobColumns =
    "id, type, payload, state, attempts, max_attempts, run_after, lease_owner, lease_expires_at, "
    "heartbeat_at, progress, error, cancel_requested, created_at, updated_at, finished_at";

// Requires a row selected with kJobColumns.
Job job_from_row(const db::Row& row);

}  // namespace sanad::jobs
