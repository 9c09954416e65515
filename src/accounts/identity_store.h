#pragma once
// External identities (OpenID Connect) linked to local accounts, on the
// `user_identities` table (migration 0003): one row per (issuer, subject), the key
// under which a provider's user is known. The e-mail is kept for the record only;
// lookups never go by e-mail. Thread-safe; the Database must outlive it.

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "db/database.h"

namespace sanad::accounts {

class IdentityStore {
 public:
  explicit IdentityStore(db::Database& db) : db_(db) {}

  // The local user id linked to (issuer, subject), or nullopt.
  Result<std::optional<std::string>> find_user(std::string_view issuer, std::string_view subject);

  // Links (issuer, subject) to `user_id`. kAlreadyExists when that identity is
  // already linked (to anyone).
  Status link(std::string_view issuer, std::string_view subject, std::string_view user_id, std::string_view email);

 private:
  db::Database& db_;
};

}  // namespace sanad::accounts
