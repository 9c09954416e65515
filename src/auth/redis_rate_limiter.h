#pragma once
// RateLimiter shared between server instances through Redis (REDIS_URL): the same
// exact sliding-window log as MemoryRateLimiter, kept as one sorted set per key
// (score = hit time in ms) and updated by one Lua script — ZREMRANGEBYSCORE (hits
// that left the window), ZCARD, then ZADD + PEXPIRE when under the limit — so a
// check-and-record is atomic across every instance. Times come from the Redis
// server's clock (TIME), so instances with skewed clocks still share one window.
// Connections (hiredis, synchronous) are pooled: a caller takes one, runs the
// script, gives it back; a broken connection is dropped and reopened on next use.
// Errors reaching Redis are kUnavailable (see FailoverRateLimiter). Thread-safe.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "auth/rate_limiter.h"
#include "core/status.h"

namespace sanad::auth {

// redis://[[user]:password@]host[:port][/db] (port 6379 and db 0 by default).
struct RedisEndpoint {
  std::string host;
  uint16_t port = 6379;
  std::string user;
  std::string password;  // secret
  int database = 0;
};

// Parses a redis:// URL; kInvalidArgument otherwise (the message never holds the password).
Result<RedisEndpoint> parse_redis_url(std::string_view url);

struct RedisRateLimiterOptions {
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds command_timeout{500};
  size_t max_idle_connections = 8;
  std::string key_prefix = "sanad:rate:";
};

class RedisRateLimiter final : public RateLimiter {
 public:
  // Connections open lazily, on the first hit: an unreachable Redis at start-up
  // shows as kUnavailable from hit() (the FailoverRateLimiter then takes over).
  explicit RedisRateLimiter(RedisEndpoint endpoint, RedisRateLimiterOptions options = {});
  ~RedisRateLimiter() override;
  RedisRateLimiter(const RedisRateLimiter&) = delete;
  RedisRateLimiter& operator=(const RedisRateLimiter&) = delete;

  Result<RateDecision> hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) override;
  Status reset(std::string_view key) override;

  struct Connection;

 private:
  Result<std::unique_ptr<Connection>> take();
  void give_back(std::unique_ptr<Connection> connection);

  RedisEndpoint endpoint_;
  RedisRateLimiterOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace sanad::auth
