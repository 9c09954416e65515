// A worker process killed with SIGKILL mid-job: its lease expires and another
// pool runs the job to completion exactly once more.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <string>

#include "jobs/worker_pool.h"
#include "jobs_test_support.h"

extern char** environ;

namespace sanad::jobs {
namespace {

using testing::JobsTest;

// A child process with its stdout on a pipe; killed and reaped on destruction.
class Child {
 public:
  explicit Child(const std::vector<std::string>& argv) {
    int fds[2];
    if (pipe(fds) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_ = fds[0];
  }
  ~Child() {
    kill_now();
    if (out_ >= 0) close(out_);
  }
  bool started() const { return pid_ > 0; }

  // Reads one line from the child's stdout, waiting at most `timeout_ms`.
  std::string read_line(int timeout_ms) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (poll(&p, 1, static_cast<int>(std::max<int64_t>(left.count(), 1))) <= 0) break;
      char c;
      if (read(out_, &c, 1) != 1) break;
      if (c == '\n') return line;
      line.push_back(c);
    }
    return line;
  }

  // SIGKILL, then wait for the process to be gone; returns the wait status.
  int kill_now() {
    if (pid_ <= 0) return 0;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
};

class CrashRecoveryTest : public JobsTest {};

TEST_P(CrashRecoveryTest, JobOfAKilledWorkerCompletesExactlyOnceMore) {
  auto id = queue_->enqueue({"block", "{}", 5, 0});
  ASSERT_TRUE(id.is_ok()) << id.status().to_string();

  constexpr int kLeaseMs = 400;
  Child child({JOBS_WORKER_HELPER, test_db_->config().url, std::to_string(kLeaseMs)});
  ASSERT_TRUE(child.started());
  EXPECT_EQ(child.read_line(30000), "started " + *id);
  Job running = get(*id);
  EXPECT_EQ(running.state, JobState::kRunning);
  EXPECT_EQ(running.attempts, 1);
  ASSERT_TRUE(running.lease_owner.has_value());
  EXPECT_EQ(running.lease_owner->rfind("helper-", 0), 0u);

  int status = child.kill_now();
  ASSERT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(WTERMSIG(status), SIGKILL);

  config_.lease = std::chrono::milliseconds(kLeaseMs);
  config_.workers = 1;
  std::atomic<int> runs{0};
  WorkerPool rescuer(*db_, *queue_, config_, logger_, "rescuer");
  rescuer.register_handler("block", [&](JobContext& ctx) -> Status {
    ++runs;
    EXPECT_EQ(ctx.attempt(), 2);
    return Status::ok();
  });
  ASSERT_TRUE(rescuer.start().is_ok());
  ASSERT_TRUE(reaches(*id, JobState::kSucceeded));
  ASSERT_TRUE(rescuer.stop(std::chrono::steady_clock::now() + std::chrono::seconds(10)).is_ok());
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(get(*id).attempts, 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, CrashRecoveryTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);

}  // namespace
}  // namespace sanad::jobs
