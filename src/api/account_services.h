#pragma once
// What the account routes and the authentication middleware need, built once by
// `sanad serve` and passed by reference. Every referenced service must outlive the
// router; all of them are thread-safe.

#include <cstdint>
#include <string>

#include "accounts/audit_log.h"
#include "accounts/background_tasks.h"
#include "accounts/group_service.h"
#include "accounts/invitations.h"
#include "accounts/oidc_sign_in.h"
#include "accounts/registration_settings.h"
#include "accounts/user_service.h"
#include "auth/access_token.h"
#include "auth/mailer.h"
#include "auth/rate_limiter.h"
#include "auth/refresh_token_service.h"
#include "auth/reset_token_service.h"
#include "core/log.h"

namespace sanad::api {

struct AccountServices {
  accounts::UserService& users;
  accounts::GroupService& groups;
  accounts::AuditLog& audit;
  const auth::AccessTokenService& access_tokens;
  auth::RefreshTokenService& refresh_tokens;
  auth::ResetTokenService& reset_tokens;
  auth::RateLimiter& limiter;
  auth::Mailer* mailer;       // null when SMTP_URL is unset: reset links are only logged as unsent
  accounts::RegistrationSettings& registration;  // open | invite | closed, changed at run time by admins
  std::string frontend_url;   // base of the link in the reset e-mail
  // Reset mail is issued and sent here, off the request. Its tasks use the services
  // above directly, so those must outlive it (the bundle itself need not).
  accounts::BackgroundTasks& background;
  core::Logger& logger;
  accounts::OidcSignIn* oidc = nullptr;  // null when no OpenID Connect provider is configured
  uint32_t chat_messages_per_minute = 20;  // SANAD_CHAT_RATE_PER_MINUTE; see chat_rate_limit.h
  accounts::Invitations* invitations = nullptr;  // null: registration by invitation is unavailable
};

}  // namespace sanad::api
