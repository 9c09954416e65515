#pragma once
// RateLimiter shared by every instance through Redis (REDIS_URL): the same exact
// sliding-window log as MemoryRateLimiter, kept in one sorted set per key
// ("sanad:rl:<key>", scores = hit times in ms) and updated by one Lua script, so a
// check-and-record is atomic across instances and the limit is exact cluster-wide.
// Times come from the Redis server (TIME), so the instances' clocks do not matter.
// Keys expire with their window. A small pool of connections is opened on demand;
// a failed command drops its connection and answers kUnavailable. Thread-safe.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "auth/rate_limiter.h"

struct redisContext;

namespace sanad::auth {

// Where and how to reach Redis, parsed from redis://[[user]:password@]host[:port][/db].
struct RedisEndpoint {
  std::string host;
  int port = 6379;
  std::string user;      // empty: the default user
  std::string password;  // empty: no AUTH
  int database = 0;
};

// invalid_argument for anything but a redis:// URL with a host, a port in 1..65535
// and a database number >= 0 (rediss:// is refused: TLS is not built in).
Result<RedisEndpoint> parse_redis_url(std::string_view url);

struct RedisRateLimiterOptions {
  std::chrono::milliseconds connect_timeout{1000};
  std::chrono::milliseconds command_timeout{500};
  size_t max_idle_connections = 8;
};

class RedisRateLimiter final : public RateLimiter {
 public:
  // Parses `url` and checks that one connection works (PING): kUnavailable when
  // Redis cannot be reached, invalid_argument for a bad URL.
  static Result<std::unique_ptr<RedisRateLimiter>> connect(std::string_view url, RedisRateLimiterOptions options = {});
  ~RedisRateLimiter() override;
  RedisRateLimiter(const RedisRateLimiter&) = delete;
  RedisRateLimiter& operator=(const RedisRateLimiter&) = delete;

  Result<RateDecision> hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) override;
  Status reset(std::string_view key) override;

 private:
  struct ContextDeleter {
    void operator()(redisContext* c) const;
  };
  using Context = std::unique_ptr<redisContext, ContextDeleter>;

  RedisRateLimiter(RedisEndpoint endpoint, RedisRateLimiterOptions options)
      : endpoint_(std::move(endpoint)), options_(options) {}
  Result<Context> open() const;
  Result<Context> borrow();
  void give_back(Context context);

  const RedisEndpoint endpoint_;
  const RedisRateLimiterOptions options_;
  std::mutex mutex_;
  std::vector<Context> idle_;
};

}  // namespace sanad::auth
