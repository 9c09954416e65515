// Start-up, readiness, migrations and graceful shutdown of the real binary.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "backend.h"
#include "http_client.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

TEST(ServerLifecycle, LiveAndReadyOnAFreshDatabase) {
  TestEnvironment t;
  SanadServer server(t.env);
  auto live = http_get(server.port(), "/health/live");
  ASSERT_TRUE(live);
  EXPECT_EQ(live->status, 200);
  EXPECT_EQ(json::parse(live->body)["status"], "ok");

  auto ready = http_get(server.port(), "/health/ready");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
  auto body = json::parse(ready->body);
  EXPECT_EQ(body["status"], "ok");
  for (const char* check : {"database", "migrations", "workers"}) {
    ASSERT_TRUE(body["checks"].contains(check)) << check << " in " << ready->body;
    EXPECT_TRUE(body["checks"][check]["ok"].get<bool>()) << check;
  }
  EXPECT_EQ(body["checks"]["database"]["detail"], backend_name());
}

TEST(ServerLifecycle, MigrateIsIdempotentAndServeFindsTheSchemaCurrent) {
  TestEnvironment t;
  auto [first_code, first] = run_sanad({"migrate"}, t.env);
  EXPECT_EQ(first_code, 0) << first;
  EXPECT_NE(first.find("applied "), std::string::npos) << first;
  auto [second_code, second] = run_sanad({"migrate"}, t.env);
  EXPECT_EQ(second_code, 0) << second;
  EXPECT_NE(second.find("up to date"), std::string::npos) << second;

  SanadServer server(t.env);
  auto ready = http_get(server.port(), "/health/ready");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
}

TEST(ServerLifecycle, SigtermFinishesInFlightRequestAndExitsZero) {
  TestEnvironment t;
  SanadServer server(t.env);
  uint16_t port = server.port();

  // A request whose header is half sent when the signal arrives is in flight.
  HttpConnection in_flight(port);
  ASSERT_TRUE(in_flight.connected());
  ASSERT_TRUE(in_flight.send_raw("GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  // Make sure the server has accepted and started reading it: a second request on
  // another connection round-trips after the first connection was established.
  ASSERT_TRUE(http_get(port, "/health/live"));

  server.process().send_signal(SIGTERM);
  ASSERT_TRUE(in_flight.send_raw("\r\n"));
  auto response = in_flight.read_response(10s);
  ASSERT_TRUE(response) << "the in-flight request was dropped";
  EXPECT_EQ(response->status, 200);

  auto code = server.process().wait(15s);
  ASSERT_TRUE(code) << "sanad did not exit after SIGTERM";
  EXPECT_EQ(*code, 0) << server.process().stderr_text();
  // Nothing listens any more.
  HttpConnection after(port);
  EXPECT_FALSE(after.connected() && after.request("GET", "/health/live").has_value());
}

TEST(ServerLifecycle, SigintAlsoStopsGracefully) {
  TestEnvironment t;
  SanadServer server(t.env);
  server.process().send_signal(SIGINT);
  auto code = server.process().wait(15s);
  ASSERT_TRUE(code);
  EXPECT_EQ(*code, 0);
}

TEST(ServerLifecycle, BusyPortIsAClearError) {
  TestEnvironment t;
  SanadServer first(t.env);
  TestEnvironment t2;
  auto env = t2.env;
  env["PORT"] = std::to_string(first.port());
  std::vector<std::string> argv{sanad_binary(), "serve"};
  env["PATH"] = "/usr/bin:/bin";
  env["SANAD_BIND"] = "127.0.0.1";
  Subprocess second(argv, env);
  auto code = second.wait(20s);
  ASSERT_TRUE(code);
  EXPECT_NE(*code, 0);
  EXPECT_NE(second.stderr_text().find(std::to_string(first.port())), std::string::npos) << second.stderr_text();
}

}  // namespace
}  // namespace sanad::testing
