#include "auth/failover_rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>

#include "auth/memory_rate_limiter.h"
#include "auth/redis_rate_limiter.h"

namespace sanad::auth {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// A primary whose availability the test switches.
class SwitchableLimiter final : public RateLimiter {
 public:
  Result<RateDecision> hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) override {
    ++calls;
    if (!up) return unavailable("down");
    return inner.hit(key, limit, window);
  }
  Status reset(std::string_view key) override {
    ++calls;
    if (!up) return unavailable("down");
    return inner.reset(key);
  }
  bool up = true;
  int calls = 0;
  MemoryRateLimiter inner;
};

class FailoverTest : public ::testing::Test {
 protected:
  std::atomic<int64_t> now_ms_{1'000'000};
  TimeSource clock() {
    return [this] { return now_ms_.load(); };
  }
  std::FILE* sink_ = std::tmpfile();
  core::Logger logger_{core::LogLevel::kWarn, sink_};
  ~FailoverTest() override { std::fclose(sink_); }
};

TEST_F(FailoverTest, OutageFallsBackToTheLocalLimiterAndRecovers) {
  SwitchableLimiter primary;
  MemoryRateLimiter fallback;
  FailoverRateLimiter limiter(primary, fallback, logger_, seconds(5), clock());
  EXPECT_TRUE(limiter.hit("k", 2, minutes(1)).value().allowed);
  EXPECT_FALSE(limiter.degraded());

  primary.up = false;
  // Limits stay enforced during the outage, by the in-process limiter.
  EXPECT_TRUE(limiter.hit("k", 2, minutes(1)).value().allowed);
  EXPECT_TRUE(limiter.degraded());
  EXPECT_TRUE(limiter.hit("k", 2, minutes(1)).value().allowed);
  EXPECT_FALSE(limiter.hit("k", 2, minutes(1)).value().allowed);
  // The primary is not retried before the back-off ends (no timeout per request).
  int calls = primary.calls;
  EXPECT_FALSE(limiter.hit("k", 2, minutes(1)).value().allowed);
  EXPECT_EQ(primary.calls, calls);

  primary.up = true;
  now_ms_ += 5'000;
  EXPECT_FALSE(limiter.degraded());
  // Back on the shared counts (one hit recorded there before the outage).
  auto d = limiter.hit("k", 2, minutes(1)).value();
  EXPECT_TRUE(d.allowed);
  EXPECT_EQ(primary.calls, calls + 1);
  EXPECT_FALSE(limiter.hit("k", 2, minutes(1)).value().allowed);
  // The warning was written once for the outage.
  std::fflush(sink_);
  long size = std::ftell(sink_);
  EXPECT_GT(size, 0);
}

TEST_F(FailoverTest, OtherPrimaryErrorsAreNotHidden) {
  SwitchableLimiter primary;
  MemoryRateLimiter fallback;
  FailoverRateLimiter limiter(primary, fallback, logger_, seconds(5), clock());
  EXPECT_EQ(limiter.hit("k", 0, minutes(1)).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(limiter.degraded());
}

TEST_F(FailoverTest, UnreachableRedisDegradesAtOnce) {
  redis::RedisEndpoint nowhere;
  nowhere.host = "127.0.0.1";
  nowhere.port = 1;  // nothing listens on port 1
  redis::Client client(nowhere);
  RedisRateLimiter redis(client);
  EXPECT_EQ(redis.hit("k", 1, minutes(1)).status().code(), ErrorCode::kUnavailable);
  MemoryRateLimiter fallback;
  FailoverRateLimiter limiter(redis, fallback, logger_, seconds(5), clock());
  EXPECT_TRUE(limiter.hit("k", 1, minutes(1)).value().allowed);
  EXPECT_FALSE(limiter.hit("k", 1, minutes(1)).value().allowed);
  EXPECT_TRUE(limiter.degraded());
}

}  // namespace
}  // namespace sanad::auth
