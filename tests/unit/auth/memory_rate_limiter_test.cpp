#include "auth/memory_rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace sanad::auth {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

class RateLimiterTest : public ::testing::Test {
 protected:
  std::atomic<int64_t> now_ms_{1'800'000'000'000};
  TimeSource clock() {
    return [this] { return now_ms_.load(); };
  }
};

TEST_F(RateLimiterTest, FiveFailuresInFifteenMinutes) {
  MemoryRateLimiter limiter({}, clock());
  for (uint32_t i = 0; i < 5; ++i) {
    auto d = limiter.hit("login:account:a", 5, minutes(15)).value();
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.remaining, 4 - i);
    now_ms_ += 60'000;  // one a minute
  }
  auto denied = limiter.hit("login:account:a", 5, minutes(15)).value();
  EXPECT_FALSE(denied.allowed);
  // The first hit leaves the window 15 min after it was made: 10 minutes from now.
  EXPECT_EQ(denied.retry_after, milliseconds(10 * 60'000));
  // Other keys are independent.
  EXPECT_TRUE(limiter.hit("login:ip:1.2.3.4", 5, minutes(15)).value().allowed);
  now_ms_ += 10 * 60'000 - 1;
  EXPECT_FALSE(limiter.hit("login:account:a", 5, minutes(15)).value().allowed);
  now_ms_ += 1;
  auto again = limiter.hit("login:account:a", 5, minutes(15)).value();
  EXPECT_TRUE(again.allowed);
  EXPECT_EQ(again.remaining, 0u);
}

TEST_F(RateLimiterTest, ResetForgetsTheKey) {
  MemoryRateLimiter limiter({}, clock());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(limiter.hit("k", 3, minutes(1)).value().allowed);
  EXPECT_FALSE(limiter.hit("k", 3, minutes(1)).value().allowed);
  ASSERT_TRUE(limiter.reset("k").is_ok());
  EXPECT_TRUE(limiter.hit("k", 3, minutes(1)).value().allowed);
}

TEST_F(RateLimiterTest, RejectsBadArguments) {
  MemoryRateLimiter limiter({}, clock());
  EXPECT_EQ(limiter.hit("k", 0, minutes(1)).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(limiter.hit("k", 20'000, minutes(1)).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(limiter.hit("k", 1, milliseconds(0)).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(RateLimiterTest, MemoryIsBounded) {
  MemoryRateLimiter limiter({.max_keys = 160}, clock());
  for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(limiter.hit("ip:" + std::to_string(i), 5, minutes(1)).is_ok());
  EXPECT_LE(limiter.key_count(), 160u);
  EXPECT_GT(limiter.key_count(), 100u);
}

TEST_F(RateLimiterTest, ExactUnderConcurrency) {
  MemoryRateLimiter limiter({}, clock());
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (limiter.hit("chat:user:1", 100, minutes(1)).value().allowed) ++allowed;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 100);
}

}  // namespace
}  // namespace sanad::auth
