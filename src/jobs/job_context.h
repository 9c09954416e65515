#pragma once
// What a job handler sees of the job it runs. One JobContext per attempt, owned
// by the WorkerPool; handlers get a reference valid for the duration of the call.
// set_progress() and cancel_requested() may be called from the handler's thread
// (and, for cancel_requested(), from any thread).

#include <atomic>
#include <string>

#include "core/status.h"
#include "db/database.h"
#include "jobs/job.h"

namespace sanad::jobs {

class JobContext {
 public:
  JobContext(db::Database& db, Job job, std::string owner);
  JobContext(const JobContext&) = delete;
  JobContext& operator=(const JobContext&) = delete;

  const Job& job() const { return job_; }
  const std::string& id() const { return job_.id; }
  const std::string& payload() const { return job_.payload; }
  // 1 for the first attempt.
  int attempt() const { return job_.attempts; }

  // Stores `json` as the job's progress, readable through JobQueue::get().
  // invalid_argument when `json` is not JSON; failed_precondition when this worker
  // no longer holds the job's lease.
  Status set_progress(const std::string& json);

  // True when the handler should stop soon: the job was cancelled, the pool is
  // shutting down, or the lease was lost. A handler that stops for this reason
  // returns a kCancelled status.
  bool cancel_requested() const {
    return cancel_requested_.load() || shutting_down_.load() || lease_lost_.load();
  }

  // --- used by the WorkerPool ---
  void request_cancel() { cancel_requested_ = true; }
  void request_shutdown() { shutting_down_ = true; }
  void mark_lease_lost() { lease_lost_ = true; }
  bool cancel_was_requested() const { return cancel_requested_.load(); }
  bool shutdown_was_requested() const { return shutting_down_.load(); }
  bool lease_was_lost() const { return lease_lost_.load(); }
  const std::string& owner() const { return owner_; }

 private:
  db::Database& db_;
  const Job job_;
  const std::string owner_;
  std::atomic<bool> cancel_requested_{false};
  std::atomic<bool> shutting_down_{false};
  std::atomic<bool> lease_lost_{false};
};

}  // namespace sanad::jobs
