#pragma once
// Invitations: an administrator invites one e-mail address with a role; the invitee
// registers with the single-use token (also when registration is `invite`). Tokens
// are 256 random bits, stored as SHA-256 only (`invitations`, migration 0008), valid
// 7 days by default. Redemption is two steps so a refused registration (weak
// password, taken address) does not burn the invitation: check() validates,
// claim() is one conditional UPDATE (one winner across instances), release()
// undoes a claim whose account could not be created. Thread-safe; the Database must
// outlive it.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "db/database.h"

namespace sanad::accounts {

struct Invitation {
  std::string id;
  std::string email;  // lower-cased
  std::string role;
  int64_t expires_at_ms = 0;
  int64_t created_at_ms = 0;
};

struct IssuedInvitation {
  Invitation invitation;
  std::string token;  // secret: goes into the link only
};

class Invitations {
 public:
  static constexpr std::chrono::milliseconds kDefaultLifetime{7LL * 24 * 3600 * 1000};

  explicit Invitations(db::Database& db, std::chrono::milliseconds lifetime = kDefaultLifetime)
      : db_(db), lifetime_(lifetime) {}

  // A new invitation. kInvalidArgument for a malformed e-mail or unknown role.
  Result<IssuedInvitation> create(std::string_view email, std::string_view role, std::string_view created_by);

  // The unexpired, unclaimed invitation for `token`, or nullopt.
  Result<std::optional<Invitation>> check(std::string_view token);

  // Claims the invitation; false when it was claimed meanwhile or has expired.
  Result<bool> claim(std::string_view token);

  // Makes a claimed invitation usable again (the account could not be created).
  Status release(std::string_view token);

  // Removes expired, unclaimed invitations and claimed ones older than their expiry.
  Result<size_t> delete_expired(int64_t now_ms);

 private:
  db::Database& db_;
  std::chrono::milliseconds lifetime_;
};

}  // namespace sanad::accounts
