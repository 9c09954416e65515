#pragma once
// Liveness and readiness. /health/live answers {"status":"ok"} inline whenever the
// process serves HTTP. /health/ready runs every registered check (on the handler
// pool) and answers 200 or 503:
//   {"status":"ok"|"unavailable","checks":{name:{"ok":bool,"detail":"...","ms":1.2}}}

#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace sanad::http {

class Router;

struct CheckResult {
  bool ok = true;
  std::string detail;
};

// Named readiness checks. Register before serving; run() is thread-safe and may run
// concurrently with add(). A check must be quick and must not throw (a throw counts
// as a failure).
class HealthChecks {
 public:
  using Check = std::function<CheckResult()>;
  void add(std::string name, Check check);
  // Runs every check; returns (all ok, JSON body).
  std::pair<bool, std::string> run() const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, Check>> checks_;
};

// Adds GET /health/live (inline) and GET /health/ready (pool) to `router`.
// `checks` must outlive the router.
void add_health_routes(Router& router, const HealthChecks& checks);

}  // namespace sanad::http
