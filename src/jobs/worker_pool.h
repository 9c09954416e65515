#pragma once
// WorkerPool: worker threads that claim durable jobs with a lease and run the
// registered handler for each job's type. Any number of pools, in any number of
// processes, may share one database: a job is run by one worker at a time.
//
// Claiming: a running job whose lease expired (its worker died), else the oldest
// queued job with run_after <= now, is marked running with a lease of
// config.lease; a heartbeat extends the lease every lease/3 while the handler
// runs. Outcome of a handler:
//   OK                             -> succeeded
//   kCancelled after a cancel      -> cancelled
//   kInvalidArgument, kUnsupported, kTooLarge, kNotFound, kFailedPrecondition
//                                  -> failed at once (permanent), error kept
//   any other error or exception   -> queued again after an exponential backoff
//                                     with jitter; failed with the error kept
//                                     once max_attempts attempts have run
// An unknown job type fails with an error naming it.
//
// HANDLERS MUST BE IDEMPOTENT: a job can run more than once (its worker died or
// lost its lease after doing part or all of the work). Handlers should check
// JobContext::cancel_requested() between steps and return a kCancelled status.
//
// Thread-safety: register_handler() and set_retry_backoff() before start();
// start(), stop() and running() from one controlling thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/config.h"
#include "core/log.h"
#include "core/status.h"
#include "db/database.h"
#include "jobs/job_context.h"
#include "jobs/job_queue.h"

namespace sanad::jobs {

using JobHandler = std::function<Status(JobContext&)>;

// Counters since start, for /metrics.
struct WorkerStats {
  uint64_t claimed = 0;
  uint64_t empty_claims = 0;  // claim attempts that found nothing to run
  uint64_t succeeded = 0;
  uint64_t retried = 0;
  uint64_t failed = 0;
  uint64_t cancelled = 0;
  uint64_t released = 0;  // handed back at shutdown
  unsigned busy = 0;      // handlers running now
};

class WorkerPool {
 public:
  // References must outlive the pool. `owner` names this pool in lease_owner
  // (e.g. "<host>:<pid>"); it should be unique among live pools.
  WorkerPool(db::Database& db, JobQueue& queue, const core::JobsConfig& config, core::Logger& logger,
             std::string owner);
  // Stops (waiting for running handlers) if still running.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Registers the handler for jobs of `type` (replaces an earlier one).
  void register_handler(const std::string& type, JobHandler handler);

  // Backoff before retry n (n >= 1) is about base * 2^(n-1), capped at `max`, with
  // jitter (a random value between half and all of it). Default 1 s and 5 min.
  void set_retry_backoff(std::chrono::milliseconds base, std::chrono::milliseconds max);

  // Starts config.workers worker threads and the heartbeat thread. A pool with 0
  // workers does nothing. failed_precondition if already running.
  Status start();

  // Graceful stop: no new claims; running handlers see cancel_requested(); a job
  // whose handler gives up because of the shutdown is released (queued again,
  // the attempt not counted). Waits until `deadline` for handlers to return;
  // deadline_exceeded if some are still running (their leases keep being
  // extended until they return; the destructor waits for them).
  Status stop(std::chrono::steady_clock::time_point deadline);

  bool running() const { return started_.load() && !stopping_.load(); }
  WorkerStats stats() const;

 private:
  void worker_loop();
  void heartbeat_loop();
  Result<std::optional<Job>> claim();
  void run(Job job);
  void finish(JobContext& ctx, const Status& outcome);
  // UPDATE ... guarded by the lease (id, owner, attempt); logs a lost lease.
  void fenced_update(JobContext& ctx, const std::string& set_clause, db::Params params, const char* what);
  std::chrono::milliseconds backoff(int attempt);
  void join_all();

  db::Database& db_;
  JobQueue& queue_;
  const core::JobsConfig config_;
  core::Logger& logger_;
  const std::string owner_;
  std::map<std::string, JobHandler> handlers_;
  std::chrono::milliseconds backoff_base_{1000};
  std::chrono::milliseconds backoff_max_{300000};

  std::atomic<bool> started_{false};
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::condition_variable wake_;      // new work, or stopping
  std::condition_variable finished_;  // a worker thread exited
  uint64_t wake_generation_ = 0;
  unsigned live_workers_ = 0;
  std::map<std::string, std::shared_ptr<JobContext>> active_;  // job id -> context
  std::vector<std::thread> threads_;
  std::thread heartbeat_;
  uint64_t subscription_ = 0;
  std::mt19937_64 rng_;
  WorkerStats stats_;
};

}  // namespace sanad::jobs
