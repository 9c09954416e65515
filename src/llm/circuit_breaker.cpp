#include "llm/circuit_breaker.h"

#include <utility>

namespace sanad::llm {

CircuitBreaker::CircuitBreaker(Options options, std::function<Clock::time_point()> now)
    : options_(options), now_fn_(std::move(now)) {}

CircuitBreaker::Clock::time_point CircuitBreaker::now() const {
  return now_fn_ ? now_fn_() : Clock::now();
}

bool CircuitBreaker::allow() {
  std::lock_guard lock(mutex_);
  switch (state_) {
    case State::kClosed: return true;
    case State::kOpen:
      if (now() - opened_at_ < options_.cool_down) return false;
      state_ = State::kHalfOpen;
      trial_in_flight_ = true;
      return true;
    case State::kHalfOpen:
      if (trial_in_flight_) return false;
      trial_in_flight_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::record(bool success) {
  std::lock_guard lock(mutex_);
  if (success) {
    state_ = State::kClosed;
    consecutive_failures_ = 0;
    trial_in_flight_ = false;
    return;
  }
  if (state_ == State::kHalfOpen) {
    state_ = State::kOpen;
    opened_at_ = now();
    trial_in_flight_ = false;
    return;
  }
  if (++consecutive_failures_ >= options_.failure_threshold && state_ == State::kClosed) {
    state_ = State::kOpen;
    opened_at_ = now();
  }
}

CircuitBreaker::State CircuitBreaker::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

std::chrono::milliseconds CircuitBreaker::retry_in() const {
  std::lock_guard lock(mutex_);
  if (state_ != State::kOpen) return std::chrono::milliseconds(0);
  auto left = options_.cool_down - (now() - opened_at_);
  if (left.count() < 0) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(left);
}

}  // namespace sanad::llm
