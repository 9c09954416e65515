#pragma once
// The middleware every Sanad server runs, one factory per concern. Each returned
// Middleware is thread-safe (it holds only immutable state or references to
// thread-safe services that must outlive it).

#include <string>
#include <vector>

#include "core/config.h"
#include "core/log.h"
#include "http/middleware.h"

namespace sanad::http {

// Accepts an incoming X-Request-Id of 1..128 chars in [A-Za-z0-9._-], else generates
// one; stores it in req.request_id and echoes it in the response.
Middleware request_id_middleware();

// One JSON access-log line per request (info; warn for 5xx): method, path, route,
// status, duration_ms, bytes, request_id, client_ip (and the server-side error detail
// of internal errors).
Middleware access_log_middleware(core::Logger& logger);

// Turns an exception escaping a handler into a generic 500 body (details go to
// Response::log_detail, which the access log records).
Middleware error_mapping_middleware();

// X-Content-Type-Options, X-Frame-Options, Referrer-Policy, a Content-Security-Policy
// (a strict one for API responses, one fit for a same-origin React app otherwise), and
// Strict-Transport-Security when the request came over https.
Middleware security_headers_middleware();

// The CSP sent with non-API responses (the web app).
extern const char* const kAppContentSecurityPolicy;

// Rejects (400) requests whose Host is not in `allowed_hosts` (exact, case-insensitive,
// port ignored; ".example.org" also allows its subdomains). /health/* bypasses.
// An empty list allows every host (development).
Middleware host_allowlist_middleware(std::vector<std::string> allowed_hosts);

// CORS for an allow-list of exact origins ("*" allowed only without credentials).
// Preflight (OPTIONS + Origin + Access-Control-Request-Method) is answered 204 for an
// allowed origin and 403 otherwise; other responses get Access-Control-Allow-Origin for
// allowed origins and always Vary: Origin.
Middleware cors_middleware(std::vector<std::string> origins, bool allow_credentials);

}  // namespace sanad::http
