// Rate limits through the real binary: shared through Redis by two server instances
// on one PostgreSQL database (exact across both), and the in-process fallback when
// Redis cannot be reached (limits still enforced, per instance).
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <nlohmann/json.hpp>
#include <string>

#include "accounts_support.h"
#include "backend.h"
#include "http_client.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

using nlohmann::json;

// One failed password sign-in for `email`; the HTTP status.
int failed_sign_in(uint16_t port, const std::string& email, int attempt) {
  auto r = http_request(port, "POST", "/api/auth/login", {{"Content-Type", "application/json"}},
                        json{{"email", email}, {"password", "wrong password " + std::to_string(attempt)}}.dump());
  return r ? r->status : 0;
}

TEST(RateLimits, UnreachableRedisFallsBackToTheInProcessLimiter) {
  TestEnvironment t;
  t.env["REDIS_URL"] = "redis://127.0.0.1:1";  // nothing listens on port 1
  SanadServer server(t.env);
  auto [code, output] = create_account(t.env, "lina@example.org", kTestPassword, false);
  ASSERT_EQ(code, 0) << output;
  for (int i = 0; i < 5; ++i) EXPECT_EQ(failed_sign_in(server.port(), "lina@example.org", i), 401) << i;
  EXPECT_EQ(failed_sign_in(server.port(), "lina@example.org", 5), 429);
}

#if defined(SANAD_TEST_BACKEND_postgres)
TEST(RateLimits, SharedThroughRedisByTwoInstances) {
  const char* redis = std::getenv("SANAD_TEST_REDIS_URL");
  if (redis == nullptr || *redis == '\0') {
    GTEST_SKIP() << "SANAD_TEST_REDIS_URL is not set (scripts/test.sh starts a throwaway server)";
  }
  TestEnvironment t;
  t.env["REDIS_URL"] = redis;
  SanadServer first(t.env);
  SanadServer second(t.env);
  // Addresses of this run only: counts left in Redis by an earlier run cannot mix in.
  const std::string run = std::to_string(std::random_device{}());
  const std::string one = "one-" + run + "@example.org";
  const std::string two = "two-" + run + "@example.org";
  for (const std::string& email : {one, two}) {
    auto [code, output] = create_account(t.env, email, kTestPassword, false);
    ASSERT_EQ(code, 0) << output;
  }
  // Exact on one instance: 5 failures, then 429.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(failed_sign_in(first.port(), one, i), 401) << i;
  EXPECT_EQ(failed_sign_in(first.port(), one, 5), 429);
  EXPECT_EQ(failed_sign_in(second.port(), one, 6), 429);

  // Alternating between the two: still 5 in total (at most limit + 1 per instance
  // is the weaker promise; one Lua script per hit makes it exact).
  int admitted_first = 0;
  int admitted_second = 0;
  for (int i = 0; i < 12; ++i) {
    bool on_first = i % 2 == 0;
    int status = failed_sign_in(on_first ? first.port() : second.port(), two, i);
    ASSERT_TRUE(status == 401 || status == 429) << status;
    if (status == 401) ++(on_first ? admitted_first : admitted_second);
  }
  EXPECT_EQ(admitted_first + admitted_second, 5);
  EXPECT_LE(admitted_first, 6);
  EXPECT_LE(admitted_second, 6);
}
#endif

}  // namespace
}  // namespace sanad::testing
