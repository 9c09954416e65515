#include "jobs/worker_pool.h"

#include <algorithm>
#include <exception>

#include "core/clock.h"
#include "jobs/job_row.h"

namespace sanad::jobs {
namespace {

// Errors a retry cannot fix.
bool is_permanent(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kUnsupported:
    case ErrorCode::kTooLarge:
    case ErrorCode::kNotFound:
    case ErrorCode::kFailedPrecondition: return true;
    default: return false;
  }
}

// The next job to run: first one whose worker died (lease expired), so it is not
// starved by a busy queue, then the oldest due queued job. Each form is served by
// an index (jobs_lease_idx, jobs_queued_idx).
constexpr std::string_view kExpiredCandidate =
    "SELECT id FROM jobs WHERE state = 'running' AND lease_expires_at <= ? ORDER BY lease_expires_at LIMIT 1";
constexpr std::string_view kQueuedCandidate =
    "SELECT id FROM jobs WHERE state = 'queued' AND run_after <= ? ORDER BY run_after, created_at LIMIT 1";
constexpr std::string_view kClaimSet =
    "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = ?, lease_expires_at = ?, "
    "heartbeat_at = ?, updated_at = ? ";

}  // namespace

WorkerPool::WorkerPool(db::Database& db, JobQueue& queue, const core::JobsConfig& config,
                       core::Logger& logger, std::string owner)
    : db_(db),
      queue_(queue),
      config_(config),
      logger_(logger),
      owner_(std::move(owner)),
      rng_(std::random_device{}()) {}

WorkerPool::~WorkerPool() {
  if (started_) {
    (void)stop(std::chrono::steady_clock::now() + config_.lease);
    join_all();
  }
}

void WorkerPool::register_handler(const std::string& type, JobHandler handler) {
  handlers_[type] = std::move(handler);
}

void WorkerPool::set_retry_backoff(std::chrono::milliseconds base, std::chrono::milliseconds max) {
  backoff_base_ = base;
  backoff_max_ = max;
}

Status WorkerPool::start() {
  if (started_) return failed_precondition("worker pool " + owner_ + " is already running");
  if (config_.workers == 0) return Status::ok();
  stopping_ = false;
  started_ = true;
  subscription_ = queue_.subscribe([this] {
    {
      std::lock_guard lock(mutex_);
      ++wake_generation_;
    }
    wake_.notify_all();
  });
  {
    std::lock_guard lock(mutex_);
    live_workers_ = config_.workers;
  }
  for (unsigned i = 0; i < config_.workers; ++i) threads_.emplace_back([this] { worker_loop(); });
  heartbeat_ = std::thread([this] { heartbeat_loop(); });
  logger_.info("job workers started", {{"owner", owner_}, {"workers", config_.workers}});
  return Status::ok();
}

Status WorkerPool::stop(std::chrono::steady_clock::time_point deadline) {
  if (!started_) return Status::ok();
  queue_.unsubscribe(subscription_);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, ctx] : active_) ctx->request_shutdown();
  }
  wake_.notify_all();
  std::unique_lock lock(mutex_);
  if (!finished_.wait_until(lock, deadline, [&] { return live_workers_ == 0; })) {
    logger_.warn("job handlers still running at the shutdown deadline",
                 {{"owner", owner_}, {"running", static_cast<int64_t>(active_.size())}});
    return deadline_exceeded("job handlers still running at the shutdown deadline");
  }
  lock.unlock();
  join_all();
  return Status::ok();
}

void WorkerPool::join_all() {
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (heartbeat_.joinable()) heartbeat_.join();
  started_ = false;
  logger_.info("job workers stopped", {{"owner", owner_}});
}

WorkerStats WorkerPool::stats() const {
  std::lock_guard lock(mutex_);
  WorkerStats s = stats_;
  s.busy = static_cast<unsigned>(active_.size());
  return s;
}

void WorkerPool::worker_loop() {
  while (true) {
    uint64_t generation;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      generation = wake_generation_;
    }
    Result<std::optional<Job>> claimed = claim();
    if (!claimed.is_ok()) {
      logger_.warn("claiming a job failed", {{"owner", owner_}, {"error", claimed.status().to_string()}});
    } else if (claimed->has_value()) {
      run(std::move(**claimed));
      continue;
    }
    std::unique_lock lock(mutex_);
    if (claimed.is_ok()) ++stats_.empty_claims;
    wake_.wait_for(lock, config_.poll_interval, [&] { return stopping_ || wake_generation_ != generation; });
  }
  {
    std::lock_guard lock(mutex_);
    --live_workers_;
  }
  finished_.notify_all();
  wake_.notify_all();  // the heartbeat thread exits once no worker is left
}

Result<std::optional<Job>> WorkerPool::claim() {
  int64_t now = core::now_ms();
  int64_t expires = now + config_.lease.count();
  std::optional<Job> job;
  if (db_.dialect() == db::Dialect::kPostgres) {
    // SKIP LOCKED lets concurrent claimers pass over each other's candidates;
    // COALESCE only evaluates the queued candidate when no lease has expired.
    SANAD_ASSIGN_OR_RETURN(
        db::Rows rows,
        db_.query(std::string(kClaimSet) + "WHERE id = COALESCE((" + std::string(kExpiredCandidate) +
                      " FOR UPDATE SKIP LOCKED), (" + std::string(kQueuedCandidate) +
                      " FOR UPDATE SKIP LOCKED)) RETURNING " + std::string(kJobColumns),
                  {owner_, expires, now, now, now, now}));
    if (!rows.empty()) job = job_from_row(rows[0]);
    return job;
  }
  // SQLite: BEGIN IMMEDIATE holds the write lock across select + update.
  Status s = db_.transaction(
      [&](db::Connection& conn) -> Status {
        job.reset();
        SANAD_ASSIGN_OR_RETURN(db::Rows ids, conn.query(kExpiredCandidate, {now}));
        if (ids.empty()) {
          SANAD_ASSIGN_OR_RETURN(ids, conn.query(kQueuedCandidate, {now}));
        }
        if (ids.empty()) return Status::ok();
        std::string id = ids[0].get_string(0);
        SANAD_ASSIGN_OR_RETURN(
            int64_t n, conn.exec(std::string(kClaimSet) + "WHERE id = ?", {owner_, expires, now, now, id}));
        if (n != 1) return internal_error("claimed job " + id + " vanished");
        SANAD_ASSIGN_OR_RETURN(
            db::Rows rows,
            conn.query("SELECT " + std::string(kJobColumns) + " FROM jobs WHERE id = ?", {id}));
        if (!rows.empty()) job = job_from_row(rows[0]);
        return Status::ok();
      },
      db::TxMode::kWrite);
  if (!s.is_ok()) return s;
  return job;
}

void WorkerPool::run(Job job) {
  auto ctx = std::make_shared<JobContext>(db_, std::move(job), owner_);
  {
    std::lock_guard lock(mutex_);
    ++stats_.claimed;
    active_[ctx->id()] = ctx;
    if (stopping_) ctx->request_shutdown();
  }
  const Job& j = ctx->job();
  Status outcome;
  if (j.cancel_requested) {
    outcome = cancelled("cancelled before it ran");
  } else if (j.attempts > j.max_attempts) {
    // The previous worker died (lease expired) on the last allowed attempt.
    outcome = Status(ErrorCode::kInternal, "the worker running attempt " + std::to_string(j.attempts - 1) +
                                               " stopped without finishing (lease expired)" +
                                               (j.error ? "; last error: " + *j.error : ""));
  } else {
    auto it = handlers_.find(j.type);
    if (it == handlers_.end()) {
      outcome = unsupported("no handler registered for job type '" + j.type + "'");
    } else {
      logger_.debug("job started", {{"job_id", j.id}, {"type", j.type}, {"attempt", j.attempts}});
      // One of the two exception boundaries: a throwing handler is an internal error.
      try {
        outcome = it->second(*ctx);
      } catch (const std::exception& e) {
        outcome = internal_error(std::string("handler threw an exception: ") + e.what());
      } catch (...) {
        outcome = internal_error("handler threw an unknown exception");
      }
    }
  }
  finish(*ctx, outcome);
  std::lock_guard lock(mutex_);
  active_.erase(ctx->id());
}

void WorkerPool::fenced_update(JobContext& ctx, const std::string& set_clause, db::Params params,
                               const char* what) {
  params.emplace_back(ctx.id());
  params.emplace_back(owner_);
  params.emplace_back(static_cast<int64_t>(ctx.attempt()));
  Result<int64_t> n = db_.exec("UPDATE jobs SET " + set_clause +
                                   " WHERE id = ? AND lease_owner = ? AND attempts = ? AND state = 'running'",
                               params);
  if (!n.is_ok()) {
    // The lease will expire and another worker will run the job again.
    logger_.error("recording a job outcome failed",
                  {{"job_id", ctx.id()}, {"outcome", what}, {"error", n.status().to_string()}});
  } else if (*n == 0) {
    logger_.warn("job lease lost before its outcome was recorded", {{"job_id", ctx.id()}, {"outcome", what}});
  }
}

void WorkerPool::finish(JobContext& ctx, const Status& outcome) {
  const Job& j = ctx.job();
  int64_t now = core::now_ms();
  const char* label = "";
  if (outcome.is_ok()) {
    label = "succeeded";
    fenced_update(ctx,
                  "state = 'succeeded', error = NULL, lease_owner = NULL, lease_expires_at = NULL, "
                  "finished_at = ?, updated_at = ?",
                  {now, now}, label);
  } else if (outcome.code() == ErrorCode::kCancelled && ctx.cancel_was_requested()) {
    label = "cancelled";
    fenced_update(ctx,
                  "state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, "
                  "finished_at = ?, updated_at = ?",
                  {now, now}, label);
  } else if (ctx.shutdown_was_requested() && !ctx.cancel_was_requested() &&
             (outcome.code() == ErrorCode::kCancelled || !is_permanent(outcome.code()))) {
    // Shutting down: hand the job back without counting the attempt.
    label = "released";
    fenced_update(ctx,
                  "state = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_expires_at = NULL, "
                  "run_after = ?, updated_at = ?",
                  {now, now}, label);
  } else if (is_permanent(outcome.code()) || j.attempts >= j.max_attempts) {
    label = "failed";
    fenced_update(ctx,
                  "state = 'failed', error = ?, lease_owner = NULL, lease_expires_at = NULL, "
                  "finished_at = ?, updated_at = ?",
                  {outcome.to_string(), now, now}, label);
  } else {
    label = "retried";
    int64_t delay = backoff(j.attempts).count();
    fenced_update(ctx,
                  "state = 'queued', error = ?, lease_owner = NULL, lease_expires_at = NULL, "
                  "run_after = ?, updated_at = ?",
                  {outcome.to_string(), now + delay, now}, label);
  }
  if (outcome.is_ok()) {
    logger_.debug("job finished", {{"job_id", j.id}, {"type", j.type}, {"outcome", label}});
  } else {
    logger_.info("job finished", {{"job_id", j.id},
                                  {"type", j.type},
                                  {"outcome", label},
                                  {"attempt", j.attempts},
                                  {"error", outcome.to_string()}});
  }
  std::lock_guard lock(mutex_);
  std::string_view l(label);
  if (l == "succeeded") ++stats_.succeeded;
  if (l == "cancelled") ++stats_.cancelled;
  if (l == "released") ++stats_.released;
  if (l == "failed") ++stats_.failed;
  if (l == "retried") ++stats_.retried;
}

std::chrono::milliseconds WorkerPool::backoff(int attempt) {
  int64_t base = std::max<int64_t>(backoff_base_.count(), 1);
  int64_t cap = std::max<int64_t>(backoff_max_.count(), base);
  int64_t delay = base;
  for (int i = 1; i < attempt && delay < cap; ++i) delay *= 2;
  delay = std::min(delay, cap);
  std::lock_guard lock(mutex_);
  std::uniform_int_distribution<int64_t> jitter(delay / 2, delay);
  return std::chrono::milliseconds(jitter(rng_));
}

void WorkerPool::heartbeat_loop() {
  auto interval = std::max(config_.lease / 3, std::chrono::milliseconds(1));
  while (true) {
    std::vector<std::shared_ptr<JobContext>> contexts;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, interval, [&] { return stopping_ && live_workers_ == 0; });
      if (stopping_ && live_workers_ == 0) return;
      for (auto& [id, ctx] : active_) contexts.push_back(ctx);
    }
    for (auto& ctx : contexts) {
      int64_t now = core::now_ms();
      Result<int64_t> n = db_.exec(
          "UPDATE jobs SET lease_expires_at = ?, heartbeat_at = ?, updated_at = ? "
          "WHERE id = ? AND lease_owner = ? AND attempts = ? AND state = 'running'",
          {now + config_.lease.count(), now, now, ctx->id(), owner_, static_cast<int64_t>(ctx->attempt())});
      if (!n.is_ok()) {
        logger_.warn("job heartbeat failed", {{"job_id", ctx->id()}, {"error", n.status().to_string()}});
        continue;
      }
      if (*n == 0) {
        ctx->mark_lease_lost();
        logger_.warn("job lease lost", {{"job_id", ctx->id()}, {"owner", owner_}});
        continue;
      }
      Result<db::Rows> rows = db_.query("SELECT cancel_requested FROM jobs WHERE id = ?", {ctx->id()});
      if (rows.is_ok() && !rows->empty() && rows->front().get_bool(0)) ctx->request_cancel();
    }
  }
}

}  // namespace sanad::jobs
