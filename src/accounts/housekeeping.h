#pragma once
// Periodic removal of what has expired: refresh and reset tokens, pending OpenID
// Connect sign-ins, one-time sign-in codes and invitations. One thread wakes every
// `interval` (and once at start) and runs each task with the current time; each task
// is one idempotent DELETE … WHERE expires_at < now, so several instances running it
// on one database do no harm and no coordination is needed. A failing task is logged
// and retried at the next round. Nothing depends on the sweep for correctness: every
// read already ignores expired rows; it only bounds the tables' size.
// Thread-safe; stop() (or the destructor) wakes and joins the thread.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/log.h"
#include "core/status.h"

namespace sanad::accounts {

struct HousekeepingTask {
  std::string name;                                    // for the log ("refresh_tokens")
  std::function<Result<size_t>(int64_t now_ms)> run;   // rows removed
};

class Housekeeping {
 public:
  // `logger` must outlive this object, and so must whatever the tasks use.
  Housekeeping(std::vector<HousekeepingTask> tasks, std::chrono::milliseconds interval, core::Logger& logger);
  ~Housekeeping();
  Housekeeping(const Housekeeping&) = delete;
  Housekeeping& operator=(const Housekeeping&) = delete;

  // Runs every task once at `now_ms`; the number of rows removed in total.
  size_t run_once(int64_t now_ms);

  // Starts the background thread (once).
  void start();
  // Stops and joins it; idempotent.
  void stop();

 private:
  void loop();

  std::vector<HousekeepingTask> tasks_;
  std::chrono::milliseconds interval_;
  core::Logger& logger_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sanad::accounts
