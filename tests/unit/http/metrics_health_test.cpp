#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/health.h"
#include "http/metrics.h"
#include "http/router.h"

namespace sanad::http {
namespace {

Response call(Router& router, std::string_view target) {
  Request req;
  prepare_request(req, "GET", target);
  return router.handle(req);
}

TEST(HealthTest, LiveAndReady) {
  Router router;
  HealthChecks checks;
  checks.add("database", [] { return CheckResult{true, "sqlite"}; });
  add_health_routes(router, checks);
  EXPECT_EQ(call(router, "/health/live").body, "{\"status\":\"ok\"}");
  Response ready = call(router, "/health/ready");
  EXPECT_EQ(ready.status, 200);
  auto j = nlohmann::json::parse(ready.body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["checks"]["database"]["ok"], true);
  EXPECT_EQ(j["checks"]["database"]["detail"], "sqlite");
  EXPECT_TRUE(j["checks"]["database"]["ms"].is_number());

  checks.add("redis", [] { return CheckResult{false, "connection refused"}; });
  checks.add("thrower", []() -> CheckResult { throw std::runtime_error("boom"); });
  Response failing = call(router, "/health/ready");
  EXPECT_EQ(failing.status, 503);
  auto f = nlohmann::json::parse(failing.body);
  EXPECT_EQ(f["status"], "unavailable");
  EXPECT_EQ(f["checks"]["redis"]["ok"], false);
  EXPECT_EQ(f["checks"]["thrower"]["ok"], false);
}

TEST(MetricsTest, CountsAndRendersPrometheusText) {
  Router router;
  RouteOptions options;
  options.name = "x_get";
  router.add("GET", "/api/x/{id}", [](Request&) { return Response::text(200, "x"); }, options);
  HttpMetrics metrics;
  add_metrics_route(router, metrics);
  metrics.set_routes(router);
  metrics.add_collector([](std::string& out) { out += "# TYPE sanad_jobs gauge\nsanad_jobs{state=\"queued\"} 3\n"; });

  Pipeline p;
  p.use(metrics_middleware(metrics));
  p.set_terminal([&router](Request& req) { return router.dispatch(req); });
  for (const char* target : {"/api/x/1", "/api/x/2", "/nope"}) {
    Request req;
    prepare_request(req, "GET", target);
    router.match(req);
    p.run(req);
  }
  std::string text = call(router, "/metrics").body;
  EXPECT_NE(text.find("sanad_http_requests_total{route=\"x_get\",method=\"GET\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("sanad_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("sanad_http_request_duration_seconds_bucket{route=\"x_get\",le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("sanad_http_request_duration_seconds_count{route=\"x_get\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("sanad_http_in_flight_requests 0\n"), std::string::npos);
  EXPECT_NE(text.find("process_resident_memory_bytes "), std::string::npos);
  EXPECT_NE(text.find("sanad_jobs{state=\"queued\"} 3\n"), std::string::npos);
  EXPECT_GT(resident_memory_bytes(), 0u);
}

}  // namespace
}  // namespace sanad::http
