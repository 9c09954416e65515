#pragma once
// The self-registration policy: open, by invitation, or closed. It starts from
// configuration (SANAD_REGISTRATION) and an administrator may change it at run time;
// the change is kept in the `settings` table (migration 0008), so it survives a
// restart and every instance sharing the database sees it at once (each read is
// one primary-key lookup). Thread-safe; the Database must outlive it.

#include <optional>
#include <string_view>

#include "core/status.h"
#include "db/database.h"

namespace sanad::accounts {

enum class RegistrationMode { kOpen, kInvite, kClosed };

// "open" / "invite" / "closed".
const char* registration_mode_name(RegistrationMode mode) noexcept;
// The mode for one of those names; nullopt for anything else.
std::optional<RegistrationMode> parse_registration_mode(std::string_view name);

class RegistrationSettings {
 public:
  // `fallback` applies until an administrator sets a mode.
  RegistrationSettings(db::Database& db, RegistrationMode fallback) : db_(db), fallback_(fallback) {}

  // The current mode: the stored one, else the configured fallback. A stored value
  // that is not a known mode reads as kClosed (fail closed).
  Result<RegistrationMode> mode() const;

  // Stores `mode`; `actor_id` is the administrator who changed it.
  Status set_mode(RegistrationMode mode, std::string_view actor_id);

 private:
  db::Database& db_;
  RegistrationMode fallback_;
};

}  // namespace sanad::accounts
