#include "api/oidc_routes.h"

#include <chrono>
#include <memory>

#include "api/account_json.h"
#include "api/route_options.h"
#include "api/session_support.h"
#include "auth/oidc_request.h"
#include "core/clock.h"

namespace sanad::api {

namespace {

constexpr Limit kOidcPerIp{"oidc:ip:", 60, std::chrono::minutes(15)};

// A local path to land on after sign-in: "/…", not "//…" or "/\…" (which browsers
// read as another host), printable ASCII, no fragment. "" when `next` is not one.
std::string local_path(const std::string& next) {
  if (next.empty() || next.size() > 512 || next[0] != '/') return "";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "";
  for (unsigned char c : next) {
    if (c <= 0x20 || c >= 0x7f || c == '#' || c == '\\') return "";
  }
  return next;
}

std::string callback_url(const OidcRouteServices& oidc, const http::Request& req, std::string_view provider) {
  std::string base = oidc.public_url;
  if (base.empty()) base = std::string(req.secure ? "https" : "http") + "://" + std::string(req.header("Host"));
  return base + "/api/auth/oidc/" + auth::url_encode(provider) + "/callback";
}

http::Response redirect(std::string location) {
  http::Response r = http::Response::text(302, "");
  r.set_header("Location", std::move(location));
  r.set_header("Cache-Control", "no-store");
  r.set_header("Referrer-Policy", "no-referrer");
  return r;
}

http::Response start(AccountServices& s, OidcRouteServices& oidc, http::Request& req) {
  std::string provider(req.param("provider"));
  if (!oidc.sign_in.has_provider(provider)) {
    return http::error_response(404, "not_found", "no such sign-in provider");
  }
  if (auto limited = check_limit(s.limiter, kOidcPerIp, req.client_ip)) return *limited;
  std::string next = local_path(req.query_param("next").value_or(""));
  auto url = oidc.sign_in.start(provider, callback_url(oidc, req, provider), next);
  if (!url) return service_error(url.status());
  return redirect(std::move(*url));
}

http::Response callback(AccountServices& s, OidcRouteServices& oidc, http::Request& req) {
  std::string provider(req.param("provider"));
  std::string state = req.query_param("state").value_or("");
  // A provider-side refusal (?error=access_denied) still spends the state: finish()
  // takes it and then fails on the missing code.
  std::string code = req.query_param("error") ? "" : req.query_param("code").value_or("");
  accounts::OidcOutcome outcome = oidc.sign_in.finish(provider, state, code, callback_url(oidc, req, provider));
  if (outcome.failure != accounts::OidcFailure::kNone) {
    std::string reason = accounts::oidc_failure_name(outcome.failure);
    if (outcome.failure == accounts::OidcFailure::kUnavailable) {
      s.logger.warn("oidc sign-in failed", {{"provider", provider}, {"error", outcome.detail}});
    }
    audit_event(s, req, "auth.oidc_failed", "", outcome.subject,
                {{"provider", provider}, {"reason", reason}, {"detail", outcome.detail}});
    return redirect(s.frontend_url + "/#oidc_error=" + reason);
  }
  const accounts::User& user = *outcome.user;
  if (outcome.created) audit_event(s, req, "user.registered", user.id, user.id, {{"method", "oidc"}});
  if (Status st = s.users.record_sign_in(user.id, core::now_ms()); !st) return http::error_response(st);
  audit_event(s, req, "auth.login", user.id, user.id,
              {{"method", "oidc"}, {"provider", provider}, {"linked", outcome.linked}});
  auto code_issued = oidc.codes.issue(user.id, provider);
  if (!code_issued) return http::error_response(code_issued.status());
  std::string landing = outcome.redirect_after.empty() ? "/" : outcome.redirect_after;
  return redirect(s.frontend_url + landing + "#oidc_code=" + *code_issued);
}

http::Response exchange(AccountServices& s, OidcRouteServices& oidc, http::Request& req) {
  if (auto limited = check_limit(s.limiter, kOidcPerIp, req.client_ip)) return *limited;
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto code = required_string(*body, "code");
  if (!code) return http::error_response(code.status());
  auto user_id = oidc.codes.redeem(*code);
  if (!user_id) return http::error_response(user_id.status());
  const auto invalid = [] {
    return http::error_response(401, "unauthenticated", "the sign-in code is invalid, expired or already used");
  };
  if (!user_id->has_value()) return invalid();
  auto user = s.users.get(**user_id);
  if (!user) {
    if (user.status().code() == ErrorCode::kNotFound) return invalid();
    return http::error_response(user.status());
  }
  if (!user->active) return invalid();
  return session_response(s, *user, 200);
}

}  // namespace

void add_oidc_routes(http::Router& router, AccountServices& s, OidcRouteServices oidc_services) {
  // Owned by the handlers; the references inside point at services that outlive the router.
  auto oidc = std::make_shared<OidcRouteServices>(std::move(oidc_services));
  router.add("GET", "/api/auth/oidc/{provider}/start", [&s, oidc](http::Request& r) { return start(s, *oidc, r); },
             pooled("auth.oidc_start"));
  router.add("GET", "/api/auth/oidc/{provider}/callback",
             [&s, oidc](http::Request& r) { return callback(s, *oidc, r); }, pooled("auth.oidc_callback"));
  router.add("POST", "/api/auth/oidc/exchange", [&s, oidc](http::Request& r) { return exchange(s, *oidc, r); },
             small_body("auth.oidc_exchange"));
}

}  // namespace sanad::api
