#include "api/user_routes.h"

#include <chrono>

#include "api/account_json.h"
#include "api/authentication.h"
#include "api/route_options.h"
#include "http/response.h"

namespace sanad::api {

namespace {

http::Response me(const http::Request& req) {
  const accounts::User* user = current_user(req);
  if (user == nullptr) return http::error_response(401, "unauthenticated", "sign in first");
  return http::Response::json(200, user_to_json(*user).dump());
}

http::Response change_password(AccountServices& s, const http::Request& req) {
  const accounts::User* user = current_user(req);
  if (user == nullptr) return http::error_response(401, "unauthenticated", "sign in first");
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto current = required_string(*body, "current_password");
  auto next = required_string(*body, "new_password");
  if (!current) return http::error_response(current.status());
  if (!next) return http::error_response(next.status());
  auto decision = s.limiter.hit("password_change:" + user->id, 5, std::chrono::minutes(15));
  if (!decision) return service_error(decision.status());
  if (!decision->allowed) return rate_limited(*decision);
  if (Status st = s.users.check_new_password(*next); !st) return http::error_response(st);
  auto verified = s.users.verify_password(user->email, *current);
  if (!verified) {
    if (verified.status().code() == ErrorCode::kUnauthenticated) {
      return http::error_response(403, "permission_denied", "the current password is wrong");
    }
    return service_error(verified.status());
  }
  // Ends every session, this one's refresh token included; the caller gets a new one.
  if (Status st = s.users.change_password(user->id, *next); !st) return service_error(st);
  accounts::AuditEvent e;
  e.event = "auth.password_changed";
  e.actor_id = user->id;
  e.target = user->id;
  e.ip = req.client_ip;
  if (Status st = s.audit.record(std::move(e)); !st) s.logger.warn("audit log write failed", {{"error", st.to_string()}});
  auto access = s.access_tokens.issue(user->id);
  auto refresh = s.refresh_tokens.issue(user->id);
  if (!access) return http::error_response(access.status());
  if (!refresh) return http::error_response(refresh.status());
  nlohmann::json out = {{"access_token", access->token},
                        {"token_type", "Bearer"},
                        {"expires_in", access->expires_in},
                        {"refresh_token", refresh->token},
                        {"user", user_to_json(*user)}};
  http::Response r = http::Response::json(200, out.dump());
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response list_users(AccountServices& s, const http::Request& req) {
  if (auto denied = require_admin(req)) return *denied;
  auto users = s.users.list();
  if (!users) return http::error_response(users.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : *users) items.push_back(user_to_json(u));
  return http::Response::json(200, nlohmann::json{{"users", items}}.dump());
}

http::Response create_user(AccountServices& s, const http::Request& req) {
  if (auto denied = require_admin(req)) return *denied;
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto email = required_string(*body, "email");
  auto password = required_string(*body, "password");
  auto name = optional_string(*body, "name");
  auto role = optional_string(*body, "role");
  for (const Status& st : {email.status(), password.status(), name.status(), role.status()}) {
    if (!st) return http::error_response(st);
  }
  accounts::NewUser n;
  n.email = std::move(*email);
  n.password = std::move(*password);
  n.name = name->value_or("");
  n.role = role->value_or(std::string(accounts::kRoleMember));
  auto user = s.users.create(n);
  if (!user) return service_error(user.status());
  accounts::AuditEvent e;
  e.event = "user.created";
  e.actor_id = current_user(req)->id;
  e.target = user->id;
  e.ip = req.client_ip;
  e.detail = {{"role", user->role}};
  if (Status st = s.audit.record(std::move(e)); !st) s.logger.warn("audit log write failed", {{"error", st.to_string()}});
  return http::Response::json(201, user_to_json(*user).dump());
}

}  // namespace

void add_user_routes(http::Router& router, AccountServices& s) {
  router.add("GET", "/api/me", [](http::Request& r) { return me(r); }, pooled("me.get"));
  router.add("POST", "/api/me/password", [&s](http::Request& r) { return change_password(s, r); },
             pooled("me.password"));
  router.add("GET", "/api/users", [&s](http::Request& r) { return list_users(s, r); }, pooled("users.list"));
  router.add("POST", "/api/users", [&s](http::Request& r) { return create_user(s, r); }, pooled("users.create"));
}

}  // namespace sanad::api
