#include "auth/password_hasher.h"

#include <gtest/gtest.h>

#include <thread>

namespace sanad::auth {
namespace {

PasswordHasher make(unsigned max_concurrent = 2) {
  PasswordHashOptions options;
  options.max_concurrent = max_concurrent;
  auto hasher = PasswordHasher::create(options);
  EXPECT_TRUE(hasher.is_ok());
  return std::move(hasher).value();
}

TEST(PasswordHasher, HashesWithArgon2idAtOwaspParameters) {
  PasswordHasher hasher = make();
  auto hash = hasher.hash("correct horse battery staple");
  ASSERT_TRUE(hash.is_ok());
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(hasher.verify("correct horse battery staple", *hash).value_or(false));
  EXPECT_FALSE(hasher.verify("correct horse battery stapler", *hash).value_or(true));
  EXPECT_FALSE(hasher.needs_rehash(*hash));
  // Salted: the same password hashes differently.
  EXPECT_NE(*hash, hasher.hash("correct horse battery staple").value_or(""));
}

TEST(PasswordHasher, RefusesWeakParameters) {
  PasswordHashOptions weak;
  weak.mem_limit_bytes = 8u * 1024 * 1024;
  EXPECT_EQ(PasswordHasher::create(weak).status().code(), ErrorCode::kInvalidArgument);
  PasswordHashOptions one_pass;
  one_pass.ops_limit = 1;
  EXPECT_EQ(PasswordHasher::create(one_pass).status().code(), ErrorCode::kInvalidArgument);
}

TEST(PasswordHasher, NeedsRehashForOtherParametersOrGarbage) {
  PasswordHashOptions stronger;
  stronger.ops_limit = 3;
  auto strong = PasswordHasher::create(stronger);
  ASSERT_TRUE(strong.is_ok());
  PasswordHasher hasher = make();
  std::string old_hash = hasher.hash("some password").value_or("");
  EXPECT_TRUE(strong->needs_rehash(old_hash));
  EXPECT_TRUE(hasher.needs_rehash("$2b$12$bcryptlookinghash"));
  EXPECT_TRUE(hasher.needs_rehash(""));
  EXPECT_FALSE(hasher.verify("x", "not a hash").value_or(true));
}

TEST(PasswordHasher, BusyWhenEverySlotIsTaken) {
  PasswordHasher hasher = make(1);
  EXPECT_EQ(hasher.admission().capacity(), 1u);
  {
    auto held = hasher.admission().try_acquire();
    ASSERT_TRUE(held.has_value());
    EXPECT_EQ(hasher.hash("a password").status().code(), ErrorCode::kResourceExhausted);
    EXPECT_EQ(hasher.verify("a password", "x").status().code(), ErrorCode::kResourceExhausted);
    EXPECT_EQ(hasher.verify_unknown_account("a password").status().code(), ErrorCode::kResourceExhausted);
  }
  EXPECT_EQ(hasher.admission().in_use(), 0u);
  EXPECT_TRUE(hasher.hash("a password").is_ok());
}

TEST(PasswordHasher, ConcurrentCallersNeverExceedTheCap) {
  PasswordHasher hasher = make(2);
  std::atomic<int> ok{0}, busy{0};
  std::atomic<bool> done{false};
  std::atomic<unsigned> max_seen{0};
  std::thread sampler([&] {
    while (!done.load()) {
      unsigned now = hasher.admission().in_use();
      if (now > max_seen.load()) max_seen = now;
      std::this_thread::yield();
    }
  });
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      auto r = hasher.hash("concurrent password");
      if (r.is_ok()) ++ok;
      else if (r.status().code() == ErrorCode::kResourceExhausted) ++busy;
    });
  }
  for (auto& t : threads) t.join();
  done = true;
  sampler.join();
  EXPECT_LE(max_seen.load(), 2u);
  EXPECT_EQ(ok + busy, 6);
  EXPECT_GE(ok.load(), 1);
  EXPECT_EQ(hasher.admission().in_use(), 0u);
}

TEST(PasswordHasher, DefaultCapIsTheCoreCount) {
  PasswordHasher hasher = make(0);
  EXPECT_EQ(hasher.admission().capacity(), std::max(1u, std::thread::hardware_concurrency()));
}

TEST(PasswordHasher, UnknownAccountNeverMatchesAndRefusesHugeInput) {
  PasswordHasher hasher = make();
  EXPECT_FALSE(hasher.verify_unknown_account("sanad-unknown-account-placeholder").value_or(true));
  EXPECT_EQ(hasher.hash(std::string(2000, 'a')).status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sanad::auth
