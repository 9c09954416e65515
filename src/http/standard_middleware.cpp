// Request id, access log and error mapping (the observability middleware).
#include <chrono>
#include <exception>

#include "core/clock.h"
#include "core/ids.h"
#include "http/standard_middleware.h"

namespace sanad::http {
namespace {

bool acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Middleware request_id_middleware() {
  return [](Request& req, const Next& next) {
    std::string_view incoming = req.header("X-Request-Id");
    if (acceptable_request_id(incoming)) {
      req.request_id.assign(incoming);
    } else {
      req.request_id = core::new_id();
    }
    Response res = next(req);
    res.set_header("X-Request-Id", req.request_id);
    return res;
  };
}

Middleware access_log_middleware(core::Logger& logger) {
  return [&logger](Request& req, const Next& next) {
    auto start = std::chrono::steady_clock::now();
    Response res = next(req);
    core::LogLevel level = res.status >= 500 ? core::LogLevel::kWarn : core::LogLevel::kInfo;
    if (!logger.enabled(level)) return res;
    double ms = core::ms_since(start);
    int64_t bytes = res.stream ? -1 : static_cast<int64_t>(res.body.size());
    if (res.log_detail.empty()) {
      logger.log(level, "request",
                 {{"method", req.method}, {"path", req.path.empty() ? req.target : req.path},
                  {"route", req.route_name()}, {"status", res.status}, {"duration_ms", ms},
                  {"bytes", bytes}, {"request_id", req.request_id}, {"client_ip", req.client_ip}});
    } else {
      logger.log(level, "request",
                 {{"method", req.method}, {"path", req.path.empty() ? req.target : req.path},
                  {"route", req.route_name()}, {"status", res.status}, {"duration_ms", ms},
                  {"bytes", bytes}, {"request_id", req.request_id}, {"client_ip", req.client_ip},
                  {"error", res.log_detail}});
    }
    return res;
  };
}

Middleware error_mapping_middleware() {
  return [](Request& req, const Next& next) {
    try {
      return next(req);
    } catch (const std::exception& e) {
      Response res = error_response(internal_error(std::string("unhandled exception: ") + e.what()));
      return res;
    } catch (...) {
      return error_response(internal_error("unhandled non-standard exception"));
    }
  };
}

}  // namespace sanad::http
