#include "api/auth_routes.h"

#include <chrono>

#include "api/account_json.h"
#include "api/route_options.h"
#include "api/session_support.h"
#include "auth/password_reset_mail.h"
#include "core/clock.h"
#include "core/strings.h"
#include "http/response.h"

namespace sanad::api {

namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr Limit kLoginPerAccount{"login:account:", 5, minutes(15)};
constexpr Limit kLoginPerIp{"login:ip:", 30, minutes(15)};
constexpr Limit kRegisterPerIp{"register:ip:", 10, hours(1)};
constexpr Limit kForgotPerIp{"forgot:ip:", 5, minutes(15)};
constexpr Limit kResetPerIp{"reset:ip:", 10, minutes(15)};

// Self-registration: `open` lets anyone register as a member; `invite` needs an
// invitation token for the same address (the invitation's role applies); `closed`
// refuses everyone. A token is also honoured in `open` mode.
http::Response register_account(AccountServices& s, http::Request& req) {
  auto mode = s.registration.mode();
  if (!mode) return service_error(mode.status());
  if (*mode == accounts::RegistrationMode::kClosed) {
    return http::error_response(403, "permission_denied", "registration is closed");
  }
  if (auto limited = check_limit(s.limiter, kRegisterPerIp, req.client_ip)) return *limited;
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  accounts::NewUser n;
  auto email = required_string(*body, "email");
  auto password = required_string(*body, "password");
  auto name = optional_string(*body, "name");
  auto token = optional_string(*body, "invite_token");
  if (!email) return http::error_response(email.status());
  if (!password) return http::error_response(password.status());
  if (!name) return http::error_response(name.status());
  if (!token) return http::error_response(token.status());
  n.email = std::move(*email);
  n.password = std::move(*password);
  n.name = name->value_or("");
  n.role = std::string(accounts::kRoleMember);
  const std::string invite = token->value_or("");
  if (invite.empty() && *mode == accounts::RegistrationMode::kInvite) {
    return http::error_response(403, "permission_denied",
                                "registration is by invitation; ask an administrator for an account");
  }
  if (!invite.empty()) {
    if (s.invitations == nullptr) return http::error_response(400, "invalid_token", "invitations are not available");
    auto invitation = s.invitations->check(invite);
    if (!invitation) return service_error(invitation.status());
    if (!invitation->has_value()) {
      return http::error_response(400, "invalid_token", "the invitation is invalid, expired or already used");
    }
    if ((*invitation)->email != core::ascii_lower(core::trim(n.email))) {
      return http::error_response(403, "permission_denied", "this invitation is for another e-mail address");
    }
    // Refuse a weak password before spending the single-use invitation.
    if (Status st = s.users.check_new_password(n.password); !st) return http::error_response(st);
    auto claimed = s.invitations->claim(invite);
    if (!claimed) return service_error(claimed.status());
    if (!*claimed) return http::error_response(400, "invalid_token", "the invitation is invalid, expired or already used");
    n.role = (*invitation)->role;
  }
  auto user = s.users.create(n);
  if (!user) {
    if (!invite.empty()) (void)s.invitations->release(invite);
    return service_error(user.status());
  }
  audit_event(s, req, "user.registered", user->id, user->id,
              {{"method", invite.empty() ? "open" : "invitation"}, {"role", user->role}});
  if (Status st = s.users.record_sign_in(user->id, core::now_ms()); !st) return http::error_response(st);
  return session_response(s, *user, 201);
}

http::Response login(AccountServices& s, http::Request& req) {
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto email = required_string(*body, "email");
  auto password = required_string(*body, "password");
  if (!email) return http::error_response(email.status());
  if (!password) return http::error_response(password.status());
  std::string account = core::ascii_lower(core::trim(*email));
  if (auto limited = check_limit(s.limiter, kLoginPerIp, req.client_ip)) {
    audit_event(s, req, "auth.login_blocked", "", account, {{"limit", "ip"}});
    return *limited;
  }
  if (auto limited = check_limit(s.limiter, kLoginPerAccount, account)) {
    audit_event(s, req, "auth.login_blocked", "", account, {{"limit", "account"}});
    return *limited;
  }
  auto user = s.users.verify_password(account, *password);
  if (!user) {
    if (user.status().code() == ErrorCode::kUnauthenticated) {
      audit_event(s, req, "auth.login_failed", "", account);
      return http::error_response(401, "unauthenticated", "wrong e-mail or password");
    }
    return service_error(user.status());
  }
  // A successful sign-in forgives the account's earlier failures.
  (void)s.limiter.reset(std::string(kLoginPerAccount.prefix) + account);
  if (Status st = s.users.record_sign_in(user->id, core::now_ms()); !st) return http::error_response(st);
  audit_event(s, req, "auth.login", user->id, user->id, {{"method", "password"}});
  return session_response(s, *user, 200);
}

http::Response refresh(AccountServices& s, http::Request& req) {
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto token = required_string(*body, "refresh_token");
  if (!token) return http::error_response(token.status());
  auto rotated = s.refresh_tokens.rotate(*token);
  if (!rotated) {
    if (rotated.status().code() == ErrorCode::kUnauthenticated) {
      return http::error_response(401, "unauthenticated", "the session has ended; sign in again");
    }
    return http::error_response(rotated.status());
  }
  auto user = s.users.get(rotated->user_id);
  if (!user || !user->active) {
    (void)s.refresh_tokens.revoke(rotated->token);
    if (!user && user.status().code() != ErrorCode::kNotFound) return http::error_response(user.status());
    return http::error_response(401, "unauthenticated", "the session has ended; sign in again");
  }
  return session_response(s, *user, 200, rotated->token);
}

http::Response logout(AccountServices& s, http::Request& req) {
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto token = optional_string(*body, "refresh_token");
  if (!token) return http::error_response(token.status());
  if (*token && !(*token)->empty()) {
    if (Status st = s.refresh_tokens.revoke(**token); !st) return http::error_response(st);
  }
  return http::Response::no_content();
}

std::string mail_language(const http::Request& req) {
  std::string lang = core::ascii_lower(core::trim(req.header("Accept-Language")).substr(0, 2));
  return lang == "en" || lang == "ar" ? lang : "fr";
}

// What the background reset task needs. It holds the services themselves, not the
// AccountServices bundle, because the bundle may be gone while the queue drains at
// shutdown; the services outlive the BackgroundTasks (see server_app.cpp).
struct ResetMailTask {
  accounts::AuditLog* audit;
  auth::ResetTokenService* reset_tokens;
  auth::Mailer* mailer;
  core::Logger* logger;
  std::string frontend_url;
  accounts::User user;
  std::string language;
  std::string ip;

  // Issues a reset token and mails the link (runs on the background thread).
  void operator()() const {
    accounts::AuditEvent e;
    e.event = "auth.password_reset_requested";
    e.target = user.id;
    e.ip = ip;
    if (Status st = audit->record(std::move(e)); !st) logger->warn("audit log write failed", {{"error", st.to_string()}});
    if (mailer == nullptr) {
      logger->warn("password reset requested but SMTP_URL is not set: no mail sent", {{"user_id", user.id}});
      return;
    }
    auto issued = reset_tokens->issue(user.id);
    if (!issued) {
      logger->warn("password reset token", {{"error", issued.status().to_string()}});
      return;
    }
    std::string link = frontend_url + "/reset?token=" + issued->token;
    auto minutes_valid = static_cast<int>(auth::ResetTokenService::kDefaultLifetime.count());
    if (Status st = mailer->send(auth::password_reset_mail(user.email, link, minutes_valid, language)); !st) {
      logger->warn("password reset mail not sent", {{"error", st.to_string()}, {"user_id", user.id}});
    }
  }
};

http::Response forgot_password(AccountServices& s, http::Request& req) {
  if (auto limited = check_limit(s.limiter, kForgotPerIp, req.client_ip)) return *limited;
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto email = required_string(*body, "email");
  if (!email) return http::error_response(email.status());
  const http::Response accepted = http::Response::json(202, R"({"status":"accepted"})");
  auto user = s.users.find_by_email(*email);
  if (!user) {
    s.logger.warn("password reset lookup failed", {{"error", user.status().to_string()}});
    return accepted;
  }
  if (!user->has_value() || !(*user)->active) return accepted;
  // Everything that only happens for an existing account (token row, audit row,
  // SMTP exchange) runs in the background, so the answer's timing is the same.
  bool queued = s.background.post(ResetMailTask{&s.audit, &s.reset_tokens, s.mailer, &s.logger, s.frontend_url,
                                                **user, mail_language(req), req.client_ip});
  if (!queued) s.logger.warn("password reset dropped: background queue full", {{"user_id", (*user)->id}});
  return accepted;
}

http::Response reset_password(AccountServices& s, http::Request& req) {
  if (auto limited = check_limit(s.limiter, kResetPerIp, req.client_ip)) return *limited;
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto token = required_string(*body, "token");
  auto password = required_string(*body, "password");
  if (!token) return http::error_response(token.status());
  if (!password) return http::error_response(password.status());
  // Refuse a weak password before spending the single-use token.
  if (Status st = s.users.check_new_password(*password); !st) return http::error_response(st);
  auto user_id = s.reset_tokens.consume(*token);
  if (!user_id) {
    if (user_id.status().code() == ErrorCode::kUnauthenticated) {
      return http::error_response(400, "invalid_token", "the reset link is invalid, expired or already used");
    }
    return http::error_response(user_id.status());
  }
  if (Status st = s.users.change_password(*user_id, *password); !st) return service_error(st);
  audit_event(s, req, "auth.password_reset", *user_id, *user_id);
  return http::Response::no_content();
}

http::Response providers(const AccountServices& s) {
  auto mode = s.registration.mode();
  if (!mode) return service_error(mode.status());
  nlohmann::json oidc = nlohmann::json::array();
  if (s.oidc != nullptr) {
    for (const auto& p : s.oidc->providers()) oidc.push_back({{"id", p.id}, {"name", p.name}});
  }
  nlohmann::json body = {
      {"password", true}, {"registration", accounts::registration_mode_name(*mode)}, {"oidc", std::move(oidc)}};
  return http::Response::json(200, body.dump());
}

}  // namespace

void add_auth_routes(http::Router& router, AccountServices& s) {
  router.add("POST", "/api/auth/register", [&s](http::Request& r) { return register_account(s, r); },
             small_body("auth.register"));
  router.add("POST", "/api/auth/login", [&s](http::Request& r) { return login(s, r); }, small_body("auth.login"));
  router.add("POST", "/api/auth/refresh", [&s](http::Request& r) { return refresh(s, r); }, small_body("auth.refresh"));
  router.add("POST", "/api/auth/logout", [&s](http::Request& r) { return logout(s, r); }, small_body("auth.logout"));
  router.add("POST", "/api/auth/password/forgot", [&s](http::Request& r) { return forgot_password(s, r); },
             small_body("auth.password_forgot"));
  router.add("POST", "/api/auth/password/reset", [&s](http::Request& r) { return reset_password(s, r); },
             small_body("auth.password_reset"));
  router.add("GET", "/api/auth/providers", [&s](http::Request&) { return providers(s); },
             pooled("auth.providers"));
}

}  // namespace sanad::api
