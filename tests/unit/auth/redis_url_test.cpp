// REDIS_URL parsing for the shared rate limiter.
#include <gtest/gtest.h>

#include "auth/redis_rate_limiter.h"

namespace sanad::auth {
namespace {

TEST(RedisUrl, ParsesHostPortCredentialsAndDatabase) {
  auto plain = parse_redis_url("redis://127.0.0.1:6380");
  ASSERT_TRUE(plain.is_ok()) << plain.status().to_string();
  EXPECT_EQ(plain->host, "127.0.0.1");
  EXPECT_EQ(plain->port, 6380);
  EXPECT_EQ(plain->database, 0);
  EXPECT_TRUE(plain->password.empty());

  auto full = parse_redis_url("redis://sanad:s3cr:et@cache.internal/3");
  ASSERT_TRUE(full.is_ok()) << full.status().to_string();
  EXPECT_EQ(full->host, "cache.internal");
  EXPECT_EQ(full->port, 6379);
  EXPECT_EQ(full->user, "sanad");
  EXPECT_EQ(full->password, "s3cr:et");
  EXPECT_EQ(full->database, 3);

  auto password_only = parse_redis_url("redis://:pw@localhost/");
  ASSERT_TRUE(password_only.is_ok());
  EXPECT_EQ(password_only->user, "");
  EXPECT_EQ(password_only->password, "pw");
}

TEST(RedisUrl, RefusesWhatItCannotUseWithoutEchoingSecrets) {
  auto bad_port = parse_redis_url("redis://user:topsecret@host:x");
  ASSERT_FALSE(bad_port.is_ok());
  EXPECT_EQ(bad_port.status().message().find("topsecret"), std::string::npos);
  for (const char* bad : {"", "localhost:6379", "rediss://host:6380", "redis://", "redis://host:0", "redis://host:x",
                          "redis://host:70000", "redis://host/-1", "redis://host/db"}) {
    EXPECT_EQ(parse_redis_url(bad).status().code(), ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace sanad::auth
