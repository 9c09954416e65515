#pragma once
// A shared RateLimiter (Redis) that degrades to an in-process one while the shared
// backend is unreachable: when the primary answers kUnavailable, the hit goes to the
// fallback, a warning is logged (at most once per `retry_after`), and the primary is
// not tried again for `retry_after` (so an outage does not add a connect timeout to
// every request). Limits stay enforced during an outage, per instance instead of
// across instances; counts do not move between the two. Thread-safe; both limiters
// and the logger must outlive it.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>

#include "auth/rate_limiter.h"
#include "auth/time_source.h"
#include "core/log.h"

namespace sanad::auth {

class FailoverRateLimiter final : public RateLimiter {
 public:
  FailoverRateLimiter(RateLimiter& primary, RateLimiter& fallback, core::Logger& logger,
                      std::chrono::milliseconds retry_after = std::chrono::seconds(5),
                      TimeSource now = system_time())
      : primary_(primary), fallback_(fallback), logger_(logger), retry_after_(retry_after), now_(std::move(now)) {}

  Result<RateDecision> hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) override;
  Status reset(std::string_view key) override;

  // True while hits go to the fallback.
  bool degraded() const;

 private:
  bool primary_allowed() const;
  void mark_down(const Status& why);

  RateLimiter& primary_;
  RateLimiter& fallback_;
  core::Logger& logger_;
  std::chrono::milliseconds retry_after_;
  TimeSource now_;
  std::atomic<int64_t> down_until_ms_{0};
};

}  // namespace sanad::auth
