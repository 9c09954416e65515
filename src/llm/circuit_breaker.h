#pragma once
// A circuit breaker in front of one provider: after `failure_threshold`
// consecutive failed calls it opens and refuses calls at once for `cool_down`;
// then it lets one trial call through (half-open): success closes it, failure
// opens it again for another cool-down. Thread-safe.

#include <chrono>
#include <functional>
#include <mutex>

namespace sanad::llm {

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { kClosed, kOpen, kHalfOpen };

  struct Options {
    int failure_threshold = 5;
    std::chrono::milliseconds cool_down{30000};
  };

  // `now` is injectable for tests; by default the steady clock.
  explicit CircuitBreaker(Options options, std::function<Clock::time_point()> now = {});

  // True when a call may proceed. In half-open state only one caller at a time
  // gets true (the trial); every caller that gets true must report record().
  bool allow();
  // Reports the outcome of a call that allow() let through.
  void record(bool success);

  State state() const;
  // Time left before an open breaker lets a trial through (zero otherwise).
  std::chrono::milliseconds retry_in() const;

 private:
  Clock::time_point now() const;

  Options options_;
  std::function<Clock::time_point()> now_fn_;
  mutable std::mutex mutex_;
  State state_ = State::kClosed;
  int consecutive_failures_ = 0;
  bool trial_in_flight_ = false;
  Clock::time_point opened_at_{};
};

}  // namespace sanad::llm
