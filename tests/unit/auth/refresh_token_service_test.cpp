#include "auth/refresh_token_service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "auth/memory_token_store.h"
#include "auth/secrets.h"

namespace sanad::auth {
namespace {

class RefreshTokenTest : public ::testing::Test {
 protected:
  MemoryTokenStore store_;
  int64_t now_ms_ = 1'800'000'000'000;
  RefreshTokenService service_{store_, [this] { return now_ms_; }};
};

TEST_F(RefreshTokenTest, StoresOnlyTheHash) {
  auto issued = service_.issue("user-1");
  ASSERT_TRUE(issued.is_ok());
  EXPECT_EQ(issued->token.size(), 43u);
  EXPECT_EQ(issued->expires_at_ms, now_ms_ + 30LL * 24 * 3600 * 1000);
  EXPECT_FALSE(store_.find_by_hash(issued->token).value().has_value());
  auto record = store_.find_by_hash(sha256_hex(issued->token)).value();
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->user_id, "user-1");
  EXPECT_EQ(record->family_id, issued->family_id);
}

TEST_F(RefreshTokenTest, RotatesWithinTheFamily) {
  auto first = service_.issue("user-1").value();
  auto second = service_.rotate(first.token);
  ASSERT_TRUE(second.is_ok()) << second.status().to_string();
  EXPECT_NE(second->token, first.token);
  EXPECT_EQ(second->family_id, first.family_id);
  EXPECT_EQ(second->user_id, "user-1");
  auto third = service_.rotate(second->token);
  ASSERT_TRUE(third.is_ok());
}

TEST_F(RefreshTokenTest, ReuseRevokesTheWholeFamily) {
  auto first = service_.issue("user-1").value();
  auto other_session = service_.issue("user-1").value();
  auto second = service_.rotate(first.token).value();
  // The old token comes back (stolen copy): rejected, and the family dies.
  EXPECT_EQ(service_.rotate(first.token).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(service_.rotate(second.token).status().code(), ErrorCode::kUnauthenticated);
  // Another sign-in of the same user is untouched.
  EXPECT_TRUE(service_.rotate(other_session.token).is_ok());
}

TEST_F(RefreshTokenTest, ConcurrentRotationOfOneTokenSucceedsAtMostOnce) {
  auto first = service_.issue("user-1").value();
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (service_.rotate(first.token).is_ok()) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_LE(ok.load(), 1);
}

TEST_F(RefreshTokenTest, LogoutRevokesAndIsIdempotent) {
  auto first = service_.issue("user-1").value();
  auto second = service_.rotate(first.token).value();
  EXPECT_TRUE(service_.revoke(second.token).is_ok());
  EXPECT_EQ(service_.rotate(second.token).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_TRUE(service_.revoke(second.token).is_ok());
  EXPECT_TRUE(service_.revoke("never-issued").is_ok());
}

TEST_F(RefreshTokenTest, RevokeUserEndsEverySession) {
  auto a = service_.issue("user-1").value();
  auto b = service_.issue("user-1").value();
  auto c = service_.issue("user-2").value();
  ASSERT_TRUE(service_.revoke_user("user-1").is_ok());
  EXPECT_FALSE(service_.rotate(a.token).is_ok());
  EXPECT_FALSE(service_.rotate(b.token).is_ok());
  EXPECT_TRUE(service_.rotate(c.token).is_ok());
}

TEST_F(RefreshTokenTest, ExpiresAfterThirtyDays) {
  auto first = service_.issue("user-1").value();
  now_ms_ += 30LL * 24 * 3600 * 1000 - 1;
  auto second = service_.rotate(first.token);
  ASSERT_TRUE(second.is_ok());
  now_ms_ += 30LL * 24 * 3600 * 1000;
  EXPECT_EQ(service_.rotate(second->token).status().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(store_.delete_expired(now_ms_ + 1).value_or(0), 2u);
  EXPECT_EQ(store_.size(), 0u);
}

TEST_F(RefreshTokenTest, RejectsGarbage) {
  EXPECT_FALSE(service_.rotate("").is_ok());
  EXPECT_FALSE(service_.rotate(std::string(10000, 'a')).is_ok());
  EXPECT_FALSE(service_.rotate("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").is_ok());
  EXPECT_FALSE(service_.issue("").is_ok());
}

}  // namespace
}  // namespace sanad::auth
