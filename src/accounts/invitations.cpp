#include "accounts/invitations.h"

#include "accounts/user_service.h"
#include "auth/secrets.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/strings.h"

namespace sanad::accounts {

Result<IssuedInvitation> Invitations::create(std::string_view email, std::string_view role,
                                             std::string_view created_by) {
  std::string address = core::ascii_lower(core::trim(email));
  if (!valid_email(address)) return invalid_argument("the e-mail address is not valid");
  if (role != kRoleAdmin && role != kRoleEditor && role != kRoleMember) {
    return invalid_argument("role must be admin, editor or member");
  }
  IssuedInvitation issued;
  issued.token = auth::random_token();
  Invitation& inv = issued.invitation;
  inv.id = core::new_id();
  inv.email = address;
  inv.role = std::string(role);
  inv.created_at_ms = core::now_ms();
  inv.expires_at_ms = inv.created_at_ms + lifetime_.count();
  db::Value creator = db::kNull;
  if (!created_by.empty()) creator = std::string(created_by);
  SANAD_ASSIGN_OR_RETURN(
      int64_t n, db_.exec("INSERT INTO invitations (token_hash, id, email_normalized, role, created_by, expires_at, "
                          "used_at, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
                          {auth::sha256_hex(issued.token), inv.id, inv.email, inv.role, creator, inv.expires_at_ms,
                           inv.created_at_ms}));
  (void)n;
  return issued;
}

Result<std::optional<Invitation>> Invitations::check(std::string_view token) {
  if (token.empty() || token.size() > 128) return std::optional<Invitation>{};
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query("SELECT id, email_normalized, role, expires_at, created_at FROM invitations "
                                   "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                                   {auth::sha256_hex(token), core::now_ms()}));
  if (rows.empty()) return std::optional<Invitation>{};
  const db::Row& row = rows.front();
  Invitation inv;
  inv.id = row.get_string("id");
  inv.email = row.get_string("email_normalized");
  inv.role = row.get_string("role");
  inv.expires_at_ms = row.get_int("expires_at");
  inv.created_at_ms = row.get_int("created_at");
  return std::optional<Invitation>(std::move(inv));
}

Result<bool> Invitations::claim(std::string_view token) {
  int64_t now = core::now_ms();
  SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("UPDATE invitations SET used_at = ? "
                                             "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
                                             {now, auth::sha256_hex(token), now}));
  return n == 1;
}

Status Invitations::release(std::string_view token) {
  auto n = db_.exec("UPDATE invitations SET used_at = NULL WHERE token_hash = ?", {auth::sha256_hex(token)});
  return n ? Status{} : n.status();
}

Result<size_t> Invitations::delete_expired(int64_t now_ms) {
  SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("DELETE FROM invitations WHERE expires_at <= ?", {now_ms}));
  return static_cast<size_t>(n);
}

}  // namespace sanad::accounts
