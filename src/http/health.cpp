#include "http/health.h"

#include <chrono>
#include <exception>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/router.h"

namespace sanad::http {

void HealthChecks::add(std::string name, Check check) {
  std::lock_guard lock(mutex_);
  checks_.emplace_back(std::move(name), std::move(check));
}

std::pair<bool, std::string> HealthChecks::run() const {
  std::vector<std::pair<std::string, Check>> checks;
  {
    std::lock_guard lock(mutex_);
    checks = checks_;
  }
  bool all_ok = true;
  nlohmann::json results = nlohmann::json::object();
  for (const auto& [name, check] : checks) {
    auto start = std::chrono::steady_clock::now();
    CheckResult result;
    try {
      result = check();
    } catch (const std::exception& e) {
      result = {false, std::string("check threw: ") + e.what()};
    } catch (...) {
      result = {false, "check threw"};
    }
    double ms = core::ms_since(start);
    all_ok = all_ok && result.ok;
    results[name] = {{"ok", result.ok}, {"detail", result.detail}, {"ms", ms}};
  }
  nlohmann::json body = {{"status", all_ok ? "ok" : "unavailable"}, {"checks", std::move(results)}};
  return {all_ok, body.dump()};
}

void add_health_routes(Router& router, const HealthChecks& checks) {
  RouteOptions live;
  live.name = "health_live";
  live.dispatch = Dispatch::kInline;
  RouteOptions ready;
  ready.name = "health_ready";
  router.add(
      "GET", "/health/live", [](Request&) { return Response::json(200, "{\"status\":\"ok\"}"); },
      std::move(live));
  router.add(
      "GET", "/health/ready",
      [&checks](Request&) {
        auto [ok, body] = checks.run();
        Response res = Response::json(ok ? 200 : 503, std::move(body));
        res.set_header("Cache-Control", "no-store");
        return res;
      },
      std::move(ready));
}

}  // namespace sanad::http
