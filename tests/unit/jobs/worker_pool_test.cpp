#include "jobs/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

#include "core/clock.h"
#include "jobs_test_support.h"

namespace sanad::jobs {
namespace {

using testing::eventually;
using testing::JobsTest;

class WorkerPoolTest : public JobsTest {
 protected:
  std::unique_ptr<WorkerPool> make_pool(const std::string& owner, unsigned workers = 2) {
    core::JobsConfig config = config_;
    config.workers = workers;
    auto pool = std::make_unique<WorkerPool>(*db_, *queue_, config, logger_, owner);
    pool->set_retry_backoff(std::chrono::milliseconds(1), std::chrono::milliseconds(5));
    return pool;
  }
  std::string enqueue(const std::string& type, unsigned max_attempts = 0, const std::string& payload = "{}") {
    auto id = queue_->enqueue({type, payload, max_attempts, 0});
    EXPECT_TRUE(id.is_ok()) << id.status().to_string();
    return id.value_or("");
  }
};

TEST_P(WorkerPoolTest, RunsAJobToSuccessWithProgress) {
  auto pool = make_pool("pool-a");
  std::promise<std::string> seen_payload;
  pool->register_handler("echo", [&](JobContext& ctx) -> Status {
    EXPECT_EQ(ctx.attempt(), 1);
    EXPECT_FALSE(ctx.cancel_requested());
    EXPECT_EQ(ctx.set_progress("{half").code(), ErrorCode::kInvalidArgument);
    SANAD_RETURN_IF_ERROR(ctx.set_progress(R"({"step":1,"of":1})"));
    seen_payload.set_value(ctx.payload());
    return Status::ok();
  });
  ASSERT_TRUE(pool->start().is_ok());
  EXPECT_TRUE(pool->running());
  std::string id = enqueue("echo", 0, R"({"x":1})");
  ASSERT_TRUE(reaches(id, JobState::kSucceeded));
  EXPECT_EQ(seen_payload.get_future().get(), R"({"x":1})");
  Job job = get(id);
  EXPECT_EQ(job.attempts, 1);
  EXPECT_EQ(job.progress, R"({"step":1,"of":1})");
  EXPECT_TRUE(job.finished_at.has_value());
  EXPECT_FALSE(job.lease_owner.has_value());
  EXPECT_FALSE(job.error.has_value());
  ASSERT_TRUE(pool->stop(std::chrono::steady_clock::now() + std::chrono::seconds(10)).is_ok());
  EXPECT_FALSE(pool->running());
  EXPECT_EQ(pool->stats().succeeded, 1u);
  EXPECT_EQ(queue_->counts_by_state()->at("succeeded"), 1);
}

TEST_P(WorkerPoolTest, LocalEnqueueWakesIdleWorkersAtOnce) {
  config_.poll_interval = std::chrono::minutes(10);  // polling alone would never get there
  auto pool = make_pool("pool-wake", 1);
  pool->register_handler("quick", [](JobContext&) { return Status::ok(); });
  ASSERT_TRUE(pool->start().is_ok());
  // Let the worker find the queue empty and go to sleep first.
  ASSERT_TRUE(eventually([&] { return pool->stats().empty_claims >= 1; }));
  std::string id = enqueue("quick");
  EXPECT_TRUE(reaches(id, JobState::kSucceeded, std::chrono::seconds(20)));
}

TEST_P(WorkerPoolTest, RetriesWithBackoffThenFailsKeepingTheError) {
  auto pool = make_pool("pool-retry");
  std::atomic<int> calls{0};
  pool->register_handler("flaky", [&](JobContext&) -> Status {
    ++calls;
    return unavailable("upstream down #" + std::to_string(calls.load()));
  });
  ASSERT_TRUE(pool->start().is_ok());
  std::string id = enqueue("flaky", 3);
  ASSERT_TRUE(reaches(id, JobState::kFailed));
  Job job = get(id);
  EXPECT_EQ(job.attempts, 3);
  EXPECT_EQ(calls.load(), 3);
  ASSERT_TRUE(job.error.has_value());
  EXPECT_NE(job.error->find("upstream down #3"), std::string::npos) << *job.error;
  EXPECT_NE(job.error->find("unavailable"), std::string::npos) << *job.error;
}

TEST_P(WorkerPoolTest, RetriedJobCanSucceedLater) {
  auto pool = make_pool("pool-retry2");
  std::atomic<int> calls{0};
  pool->register_handler("second_time_lucky", [&](JobContext& ctx) -> Status {
    ++calls;
    return ctx.attempt() < 2 ? internal_error("first try fails") : Status::ok();
  });
  ASSERT_TRUE(pool->start().is_ok());
  std::string id = enqueue("second_time_lucky", 5);
  ASSERT_TRUE(reaches(id, JobState::kSucceeded));
  EXPECT_EQ(get(id).attempts, 2);
  EXPECT_EQ(calls.load(), 2);
  EXPECT_FALSE(get(id).error.has_value());
}

TEST_P(WorkerPoolTest, PermanentErrorsAreNotRetried) {
  auto pool = make_pool("pool-perm");
  std::atomic<int> calls{0};
  pool->register_handler("bad_input", [&](JobContext&) -> Status {
    ++calls;
    return invalid_argument("the PDF is encrypted");
  });
  ASSERT_TRUE(pool->start().is_ok());
  std::string id = enqueue("bad_input", 5);
  ASSERT_TRUE(reaches(id, JobState::kFailed));
  Job job = get(id);
  EXPECT_EQ(job.attempts, 1);
  EXPECT_EQ(calls.load(), 1);
  EXPECT_NE(job.error.value_or("").find("the PDF is encrypted"), std::string::npos);
}

TEST_P(WorkerPoolTest, HandlerExceptionsBecomeInternalErrors) {
  auto pool = make_pool("pool-throw");
  std::atomic<int> calls{0};
  pool->register_handler("throws", [&](JobContext&) -> Status {
    ++calls;
    throw std::runtime_error("index out of range");
  });
  ASSERT_TRUE(pool->start().is_ok());
  std::string id = enqueue("throws", 2);
  ASSERT_TRUE(reaches(id, JobState::kFailed));
  Job job = get(id);
  EXPECT_EQ(calls.load(), 2);  // internal errors are retried
  EXPECT_NE(job.error.value_or("").find("internal"), std::string::npos) << job.error.value_or("");
  EXPECT_NE(job.error.value_or("").find("index out of range"), std::string::npos);
  EXPECT_TRUE(pool->running());  // the worker survived
}

TEST_P(WorkerPoolTest, UnknownTypeFailsWithAClearError) {
  auto pool = make_pool("pool-unknown");
  ASSERT_TRUE(pool->start().is_ok());
  std::string id = enqueue("no.such.type", 5);
  ASSERT_TRUE(reaches(id, JobState::kFailed));
  Job job = get(id);
  EXPECT_EQ(job.attempts, 1);
  EXPECT_NE(job.error.value_or("").find("no handler registered for job type 'no.such.type'"),
            std::string::npos)
      << job.error.value_or("");
}

TEST_P(WorkerPoolTest, CancelRunningJobReachesTheHandler) {
  config_.lease = std::chrono::milliseconds(300);  // heartbeat (and cancel check) every 100 ms
  auto pool = make_pool("pool-cancel", 1);
  std::promise<void> started;
  pool->register_handler("long", [&](JobContext& ctx) -> Status {
    started.set_value();
    while (!ctx.cancel_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return cancelled("stopped on request");
  });
  ASSERT_TRUE(pool->start().is_ok());
  std::string id = enqueue("long");
  started.get_future().wait();
  ASSERT_TRUE(queue_->cancel(id).is_ok());
  EXPECT_TRUE(get(id).cancel_requested);
  ASSERT_TRUE(reaches(id, JobState::kCancelled));
  EXPECT_EQ(queue_->cancel(id).code(), ErrorCode::kOk);
  // The job's row is written before the pool counts it: read the count once the
  // pool has stopped, as the other tests do.
  ASSERT_TRUE(pool->stop(std::chrono::steady_clock::now() + std::chrono::seconds(10)).is_ok());
  EXPECT_EQ(pool->stats().cancelled, 1u);
}

TEST_P(WorkerPoolTest, CancellingAFinishedJobIsRefused) {
  auto pool = make_pool("pool-done");
  pool->register_handler("quick", [](JobContext&) { return Status::ok(); });
  ASSERT_TRUE(pool->start().is_ok());
  std::string id = enqueue("quick");
  ASSERT_TRUE(reaches(id, JobState::kSucceeded));
  EXPECT_EQ(queue_->cancel(id).code(), ErrorCode::kFailedPrecondition);
}

TEST_P(WorkerPoolTest, TwoPoolsNeverRunTheSameJobTwice) {
  constexpr int kJobs = 200;
  std::mutex mutex;
  std::map<std::string, int> runs;
  auto handler = [&](JobContext& ctx) -> Status {
    std::lock_guard lock(mutex);
    ++runs[ctx.id()];
    return Status::ok();
  };
  auto pool_a = make_pool("pool-a", 2);
  auto pool_b = make_pool("pool-b", 2);
  pool_a->register_handler("count", handler);
  pool_b->register_handler("count", handler);
  ASSERT_TRUE(pool_a->start().is_ok());
  ASSERT_TRUE(pool_b->start().is_ok());
  std::set<std::string> ids;
  for (int i = 0; i < kJobs; ++i) ids.insert(enqueue("count", 0, "{\"n\":" + std::to_string(i) + "}"));
  ASSERT_TRUE(eventually(
      [&] {
        auto counts = queue_->counts_by_state();
        return counts.is_ok() && counts->at("succeeded") == kJobs;
      },
      std::chrono::seconds(60)));
  ASSERT_TRUE(pool_a->stop(std::chrono::steady_clock::now() + std::chrono::seconds(10)).is_ok());
  ASSERT_TRUE(pool_b->stop(std::chrono::steady_clock::now() + std::chrono::seconds(10)).is_ok());
  std::lock_guard lock(mutex);
  EXPECT_EQ(runs.size(), static_cast<size_t>(kJobs));
  int total = 0;
  for (const auto& [id, n] : runs) {
    EXPECT_EQ(n, 1) << id;
    EXPECT_TRUE(ids.count(id)) << id;
    total += n;
  }
  EXPECT_EQ(total, kJobs);
  EXPECT_EQ(pool_a->stats().succeeded + pool_b->stats().succeeded, static_cast<uint64_t>(kJobs));
}

TEST_P(WorkerPoolTest, ExpiredLeaseIsRecoveredAndLiveLeaseIsRespected) {
  std::string dead = enqueue("work", 5);
  std::string alive = enqueue("work", 5);
  int64_t now = core::now_ms();
  // One job held by a worker that died an hour ago, one by a worker still alive.
  ASSERT_TRUE(db_->exec("UPDATE jobs SET state = 'running', attempts = 1, lease_owner = 'dead-worker', "
                        "lease_expires_at = ? WHERE id = ?",
                        {now - 3600000, dead})
                  .is_ok());
  ASSERT_TRUE(db_->exec("UPDATE jobs SET state = 'running', attempts = 1, lease_owner = 'live-worker', "
                        "lease_expires_at = ? WHERE id = ?",
                        {now + 3600000, alive})
                  .is_ok());
  std::mutex mutex;
  std::map<std::string, int> attempts_seen;
  auto pool = make_pool("pool-rescue");
  pool->register_handler("work", [&](JobContext& ctx) -> Status {
    std::lock_guard lock(mutex);
    attempts_seen[ctx.id()] = ctx.attempt();
    return Status::ok();
  });
  ASSERT_TRUE(pool->start().is_ok());
  ASSERT_TRUE(reaches(dead, JobState::kSucceeded));
  // A fresh job runs too, proving the pool had every chance to take `alive`.
  std::string fresh = enqueue("work");
  ASSERT_TRUE(reaches(fresh, JobState::kSucceeded));
  EXPECT_EQ(get(dead).attempts, 2);
  Job held = get(alive);
  EXPECT_EQ(held.state, JobState::kRunning);
  EXPECT_EQ(held.lease_owner, "live-worker");
  std::lock_guard lock(mutex);
  EXPECT_EQ(attempts_seen[dead], 2);
  EXPECT_EQ(attempts_seen.count(alive), 0u);
}

TEST_P(WorkerPoolTest, LastAttemptLostToACrashFailsTheJob) {
  std::string id = enqueue("work", 2);
  ASSERT_TRUE(db_->exec("UPDATE jobs SET state = 'running', attempts = 2, lease_owner = 'dead-worker', "
                        "lease_expires_at = ?, error = 'earlier failure' WHERE id = ?",
                        {core::now_ms() - 1000, id})
                  .is_ok());
  std::atomic<int> calls{0};
  auto pool = make_pool("pool-give-up");
  pool->register_handler("work", [&](JobContext&) {
    ++calls;
    return Status::ok();
  });
  ASSERT_TRUE(pool->start().is_ok());
  ASSERT_TRUE(reaches(id, JobState::kFailed));
  EXPECT_EQ(calls.load(), 0);
  EXPECT_NE(get(id).error.value_or("").find("earlier failure"), std::string::npos);
}

TEST_P(WorkerPoolTest, StopReleasesRunningJobsWithoutCountingTheAttempt) {
  auto pool = make_pool("pool-stop", 1);
  std::promise<void> started;
  pool->register_handler("long", [&](JobContext& ctx) -> Status {
    started.set_value();
    while (!ctx.cancel_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return cancelled("shutting down");
  });
  ASSERT_TRUE(pool->start().is_ok());
  std::string id = enqueue("long");
  started.get_future().wait();
  ASSERT_TRUE(pool->stop(std::chrono::steady_clock::now() + std::chrono::seconds(10)).is_ok());
  EXPECT_FALSE(pool->running());
  Job job = get(id);
  EXPECT_EQ(job.state, JobState::kQueued);
  EXPECT_EQ(job.attempts, 0);
  EXPECT_FALSE(job.lease_owner.has_value());
  EXPECT_EQ(pool->stats().released, 1u);
}

TEST_P(WorkerPoolTest, StopReportsHandlersThatOutliveTheDeadline) {
  auto pool = make_pool("pool-stubborn", 1);
  std::promise<void> started;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  pool->register_handler("stubborn", [&](JobContext&) -> Status {
    started.set_value();
    released.wait();
    return Status::ok();
  });
  ASSERT_TRUE(pool->start().is_ok());
  std::string id = enqueue("stubborn");
  started.get_future().wait();
  Status s = pool->stop(std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
  EXPECT_EQ(s.code(), ErrorCode::kDeadlineExceeded);
  release.set_value();
  ASSERT_TRUE(pool->stop(std::chrono::steady_clock::now() + std::chrono::seconds(10)).is_ok());
  EXPECT_EQ(get(id).state, JobState::kSucceeded);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkerPoolTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);

}  // namespace
}  // namespace sanad::jobs
