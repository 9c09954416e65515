#pragma once
// The password-reset e-mail in French, English or Arabic. Pure function; thread-safe.

#include <string>
#include <string_view>

#include "auth/mailer.h"

namespace sanad::auth {

// `link` is the full reset URL (FRONTEND_URL + path + token) and `minutes` its
// validity. `language` is "fr", "en" or "ar"; anything else gets French.
MailMessage password_reset_mail(std::string to, std::string_view link, int minutes, std::string_view language);

}  // namespace sanad::auth
