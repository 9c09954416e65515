// Rate limits shared between instances through Redis (REDIS_URL): two servers on
// one database and one Redis count sign-in failures together, exactly; a REDIS_URL
// that cannot be reached stops the server at start-up, naming the variable.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "accounts_support.h"
#include "backend.h"
#include "http_client.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

using nlohmann::json;

// The Redis server outlives one test binary (both backends' runs share it): an
// address of this run's own keeps the counters apart.
const std::string& email() {
  static const std::string kEmail = "nadia-" + std::string(backend_name()) + "-" + std::to_string(::getpid()) +
                                    "@example.org";
  return kEmail;
}

HttpResponse sign_in_attempt(uint16_t port, const std::string& password) {
  auto r = http_request(port, "POST", "/api/auth/login", {{"Content-Type", "application/json"}},
                        json{{"email", email()}, {"password", password}}.dump());
  if (!r) throw std::runtime_error("no response");
  return *r;
}

TEST(SharedRateLimit, TwoInstancesCountSignInFailuresTogether) {
  const char* redis = std::getenv("SANAD_TEST_REDIS_URL");
  if (redis == nullptr || *redis == '\0') GTEST_SKIP() << "SANAD_TEST_REDIS_URL is not set (scripts/test.sh sets it)";
  TestEnvironment t;
  t.env["REDIS_URL"] = redis;
  auto [code, output] = create_account(t.env, email(), kTestPassword, false);
  ASSERT_EQ(code, 0) << output;
  SanadServer a(t.env);
  SanadServer b(t.env);
  // Five failures, spread over both instances: the limit is 5 per account.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(sign_in_attempt(i % 2 == 0 ? a.port() : b.port(), "wrong password " + std::to_string(i)).status, 401)
        << i;
  }
  // The sixth, on either instance and even with the right password, is refused.
  for (uint16_t port : {a.port(), b.port()}) {
    HttpResponse limited = sign_in_attempt(port, kTestPassword);
    EXPECT_EQ(limited.status, 429) << limited.body;
    ASSERT_FALSE(limited.header("retry-after").empty());
    EXPECT_GT(std::stoi(limited.header("retry-after")), 800);
  }
}

TEST(SharedRateLimit, UnreachableRedisStopsTheServerAtStart) {
  TestEnvironment t;
  t.env["REDIS_URL"] = "redis://127.0.0.1:1";
  auto [code, output] = run_sanad({"serve", "--port", "0"}, t.env);
  EXPECT_NE(code, 0);
  EXPECT_NE(output.find("REDIS_URL"), std::string::npos) << output;
}

}  // namespace
}  // namespace sanad::testing
