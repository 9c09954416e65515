// parse_redis_url: the URL forms REDIS_URL accepts, and errors that never show the password.
#include "redis/endpoint.h"

#include <gtest/gtest.h>

namespace sanad::redis {
namespace {

TEST(RedisUrl, Parses) {
  auto plain = parse_redis_url("redis://127.0.0.1:6380").value();
  EXPECT_EQ(plain.host, "127.0.0.1");
  EXPECT_EQ(plain.port, 6380);
  EXPECT_EQ(plain.database, 0);
  auto full = parse_redis_url("redis://app:s3cret@cache.internal/2").value();
  EXPECT_EQ(full.host, "cache.internal");
  EXPECT_EQ(full.port, 6379);
  EXPECT_EQ(full.user, "app");
  EXPECT_EQ(full.password, "s3cret");
  EXPECT_EQ(full.database, 2);
  auto password_only = parse_redis_url("redis://:pw@[::1]:7000").value();
  EXPECT_EQ(password_only.host, "::1");
  EXPECT_EQ(password_only.port, 7000);
  EXPECT_EQ(password_only.password, "pw");
  for (const char* bad : {"http://x", "redis://", "redis://h:0", "redis://h:99999", "redis://h/x", "redis://:pw@"}) {
    auto r = parse_redis_url(bad);
    EXPECT_FALSE(r.is_ok()) << bad;
    if (!r.is_ok()) {
      EXPECT_EQ(r.status().message().find("pw"), std::string::npos) << bad;
    }
  }
}

}  // namespace
}  // namespace sanad::redis
