#include "api/settings_routes.h"

#include "api/account_json.h"
#include "api/authentication.h"
#include "api/route_options.h"
#include "api/session_support.h"
#include "auth/invitation_mail.h"

namespace sanad::api {

namespace {

http::Response set_registration(AccountServices& s, const http::Request& req) {
  if (auto denied = require_admin(req)) return *denied;
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto name = required_string(*body, "mode");
  if (!name) return http::error_response(name.status());
  auto mode = accounts::parse_registration_mode(*name);
  if (!mode) return http::error_response(400, "invalid_argument", "mode must be open, invite or closed");
  const accounts::User* admin = current_user(req);
  if (Status st = s.registration.set_mode(*mode, admin->id); !st) return service_error(st);
  audit_event(s, req, "settings.registration_changed", admin->id, "registration", {{"mode", *name}});
  return http::Response::json(200, nlohmann::json{{"mode", *name}}.dump());
}

// Mails an invitation link (runs on the background thread; holds the services
// themselves, which outlive the BackgroundTasks).
struct InvitationMailTask {
  auth::Mailer* mailer;
  core::Logger* logger;
  auth::MailMessage mail;
  void operator()() const {
    if (Status st = mailer->send(mail); !st) logger->warn("invitation mail not sent", {{"error", st.to_string()}});
  }
};

http::Response create_invitation(AccountServices& s, const http::Request& req) {
  if (auto denied = require_admin(req)) return *denied;
  if (s.invitations == nullptr) return http::error_response(503, "unavailable", "invitations are not available");
  auto body = parse_object_body(req);
  if (!body) return http::error_response(body.status());
  auto email = required_string(*body, "email");
  auto role = optional_string(*body, "role");
  auto language = optional_string(*body, "language");
  if (!email) return http::error_response(email.status());
  if (!role) return http::error_response(role.status());
  if (!language) return http::error_response(language.status());
  const accounts::User* admin = current_user(req);
  auto issued = s.invitations->create(*email, role->value_or(std::string(accounts::kRoleMember)), admin->id);
  if (!issued) return service_error(issued.status());
  const accounts::Invitation& inv = issued->invitation;
  std::string link = s.frontend_url + "/register?invite=" + issued->token;
  bool mailed = false;
  if (s.mailer != nullptr) {
    auto days = static_cast<int>((inv.expires_at_ms - inv.created_at_ms) / (24LL * 3600 * 1000));
    mailed = s.background.post(
        InvitationMailTask{s.mailer, &s.logger, auth::invitation_mail(inv.email, link, days, language->value_or("fr"))});
  }
  audit_event(s, req, "invitation.created", admin->id, inv.email, {{"role", inv.role}, {"id", inv.id}});
  nlohmann::json out = {{"id", inv.id},           {"email", inv.email}, {"role", inv.role},
                        {"expires_at", inv.expires_at_ms}, {"link", link},     {"mailed", mailed}};
  http::Response r = http::Response::json(201, out.dump());
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_settings_routes(http::Router& router, AccountServices& s) {
  router.add("PUT", "/api/settings/registration", [&s](http::Request& r) { return set_registration(s, r); },
             small_body("settings.registration"));
  router.add("POST", "/api/invitations", [&s](http::Request& r) { return create_invitation(s, r); },
             small_body("invitations.create"));
}

}  // namespace sanad::api
