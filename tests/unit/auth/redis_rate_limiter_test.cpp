// The Redis rate limiter against the throwaway Redis of scripts/test.sh
// (SANAD_TEST_REDIS_URL): exact limits, counters shared between two limiters (two
// instances), Retry-After, reset, concurrency, and an unreachable server.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "auth/redis_rate_limiter.h"
#include "auth/secrets.h"
#include "auth/base64url.h"

namespace sanad::auth {
namespace {

using namespace std::chrono_literals;

class RedisRateLimiterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("SANAD_TEST_REDIS_URL");
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "SANAD_TEST_REDIS_URL is not set (scripts/test.sh sets it)";
    url_ = url;
    // A key space of this test's own, so runs never see each other's counters.
    prefix_ = "test:" + base64url_encode(random_bytes(9)) + ":";
  }
  std::unique_ptr<RedisRateLimiter> limiter() {
    auto made = RedisRateLimiter::connect(url_);
    EXPECT_TRUE(made.is_ok()) << made.status().to_string();
    return made.is_ok() ? std::move(*made) : nullptr;
  }
  std::string url_;
  std::string prefix_;
};

TEST_F(RedisRateLimiterTest, ExactLimitWithRetryAfterAndReset) {
  auto rl = limiter();
  ASSERT_TRUE(rl);
  for (uint32_t i = 0; i < 5; ++i) {
    auto d = rl->hit(prefix_ + "login", 5, 15min);
    ASSERT_TRUE(d.is_ok()) << d.status().to_string();
    EXPECT_TRUE(d->allowed);
    EXPECT_EQ(d->remaining, 4 - i);
  }
  auto denied = rl->hit(prefix_ + "login", 5, 15min);
  ASSERT_TRUE(denied.is_ok());
  EXPECT_FALSE(denied->allowed);
  EXPECT_EQ(denied->remaining, 0u);
  EXPECT_GT(denied->retry_after, 14min);
  EXPECT_LE(denied->retry_after, 15min);
  EXPECT_TRUE(rl->hit(prefix_ + "other", 5, 15min)->allowed);  // keys are separate
  ASSERT_TRUE(rl->reset(prefix_ + "login").is_ok());
  EXPECT_TRUE(rl->hit(prefix_ + "login", 5, 15min)->allowed);
  EXPECT_EQ(rl->hit("k", 0, 1s).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(rl->hit("k", 1, 0ms).status().code(), ErrorCode::kInvalidArgument);
}

TEST_F(RedisRateLimiterTest, TwoInstancesShareOneExactLimitUnderConcurrency) {
  auto a = limiter();
  auto b = limiter();
  ASSERT_TRUE(a && b);
  std::atomic<int> allowed{0}, errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      RedisRateLimiter& mine = t % 2 == 0 ? *a : *b;
      for (int i = 0; i < 10; ++i) {
        auto d = mine.hit(prefix_ + "shared", 25, 1min);
        if (!d.is_ok()) {
          ++errors;
        } else if (d->allowed) {
          ++allowed;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(allowed.load(), 25);  // 80 attempts through two limiters: exactly the limit
}

TEST_F(RedisRateLimiterTest, HitsLeaveTheWindow) {
  auto rl = limiter();
  ASSERT_TRUE(rl);
  ASSERT_TRUE(rl->hit(prefix_ + "short", 1, 150ms)->allowed);
  auto denied = rl->hit(prefix_ + "short", 1, 150ms);
  ASSERT_TRUE(denied.is_ok());
  ASSERT_FALSE(denied->allowed);
  EXPECT_LE(denied->retry_after, 150ms);
  // Poll (bounded) until the window has passed: the next hit is allowed again.
  auto deadline = std::chrono::steady_clock::now() + 5s;
  bool again = false;
  while (!again && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
    again = rl->hit(prefix_ + "short", 1, 150ms)->allowed;
  }
  EXPECT_TRUE(again);
}

TEST(RedisRateLimiterUnreachable, ConnectFailsAsUnavailable) {
  // Port 1 on loopback: nothing listens there.
  auto made = RedisRateLimiter::connect("redis://127.0.0.1:1", {200ms, 200ms, 1});
  ASSERT_FALSE(made.is_ok());
  EXPECT_EQ(made.status().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace sanad::auth
