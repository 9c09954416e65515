// HTTP behaviour of the real binary: limits, path normalisation, headers, CORS,
// metrics and the OpenAPI document.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>

#include "accounts_support.h"
#include "backend.h"
#include "http_client.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class HttpBehaviour : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    environment_ = new TestEnvironment();
    environment_->env["SANAD_MAX_HEADER_BYTES"] = "8192";
    environment_->env["SANAD_MAX_BODY_BYTES"] = "65536";
    environment_->env["SANAD_READ_TIMEOUT_MS"] = "1500";
    environment_->env["CORS_ORIGINS"] = "https://app.example";
    server_ = new SanadServer(environment_->env);
    token_ = new std::string(admin_token(environment_->env, server_->port()));
  }
  static void TearDownTestSuite() {
    delete token_;
    delete server_;
    delete environment_;
  }
  uint16_t port() const { return server_->port(); }
  static std::map<std::string, std::string> auth() { return bearer(*token_); }

  static TestEnvironment* environment_;
  static SanadServer* server_;
  static std::string* token_;
};
TestEnvironment* HttpBehaviour::environment_ = nullptr;
SanadServer* HttpBehaviour::server_ = nullptr;
std::string* HttpBehaviour::token_ = nullptr;

TEST_F(HttpBehaviour, OversizedHeaderIs431) {
  auto response = http_get(port(), "/health/live", {{"X-Padding", std::string(20000, 'a')}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
}

TEST_F(HttpBehaviour, OversizedBodyIs413WithTheStandardErrorBody) {
  auto response = http_request(port(), "POST", "/api/jobs/01abc/cancel", {{"Content-Type", "application/json"}},
                               std::string(200000, 'x'));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  auto body = json::parse(response->body);
  EXPECT_TRUE(body["error"]["code"].is_string());
  EXPECT_TRUE(body["error"]["message"].is_string());
}

TEST_F(HttpBehaviour, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpConnection connection(port());
  for (int i = 0; i < 3; ++i) {
    auto response = connection.request("GET", "/health/live");
    ASSERT_TRUE(response) << "request " << i;
    EXPECT_EQ(response->status, 200);
  }
}

TEST_F(HttpBehaviour, SlowClientIsCutByTheReadTimeout) {
  HttpConnection slow(port());
  ASSERT_TRUE(slow.send_raw("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  // The rest never comes: the server must close the connection after ~1.5 s.
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(slow.wait_closed(10s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  // Meanwhile and afterwards the server answers others.
  auto response = http_get(port(), "/health/live");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST_F(HttpBehaviour, PathVariantsReachTheSameHandlerOrAClean4xx) {
  // /health/live is the intended handler; no variant may reach another one.
  for (const char* target : {"/health/live", "/HEALTH/Live", "//health//live", "/health/live/", "/health/live;x",
                             "/health;x/live", "/health%2Flive", "/health/./live", "/health/x/../live"}) {
    auto response = http_get(port(), target);
    ASSERT_TRUE(response) << target;
    if (response->status == 200) {
      EXPECT_EQ(json::parse(response->body), json({{"status", "ok"}})) << target;
    } else {
      EXPECT_GE(response->status, 400) << target;
      EXPECT_LT(response->status, 500) << target;
      EXPECT_TRUE(json::parse(response->body)["error"].is_object()) << target;
    }
  }
  // The same for a parameterised API route: the jobs handler answers (a job-specific
  // not-found), never the generic "no such route".
  auto canonical = http_get(port(), "/api/jobs/01unknown", auth());
  ASSERT_TRUE(canonical);
  EXPECT_EQ(canonical->status, 404);
  for (const char* target : {"/API/JOBS/01unknown", "//api//jobs//01unknown", "/api/jobs/01unknown/",
                             "/api/jobs/01unknown;x", "/api;x/jobs/01unknown"}) {
    auto response = http_get(port(), target, auth());
    ASSERT_TRUE(response) << target;
    EXPECT_EQ(response->status, 404) << target;
    EXPECT_EQ(response->body, canonical->body) << target;
  }
}

TEST_F(HttpBehaviour, UnknownRouteAndWrongMethodUseTheStandardErrorBody) {
  auto missing = http_get(port(), "/api/nothing-here", auth());
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(json::parse(missing->body)["error"]["code"], "not_found");

  auto wrong = http_request(port(), "DELETE", "/health/live");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_NE(wrong->header("allow").find("GET"), std::string::npos);
}

TEST_F(HttpBehaviour, SecurityHeadersAndRequestId) {
  auto response = http_get(port(), "/health/live", {{"X-Request-Id", "trace-abc.123"}});
  ASSERT_TRUE(response);
  EXPECT_EQ(response->header("x-request-id"), "trace-abc.123");
  EXPECT_EQ(response->header("x-content-type-options"), "nosniff");
  EXPECT_EQ(response->header("x-frame-options"), "DENY");
  EXPECT_FALSE(response->header("referrer-policy").empty());
  // Plain HTTP from an untrusted peer: no HSTS, even if it claims https.
  auto claimed = http_get(port(), "/health/live", {{"X-Forwarded-Proto", "https"}});
  ASSERT_TRUE(claimed);
  EXPECT_TRUE(claimed->header("strict-transport-security").empty());

  // A hostile request id is replaced by a generated one.
  auto hostile = http_get(port(), "/health/live", {{"X-Request-Id", "bad id\"<script>"}});
  ASSERT_TRUE(hostile);
  EXPECT_FALSE(hostile->header("x-request-id").empty());
  EXPECT_EQ(hostile->header("x-request-id").find('<'), std::string::npos);
}

TEST_F(HttpBehaviour, CorsAllowsListedOriginsOnly) {
  auto allowed = http_request(port(), "OPTIONS", "/api/jobs/01abc",
                              {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "GET"}});
  ASSERT_TRUE(allowed);
  EXPECT_LT(allowed->status, 300);
  EXPECT_EQ(allowed->header("access-control-allow-origin"), "https://app.example");

  auto denied = http_get(port(), "/health/live", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(denied);
  EXPECT_TRUE(denied->header("access-control-allow-origin").empty());
}

TEST_F(HttpBehaviour, MetricsSpeakPrometheusText) {
  ASSERT_TRUE(http_get(port(), "/health/live"));
  auto response = http_get(port(), "/metrics");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  const std::string& text = response->body;
  for (const char* name : {"sanad_http_requests_total", "sanad_http_request_duration_seconds_bucket",
                           "sanad_http_in_flight_requests", "process_resident_memory_bytes", "sanad_jobs{",
                           "sanad_db_pool_connections"}) {
    EXPECT_NE(text.find(name), std::string::npos) << name;
  }
  std::smatch match;
  ASSERT_TRUE(std::regex_search(text, match, std::regex(R"(process_resident_memory_bytes (\d+))")));
  EXPECT_GT(std::stoull(match[1]), 1000000u);
}

TEST_F(HttpBehaviour, OpenApiDocumentDescribesTheRoutes) {
  auto response = http_get(port(), "/api/openapi.json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  auto doc = json::parse(response->body);
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* path : {"/health/live", "/health/ready", "/metrics", "/api/jobs/{id}", "/api/auth/login",
                           "/api/auth/refresh", "/api/me", "/api/users", "/api/groups/{id}/members"}) {
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  }
}

}  // namespace
}  // namespace sanad::testing
