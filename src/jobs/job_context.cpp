#include "jobs/job_context.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"

namespace sanad::jobs {

JobContext::JobContext(db::Database& db, Job job, std::string owner)
    : db_(db), job_(std::move(job)), owner_(std::move(owner)) {
  if (job_.cancel_requested) cancel_requested_ = true;
}

Status JobContext::set_progress(const std::string& json) {
  if (!nlohmann::json::accept(json)) return invalid_argument("job progress is not valid JSON");
  SANAD_ASSIGN_OR_RETURN(
      int64_t n, db_.exec("UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ? "
                          "AND lease_owner = ? AND attempts = ? AND state = 'running'",
                          {json, core::now_ms(), job_.id, owner_, static_cast<int64_t>(job_.attempts)}));
  if (n == 0) {
    lease_lost_ = true;
    return failed_precondition("job " + job_.id + ": this worker no longer holds its lease");
  }
  return Status::ok();
}

}  // namespace sanad::jobs
