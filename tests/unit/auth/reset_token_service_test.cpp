#include "auth/reset_token_service.h"

#include <gtest/gtest.h>

namespace sanad::auth {
namespace {

class ResetTokenTest : public ::testing::Test {
 protected:
  MemoryResetTokenStore store_;
  int64_t now_ms_ = 1'800'000'000'000;
  ResetTokenService service_{store_, [this] { return now_ms_; }};
};

TEST_F(ResetTokenTest, SingleUse) {
  auto issued = service_.issue("user-1");
  ASSERT_TRUE(issued.is_ok());
  EXPECT_EQ(issued->expires_at_ms, now_ms_ + 30 * 60 * 1000);
  EXPECT_EQ(service_.consume(issued->token).value_or(""), "user-1");
  EXPECT_EQ(service_.consume(issued->token).status().code(), ErrorCode::kUnauthenticated);
}

TEST_F(ResetTokenTest, ExpiresAfterThirtyMinutes) {
  auto issued = service_.issue("user-1").value();
  now_ms_ += 30 * 60 * 1000;
  EXPECT_EQ(service_.consume(issued.token).status().code(), ErrorCode::kUnauthenticated);
  auto fresh = service_.issue("user-1").value();
  now_ms_ += 29 * 60 * 1000;
  EXPECT_TRUE(service_.consume(fresh.token).is_ok());
}

TEST_F(ResetTokenTest, ASuccessfulResetInvalidatesTheOthers) {
  auto a = service_.issue("user-1").value();
  auto b = service_.issue("user-1").value();
  auto c = service_.issue("user-2").value();
  EXPECT_TRUE(service_.consume(b.token).is_ok());
  EXPECT_FALSE(service_.consume(a.token).is_ok());
  EXPECT_EQ(service_.consume(c.token).value_or(""), "user-2");
}

TEST_F(ResetTokenTest, UnknownTokensAreRejected) {
  EXPECT_FALSE(service_.consume("").is_ok());
  EXPECT_FALSE(service_.consume("nope").is_ok());
  EXPECT_FALSE(service_.consume(std::string(5000, 'x')).is_ok());
}

}  // namespace
}  // namespace sanad::auth
