#pragma once
// A single worker thread running small tasks off the request path, in order, from
// a bounded queue: work whose duration must not show in a response (sending the
// password-reset mail would otherwise tell, by its timing, that an account
// exists). post() never blocks; when the queue is full the task is refused.
// The destructor stops accepting, runs what is queued, and joins. Thread-safe.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace sanad::accounts {

class BackgroundTasks {
 public:
  explicit BackgroundTasks(size_t max_queued = 256);
  ~BackgroundTasks();
  BackgroundTasks(const BackgroundTasks&) = delete;
  BackgroundTasks& operator=(const BackgroundTasks&) = delete;

  // Queues `task`; false when the queue is full or shutting down. A task must not
  // throw (an exception escaping it is a bug and terminates the process).
  bool post(std::function<void()> task);

 private:
  void run();

  const size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::thread worker_;  // last: starts after the members it uses
};

}  // namespace sanad::accounts
