#include "jobs/job_queue.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/ids.h"
#include "jobs/job_row.h"

namespace sanad::jobs {

JobQueue::JobQueue(db::Database& db, const core::JobsConfig& config) : db_(db), config_(config) {}

Result<std::string> JobQueue::enqueue(const JobSpec& spec) {
  if (spec.type.empty()) return invalid_argument("job type is empty");
  if (!nlohmann::json::accept(spec.payload_json)) {
    return invalid_argument("job payload for '" + spec.type + "' is not valid JSON");
  }
  int64_t now = core::now_ms();
  std::string id = core::new_id();
  int64_t max_attempts = spec.max_attempts > 0 ? spec.max_attempts : config_.max_attempts;
  if (max_attempts < 1) max_attempts = 1;
  int64_t run_after = spec.run_after > 0 ? spec.run_after : now;
  SANAD_RETURN_IF_ERROR(
      db_.exec("INSERT INTO jobs (id, type, payload, state, attempts, max_attempts, run_after, "
               "cancel_requested, created_at, updated_at) "
               "VALUES (?, ?, ?, 'queued', 0, ?, ?, 0, ?, ?)",
               {id, spec.type, spec.payload_json, max_attempts, run_after, now, now})
          .status());
  std::lock_guard lock(subscribers_mutex_);
  for (auto& [token, wake] : subscribers_) wake();
  return id;
}

Result<Job> JobQueue::get(const std::string& id) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query("SELECT " + std::string(kJobColumns) + " FROM jobs WHERE id = ?", {id}));
  if (rows.empty()) return not_found("no job " + id);
  return job_from_row(rows[0]);
}

Status JobQueue::cancel(const std::string& id) {
  // A job may move between queued and running while we look (a retry, a claim):
  // try again a few times rather than lose the request.
  for (int round = 0; round < 5; ++round) {
    int64_t now = core::now_ms();
    SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("UPDATE jobs SET state = 'cancelled', finished_at = ?, "
                                               "updated_at = ? WHERE id = ? AND state = 'queued'",
                                               {now, now, id}));
    if (n == 1) return Status::ok();
    SANAD_ASSIGN_OR_RETURN(n, db_.exec("UPDATE jobs SET cancel_requested = 1, updated_at = ? "
                                       "WHERE id = ? AND state = 'running'",
                                       {now, id}));
    if (n == 1) return Status::ok();
    SANAD_ASSIGN_OR_RETURN(Job job, get(id));
    if (job.state == JobState::kCancelled) return Status::ok();
    if (is_final(job.state)) {
      return failed_precondition("job " + id + " has already " +
                                 (job.state == JobState::kSucceeded ? "succeeded" : "failed"));
    }
  }
  return unavailable("job " + id + " kept changing state; try again");
}

Result<std::map<std::string, int64_t>> JobQueue::counts_by_state() {
  std::map<std::string, int64_t> counts;
  for (JobState s : {JobState::kQueued, JobState::kRunning, JobState::kSucceeded, JobState::kFailed,
                     JobState::kCancelled}) {
    counts[std::string(job_state_name(s))] = 0;
  }
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state"));
  for (const db::Row& r : rows) counts[r.get_string(0)] = r.get_int(1);
  return counts;
}

Result<std::vector<Job>> JobQueue::list(const JobFilter& filter) {
  std::string sql = "SELECT " + std::string(kJobColumns) + " FROM jobs WHERE 1 = 1";
  db::Params params;
  if (filter.state) {
    sql += " AND state = ?";
    params.emplace_back(std::string(job_state_name(*filter.state)));
  }
  if (!filter.type.empty()) {
    sql += " AND type = ?";
    params.emplace_back(filter.type);
  }
  sql += " ORDER BY created_at DESC, id DESC LIMIT ?";
  params.emplace_back(filter.limit > 0 ? filter.limit : int64_t{100});
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query(sql, params));
  std::vector<Job> jobs;
  jobs.reserve(rows.size());
  for (const db::Row& r : rows) jobs.push_back(job_from_row(r));
  return jobs;
}

uint64_t JobQueue::subscribe(std::function<void()> wake) {
  std::lock_guard lock(subscribers_mutex_);
  uint64_t token = next_token_++;
  subscribers_.emplace(token, std::move(wake));
  return token;
}

void JobQueue::unsubscribe(uint64_t token) {
  std::lock_guard lock(subscribers_mutex_);
  subscribers_.erase(token);
}

}  // namespace sanad::jobs
