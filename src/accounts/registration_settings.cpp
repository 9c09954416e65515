#include "accounts/registration_settings.h"

#include <string>

#include "core/clock.h"

namespace sanad::accounts {

namespace {
constexpr std::string_view kRegistrationKey = "registration";
}  // namespace

const char* registration_mode_name(RegistrationMode mode) noexcept {
  switch (mode) {
    case RegistrationMode::kOpen: return "open";
    case RegistrationMode::kInvite: return "invite";
    case RegistrationMode::kClosed: return "closed";
  }
  return "closed";
}

std::optional<RegistrationMode> parse_registration_mode(std::string_view name) {
  if (name == "open") return RegistrationMode::kOpen;
  if (name == "invite") return RegistrationMode::kInvite;
  if (name == "closed") return RegistrationMode::kClosed;
  return std::nullopt;
}

Result<RegistrationMode> RegistrationSettings::mode() const {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query("SELECT value FROM settings WHERE key = ?", {std::string(kRegistrationKey)}));
  if (rows.empty()) return fallback_;
  return parse_registration_mode(rows.front().get_string("value")).value_or(RegistrationMode::kClosed);
}

Status RegistrationSettings::set_mode(RegistrationMode mode, std::string_view actor_id) {
  auto n = db_.exec(
      "INSERT INTO settings (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, "
      "updated_at = excluded.updated_at",
      {std::string(kRegistrationKey), std::string(registration_mode_name(mode)), std::string(actor_id),
       core::now_ms()});
  return n ? Status{} : n.status();
}

}  // namespace sanad::accounts
