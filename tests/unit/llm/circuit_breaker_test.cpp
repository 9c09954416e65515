#include "llm/circuit_breaker.h"

#include <gtest/gtest.h>

namespace sanad::llm {
namespace {

using Ms = std::chrono::milliseconds;

class FakeClock {
 public:
  CircuitBreaker::Clock::time_point now() const { return now_; }
  void advance(Ms d) { now_ += d; }

 private:
  CircuitBreaker::Clock::time_point now_{};
};

TEST(CircuitBreakerTest, OpensAfterThresholdAndRecoversThroughHalfOpen) {
  FakeClock clock;
  CircuitBreaker breaker({/*failure_threshold=*/3, /*cool_down=*/Ms(1000)}, [&] { return clock.now(); });
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(breaker.allow());
    breaker.record(false);
  }
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
  ASSERT_TRUE(breaker.allow());
  breaker.record(false);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
  EXPECT_FALSE(breaker.allow());
  EXPECT_EQ(breaker.retry_in(), Ms(1000));

  clock.advance(Ms(999));
  EXPECT_FALSE(breaker.allow());
  clock.advance(Ms(1));
  EXPECT_TRUE(breaker.allow());  // the trial
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kHalfOpen);
  EXPECT_FALSE(breaker.allow());  // only one trial at a time
  breaker.record(false);          // the trial failed: open again
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
  EXPECT_FALSE(breaker.allow());

  clock.advance(Ms(1000));
  EXPECT_TRUE(breaker.allow());
  breaker.record(true);  // the trial succeeded: closed
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
  EXPECT_TRUE(breaker.allow());
  EXPECT_TRUE(breaker.allow());
}

TEST(CircuitBreakerTest, SuccessResetsTheFailureCount) {
  CircuitBreaker breaker({2, Ms(1000)});
  breaker.record(false);
  breaker.record(true);
  breaker.record(false);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
  breaker.record(false);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
}

}  // namespace
}  // namespace sanad::llm
