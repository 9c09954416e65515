#pragma once
// RateLimiter shared between server instances through Redis (REDIS_URL): the same
// exact sliding-window log as MemoryRateLimiter, kept as one sorted set per key
// (score = hit time in ms) and updated by one Lua script — ZREMRANGEBYSCORE (hits
// that left the window), ZCARD, then ZADD + PEXPIRE when under the limit — so a
// check-and-record is atomic across every instance. Times come from the Redis
// server's clock (TIME), so instances with skewed clocks still share one window.
// Commands go through the process's shared redis::Client (pooled connections,
// timeouts). Errors reaching Redis are kUnavailable (see FailoverRateLimiter).
// Thread-safe; the client must outlive the limiter.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/rate_limiter.h"
#include "core/status.h"
#include "redis/client.h"

namespace sanad::auth {

struct RedisRateLimiterOptions {
  std::string key_prefix = "sanad:rate:";
};

class RedisRateLimiter final : public RateLimiter {
 public:
  // Nothing is sent before the first hit: an unreachable Redis at start-up shows
  // as kUnavailable from hit() (the FailoverRateLimiter then takes over).
  explicit RedisRateLimiter(redis::Client& client, RedisRateLimiterOptions options = {})
      : client_(client), options_(std::move(options)) {}
  RedisRateLimiter(const RedisRateLimiter&) = delete;
  RedisRateLimiter& operator=(const RedisRateLimiter&) = delete;

  Result<RateDecision> hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) override;
  Status reset(std::string_view key) override;

 private:
  redis::Client& client_;
  RedisRateLimiterOptions options_;
};

}  // namespace sanad::auth
