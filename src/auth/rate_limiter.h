#pragma once
// Rate limiting by key ("login:ip:1.2.3.4", "login:account:<id>", "reset:ip:..."):
// at most `limit` hits per sliding `window`. The interface lets a Redis-backed
// implementation share counters between instances; MemoryRateLimiter is the
// in-process default. Implementations are thread-safe.

#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/status.h"

namespace sanad::auth {

struct RateDecision {
  bool allowed = false;
  uint32_t limit = 0;
  uint32_t remaining = 0;                   // hits still allowed in the current window
  std::chrono::milliseconds retry_after{0};  // when denied: wait this long (>= 1 ms)
};

class RateLimiter {
 public:
  static constexpr uint32_t kMaxLimit = 10'000;

  virtual ~RateLimiter() = default;

  // Records a hit for `key` when it is allowed (denied hits are not recorded, so a
  // client that keeps trying is let in again once its old hits leave the window).
  // kInvalidArgument when limit is 0 or above kMaxLimit, or window is not positive;
  // kUnavailable when a shared backend cannot be reached (the caller decides whether
  // to fail open or closed).
  virtual Result<RateDecision> hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) = 0;

  // Forgets the key's hits (e.g. account failures after a successful sign-in).
  virtual Status reset(std::string_view key) = 0;
};

}  // namespace sanad::auth
