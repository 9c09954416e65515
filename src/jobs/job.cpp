#include "jobs/job.h"

#include "jobs/job_row.h"

namespace sanad::jobs {

std::string_view job_state_name(JobState state) noexcept {
  switch (state) {
    case JobState::kQueued: return "queued";
    case JobState::kRunning: return "running";
    case JobState::kSucceeded: return "succeeded";
    case JobState::kFailed: return "failed";
    case JobState::kCancelled: return "cancelled";
  }
  return "queued";
}

Result<JobState> parse_job_state(std::string_view name) {
  for (JobState s : {JobState::kQueued, JobState::kRunning, JobState::kSucceeded, JobState::kFailed,
                     JobState::kCancelled}) {
    if (job_state_name(s) == name) return s;
  }
  return invalid_argument("unknown job state '" + std::string(name) + "'");
}

bool is_final(JobState state) noexcept {
  return state == JobState::kSucceeded || state == JobState::kFailed || state == JobState::kCancelled;
}

Job job_from_row(const db::Row& row) {
  Job job;
  job.id = row.get_string("id");
  job.type = row.get_string("type");
  job.payload = row.get_string("payload");
  job.state = parse_job_state(row.get_string("state")).value_or(JobState::kFailed);
  job.attempts = static_cast<int>(row.get_int("attempts"));
  job.max_attempts = static_cast<int>(row.get_int("max_attempts"));
  job.run_after = row.get_int("run_after");
  job.lease_owner = row.opt_string("lease_owner");
  job.lease_expires_at = row.opt_int("lease_expires_at");
  job.heartbeat_at = row.opt_int("heartbeat_at");
  job.progress = row.opt_string("progress");
  job.error = row.opt_string("error");
  job.cancel_requested = row.get_bool("cancel_requested");
  job.created_at = row.get_int("created_at");
  job.updated_at = row.get_int("updated_at");
  job.finished_at = row.opt_int("finished_at");
  return job;
}

}  // namespace sanad::jobs
