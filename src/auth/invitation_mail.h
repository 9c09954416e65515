#pragma once
// The invitation e-mail in French, English or Arabic. Pure function; thread-safe.

#include <string>
#include <string_view>

#include "auth/mailer.h"

namespace sanad::auth {

// `link` is the full registration URL with the invitation token, valid `days` days.
// `language` is "fr", "en" or "ar"; anything else gets French.
MailMessage invitation_mail(std::string to, std::string_view link, int days, std::string_view language);

}  // namespace sanad::auth
