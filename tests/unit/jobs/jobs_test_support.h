#pragma once
// Fixture and helpers for the jobs tests: a migrated database per test and
// waiting on a condition with a deadline (never sleeping as synchronisation).

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "core/log.h"
#include "jobs/job_queue.h"
#include "test_database.h"

namespace sanad::jobs::testing {

// Polls `condition` until it holds or `timeout` passes; returns its last value.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return condition();
}

class JobsTest : public db::testing::MigratedBackendTest {
 protected:
  void SetUp() override {
    MigratedBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    config_.workers = 2;
    config_.lease = std::chrono::milliseconds(2000);
    config_.poll_interval = std::chrono::milliseconds(50);
    config_.max_attempts = 3;
    queue_ = std::make_unique<JobQueue>(*db_, config_);
  }
  void TearDown() override {
    queue_.reset();
    BackendTest::TearDown();
  }

  Job get(const std::string& id) {
    auto job = queue_->get(id);
    EXPECT_TRUE(job.is_ok()) << job.status().to_string();
    return job.is_ok() ? job.value() : Job{};
  }
  bool reaches(const std::string& id, JobState state,
               std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    return eventually(
        [&] {
          auto job = queue_->get(id);
          return job.is_ok() && job->state == state;
        },
        timeout);
  }

  core::JobsConfig config_;
  core::Logger logger_{core::LogLevel::kWarn};
  std::unique_ptr<JobQueue> queue_;
};

}  // namespace sanad::jobs::testing
