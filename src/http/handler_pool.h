#pragma once
// A fixed pool of threads that run blocking request handlers (and streaming
// producers) off the I/O threads. Thread-safe. stop() lets queued tasks run, then
// joins; tasks submitted after stop() are dropped.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sanad::http {

class HandlerPool {
 public:
  explicit HandlerPool(size_t threads);
  ~HandlerPool();
  HandlerPool(const HandlerPool&) = delete;
  HandlerPool& operator=(const HandlerPool&) = delete;

  // Queues `task`; returns false (dropping it) after stop().
  bool submit(std::function<void()> task);
  // Runs what is queued, then joins the threads. Idempotent.
  void stop();

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace sanad::http
