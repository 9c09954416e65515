#pragma once
// Base fixture for tests that need a real Redis: the throwaway server scripts/test.sh
// starts (SANAD_TEST_REDIS_URL). Skipped when the variable is not set; otherwise
// `endpoint_` points at that server and `unique_prefix()` gives keys no other test
// (or earlier run) uses.

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>

#include "redis/endpoint.h"

namespace sanad::redis::testing {

class RedisServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("SANAD_TEST_REDIS_URL");
    if (url == nullptr || *url == '\0') {
      GTEST_SKIP() << "SANAD_TEST_REDIS_URL is not set (scripts/test.sh starts a throwaway server)";
    }
    auto parsed = parse_redis_url(url);
    ASSERT_TRUE(parsed.is_ok()) << parsed.status().to_string();
    endpoint_ = *parsed;
  }

  // "sanad-test:<what>:<random>:"
  static std::string unique_prefix(const std::string& what) {
    return "sanad-test:" + what + ":" + std::to_string(std::random_device{}()) + ":";
  }

  RedisEndpoint endpoint_;
};

}  // namespace sanad::redis::testing
