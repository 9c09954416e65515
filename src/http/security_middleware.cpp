// Security headers, Host allow-list and CORS.
#include "core/strings.h"
#include "http/standard_middleware.h"

namespace sanad::http {

const char* const kAppContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

namespace {

constexpr const char* kApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && core::iequals(s.substr(0, prefix.size()), prefix);
}

bool is_api_path(std::string_view path) {
  return starts_with_ci(path, "/api/") || core::iequals(path, "/api") || starts_with_ci(path, "/v1/") ||
         starts_with_ci(path, "/health") || core::iequals(path, "/metrics");
}

}  // namespace

Middleware security_headers_middleware() {
  return [](Request& req, const Next& next) {
    Response res = next(req);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
    if (res.header("Content-Security-Policy").empty()) {
      res.set_header("Content-Security-Policy",
                     is_api_path(req.path) ? kApiContentSecurityPolicy : kAppContentSecurityPolicy);
    }
    if (req.secure) res.set_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    return res;
  };
}

Middleware host_allowlist_middleware(std::vector<std::string> allowed_hosts) {
  for (auto& h : allowed_hosts) h = normalize_host(core::trim(h));
  return [allowed = std::move(allowed_hosts)](Request& req, const Next& next) {
    if (allowed.empty() || starts_with_ci(req.path, "/health/")) return next(req);
    std::string host = normalize_host(req.host);
    for (const auto& a : allowed) {
      if (host == a) return next(req);
      if (a.size() > 1 && a.front() == '.' && host.size() > a.size() &&
          host.compare(host.size() - a.size(), a.size(), a) == 0) {
        return next(req);
      }
    }
    return error_response(400, "invalid_argument", "host not allowed");
  };
}

Middleware cors_middleware(std::vector<std::string> origins, bool allow_credentials) {
  bool wildcard = false;
  std::vector<std::string> exact;
  for (auto& o : origins) {
    std::string_view t = core::trim(o);
    while (!t.empty() && t.back() == '/') t.remove_suffix(1);
    if (t == "*") {
      wildcard = !allow_credentials;  // "*" with credentials is refused (and flagged in production)
    } else if (!t.empty()) {
      exact.push_back(core::ascii_lower(t));
    }
  }
  return [exact = std::move(exact), wildcard, allow_credentials](Request& req, const Next& next) {
    std::string_view origin = req.header("Origin");
    bool allowed = false;
    if (!origin.empty()) {
      std::string lower = core::ascii_lower(origin);
      for (const auto& e : exact) allowed = allowed || e == lower;
      allowed = allowed || wildcard;
    }
    auto decorate = [&](Response& res) {
      res.append_token("Vary", "Origin");
      if (!allowed) return;
      if (wildcard && !allow_credentials) {
        res.set_header("Access-Control-Allow-Origin", "*");
      } else {
        res.set_header("Access-Control-Allow-Origin", std::string(origin));
      }
      if (allow_credentials) res.set_header("Access-Control-Allow-Credentials", "true");
    };
    if (req.method == "OPTIONS" && !origin.empty() && req.has_header("Access-Control-Request-Method")) {
      if (!allowed) {
        Response res = error_response(403, "permission_denied", "origin not allowed");
        res.append_token("Vary", "Origin");
        return res;
      }
      Response res = Response::no_content();
      decorate(res);
      res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      res.set_header("Access-Control-Allow-Headers",
                     "Authorization, Content-Type, Accept, Accept-Language, X-Request-Id, Last-Event-ID");
      res.set_header("Access-Control-Max-Age", "600");
      res.append_token("Vary", "Access-Control-Request-Method");
      res.append_token("Vary", "Access-Control-Request-Headers");
      return res;
    }
    Response res = next(req);
    decorate(res);
    if (allowed) res.set_header("Access-Control-Expose-Headers", "X-Request-Id");
    return res;
  };
}

}  // namespace sanad::http
