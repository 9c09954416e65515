// RedisRateLimiter against a real Redis (SANAD_TEST_REDIS_URL, started by
// scripts/test.sh): exact limits, shared counts between two limiter instances (two
// servers), atomicity under concurrent callers, reset, and the window's end.
#include "auth/redis_rate_limiter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "redis_server_test.h"

namespace sanad::auth {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

class RedisRateLimiterTest : public redis::testing::RedisServerTest {
 protected:
  void SetUp() override {
    RedisServerTest::SetUp();
    options_.key_prefix = unique_prefix("rate");  // tests never share keys
  }
  RedisRateLimiterOptions options_;
};

TEST_F(RedisRateLimiterTest, ExactLimitThenRetryAfterWithinTheWindow) {
  redis::Client client(endpoint_);
  RedisRateLimiter limiter(client, options_);
  for (uint32_t i = 0; i < 5; ++i) {
    auto d = limiter.hit("login:account:a", 5, minutes(15));
    ASSERT_TRUE(d.is_ok()) << d.status().to_string();
    EXPECT_TRUE(d->allowed);
    EXPECT_EQ(d->remaining, 4 - i);
  }
  auto denied = limiter.hit("login:account:a", 5, minutes(15)).value();
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.remaining, 0u);
  EXPECT_GT(denied.retry_after, milliseconds(14 * 60'000));
  EXPECT_LE(denied.retry_after, milliseconds(15 * 60'000));
  // Other keys are independent; reset forgets.
  EXPECT_TRUE(limiter.hit("login:account:b", 5, minutes(15)).value().allowed);
  ASSERT_TRUE(limiter.reset("login:account:a").is_ok());
  EXPECT_TRUE(limiter.hit("login:account:a", 5, minutes(15)).value().allowed);
}

TEST_F(RedisRateLimiterTest, TwoInstancesShareOneCount) {
  redis::Client first_client(endpoint_);  // two servers: two connection pools
  redis::Client second_client(endpoint_);
  RedisRateLimiter first(first_client, options_);
  RedisRateLimiter second(second_client, options_);
  int allowed = 0;
  for (int i = 0; i < 10; ++i) {
    RedisRateLimiter& l = i % 2 == 0 ? first : second;
    if (l.hit("register:ip:10.0.0.1", 4, minutes(60)).value().allowed) ++allowed;
  }
  EXPECT_EQ(allowed, 4);
}

TEST_F(RedisRateLimiterTest, ConcurrentCallersNeverExceedTheLimit) {
  redis::Client first_client(endpoint_);  // two servers: two connection pools
  redis::Client second_client(endpoint_);
  RedisRateLimiter first(first_client, options_);
  RedisRateLimiter second(second_client, options_);
  std::atomic<int> allowed{0};
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      RedisRateLimiter& l = t % 2 == 0 ? first : second;
      for (int i = 0; i < 25; ++i) {
        auto d = l.hit("chat:user-1", 20, minutes(1));
        if (!d) {
          ++errors;
        } else if (d->allowed) {
          ++allowed;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(allowed.load(), 20);
}

TEST_F(RedisRateLimiterTest, HitsLeaveTheWindow) {
  redis::Client client(endpoint_);
  RedisRateLimiter limiter(client, options_);
  ASSERT_TRUE(limiter.hit("k", 1, milliseconds(300)).value().allowed);
  auto denied = limiter.hit("k", 1, milliseconds(300)).value();
  ASSERT_FALSE(denied.allowed);
  EXPECT_LE(denied.retry_after, milliseconds(300));
  // Waiting out the window (time passing is the point here, not synchronisation).
  std::this_thread::sleep_for(denied.retry_after + milliseconds(5));
  EXPECT_TRUE(limiter.hit("k", 1, milliseconds(300)).value().allowed);
}

TEST_F(RedisRateLimiterTest, RefusesBadArgumentsWithoutTouchingRedis) {
  redis::Client client(endpoint_);
  RedisRateLimiter limiter(client, options_);
  EXPECT_EQ(limiter.hit("k", 0, minutes(1)).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(limiter.hit("k", 5, milliseconds(0)).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sanad::auth
