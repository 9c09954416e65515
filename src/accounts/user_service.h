#pragma once
// Accounts on the `users` table: creation under the password policy with Argon2id
// hashing, lookup by e-mail (case-insensitive), password sign-in that costs the
// same for unknown accounts, password change and disabling (both end every session
// through RefreshTokenService::revoke_user), and the last sign-in time.
// Thread-safe; the Database, hasher, policy and refresh service must outlive it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/password_hasher.h"
#include "auth/password_policy.h"
#include "auth/refresh_token_service.h"
#include "core/status.h"
#include "db/database.h"

namespace sanad::accounts {

// Roles, in decreasing power.
inline constexpr std::string_view kRoleAdmin = "admin";
inline constexpr std::string_view kRoleEditor = "editor";
inline constexpr std::string_view kRoleMember = "member";

struct User {
  std::string id;
  std::string email;  // as given at creation
  std::string name;
  std::string role;   // admin | editor | member
  bool active = true;
  int64_t created_at_ms = 0;
  std::optional<int64_t> last_login_at_ms;
};

struct NewUser {
  std::string email;
  std::string password;
  std::string name;
  std::string role = std::string(kRoleMember);
};

// True for a plausible address: one '@', non-empty local part and domain with a
// dot, no spaces or control characters, at most 254 bytes.
bool valid_email(std::string_view email);

class UserService {
 public:
  UserService(db::Database& db, const auth::PasswordHasher& hasher, const auth::PasswordPolicy& policy,
              auth::RefreshTokenService& sessions)
      : db_(db), hasher_(hasher), policy_(policy), sessions_(sessions) {}

  // Creates an account. kInvalidArgument for a malformed e-mail, an unknown role or
  // a password the policy refuses; kAlreadyExists when the e-mail is taken (in any
  // case); kResourceExhausted when the hashing cap is reached.
  Result<User> create(const NewUser& user);

  // Creates an account without a password, for someone who signs in through an
  // OpenID Connect provider only (`password` is ignored). Same checks as create()
  // apart from the password policy; no hashing.
  Result<User> create_external(const NewUser& user);

  // The account with this id; kNotFound otherwise.
  Result<User> get(std::string_view id);
  // The account with this e-mail (compared case-insensitively), or nullopt.
  Result<std::optional<User>> find_by_email(std::string_view email);
  // Every account, oldest first.
  Result<std::vector<User>> list();

  // Password sign-in. The account when the password matches and the account is
  // active; kUnauthenticated otherwise (unknown e-mail, no password, wrong password,
  // disabled), the work spent being the same; kResourceExhausted when the hashing
  // cap is reached. Does not record the sign-in (see record_sign_in).
  Result<User> verify_password(std::string_view email, std::string_view password);

  // The policy's verdict on a new password (kInvalidArgument with a message fit to
  // show), without hashing: lets a caller refuse before spending a single-use token.
  Status check_new_password(std::string_view password) const { return policy_.check(password); }

  // Sets a new password (policy checked, hashed) and ends every session.
  Status change_password(std::string_view user_id, std::string_view new_password);

  // Enables or disables an account; disabling ends every session.
  Status set_active(std::string_view user_id, bool active);

  // Stores `now_ms` as the last sign-in time.
  Status record_sign_in(std::string_view user_id, int64_t now_ms);

 private:
  static Status check_new_user(const NewUser& input, const std::string& email);
  Result<User> insert(const NewUser& input, const std::string& email, const db::Value& password_hash);

  db::Database& db_;
  const auth::PasswordHasher& hasher_;
  const auth::PasswordPolicy& policy_;
  auth::RefreshTokenService& sessions_;
};

}  // namespace sanad::accounts
