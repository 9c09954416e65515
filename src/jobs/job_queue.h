#pragma once
// JobQueue: enqueue, inspect and cancel durable jobs (rows of `jobs`). Thread-safe.
// Built once in main (after migrations) and passed by reference; the Database
// must outlive it. A WorkerPool in this process subscribes to be woken at once
// when a job is enqueued here; workers in other processes find it by polling.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "db/database.h"
#include "jobs/job.h"

namespace sanad::jobs {

class JobQueue {
 public:
  JobQueue(db::Database& db, const core::JobsConfig& config);
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // Stores a queued job and returns its id. invalid_argument when the type is
  // empty or the payload is not JSON.
  Result<std::string> enqueue(const JobSpec& spec);

  // The job as stored now (progress and error included); not_found if unknown.
  Result<Job> get(const std::string& id);

  // Queued: cancelled at once. Running: cancel_requested is set and the handler
  // sees it through JobContext::cancel_requested(). Already cancelled: OK.
  // Succeeded or failed: failed_precondition. Unknown: not_found.
  Status cancel(const std::string& id);

  // Number of jobs in each state (every state present, zero included).
  Result<std::map<std::string, int64_t>> counts_by_state();

  // Jobs matching `filter`, newest first.
  Result<std::vector<Job>> list(const JobFilter& filter = {});

  // Wake-up hooks for local workers: `wake` is called on the enqueuing thread,
  // with the subscriber list locked, after each enqueue. It must be cheap and must
  // not call back into the queue. Returns a token for unsubscribe(); after
  // unsubscribe() returns, `wake` is no longer called.
  uint64_t subscribe(std::function<void()> wake);
  void unsubscribe(uint64_t token);

  db::Database& database() { return db_; }
  const core::JobsConfig& config() const { return config_; }

 private:
  db::Database& db_;
  const core::JobsConfig config_;
  std::mutex subscribers_mutex_;
  std::map<uint64_t, std::function<void()>> subscribers_;
  uint64_t next_token_ = 1;
};

}  // namespace sanad::jobs
