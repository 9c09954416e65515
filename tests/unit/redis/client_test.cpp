// redis::Client without a server: nothing is opened before the first command, and
// an unreachable Redis is kUnavailable on every command (never a hang or a crash).
#include "redis/client.h"

#include <gtest/gtest.h>

namespace sanad::redis {
namespace {

TEST(RedisClient, UnreachableServerIsUnavailableOnEveryCommand) {
  RedisEndpoint nowhere;
  nowhere.host = "127.0.0.1";
  nowhere.port = 1;  // nothing listens on port 1
  Client client(nowhere);
  for (int i = 0; i < 2; ++i) {
    auto r = client.command({"PING"});
    ASSERT_FALSE(r.is_ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kUnavailable);
  }
}

}  // namespace
}  // namespace sanad::redis
