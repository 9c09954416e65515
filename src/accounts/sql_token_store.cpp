#include "accounts/sql_token_store.h"

#include "auth/secrets.h"

namespace sanad::accounts {

namespace {

db::Value opt_value(const std::optional<int64_t>& v) {
  if (v) return *v;
  return db::kNull;
}

}  // namespace

Status SqlTokenStore::create(const auth::RefreshTokenRecord& r) {
  auto n = db_.exec(
      "INSERT INTO refresh_tokens (hash, user_id, family_id, expires_at, used_at, revoked_at, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {r.token_hash, r.user_id, r.family_id, r.expires_at_ms, opt_value(r.used_at_ms), opt_value(r.revoked_at_ms),
       r.created_at_ms});
  return n ? Status{} : n.status();
}

Result<std::optional<auth::RefreshTokenRecord>> SqlTokenStore::find_by_hash(std::string_view token_hash) {
  SANAD_ASSIGN_OR_RETURN(
      db::Rows rows,
      db_.query("SELECT hash, user_id, family_id, expires_at, used_at, revoked_at, created_at FROM refresh_tokens "
                "WHERE hash = ?",
                {std::string(token_hash)}));
  if (rows.empty()) return std::optional<auth::RefreshTokenRecord>{};
  const db::Row& row = rows.front();
  auth::RefreshTokenRecord r;
  r.token_hash = row.get_string("hash");
  r.user_id = row.get_string("user_id");
  r.family_id = row.get_string("family_id");
  r.expires_at_ms = row.get_int("expires_at");
  r.used_at_ms = row.opt_int("used_at");
  r.revoked_at_ms = row.opt_int("revoked_at");
  r.created_at_ms = row.get_int("created_at");
  return std::optional<auth::RefreshTokenRecord>(std::move(r));
}

Result<bool> SqlTokenStore::mark_used(std::string_view token_hash, int64_t now_ms) {
  SANAD_ASSIGN_OR_RETURN(
      int64_t n, db_.exec("UPDATE refresh_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL AND revoked_at IS NULL",
                          {now_ms, std::string(token_hash)}));
  return n == 1;
}

Status SqlTokenStore::revoke_family(std::string_view family_id, int64_t now_ms) {
  auto n = db_.exec("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                    {now_ms, std::string(family_id)});
  return n ? Status{} : n.status();
}

Status SqlTokenStore::revoke_user(std::string_view user_id, int64_t now_ms) {
  auto n = db_.exec("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                    {now_ms, std::string(user_id)});
  return n ? Status{} : n.status();
}

Result<size_t> SqlTokenStore::delete_expired(int64_t now_ms) {
  SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("DELETE FROM refresh_tokens WHERE expires_at < ?", {now_ms}));
  return static_cast<size_t>(n);
}

Status SqlResetTokenStore::create(const auth::ResetTokenRecord& r) {
  auto n = db_.exec(
      "INSERT INTO password_reset_tokens (hash, user_id, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, ?)",
      {r.token_hash, r.user_id, r.expires_at_ms, opt_value(r.used_at_ms), r.created_at_ms});
  return n ? Status{} : n.status();
}

Result<std::optional<std::string>> SqlResetTokenStore::consume(std::string_view token_hash, int64_t now_ms) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query("UPDATE password_reset_tokens SET used_at = ? "
                                   "WHERE hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id",
                                   {now_ms, std::string(token_hash), now_ms}));
  if (rows.empty()) return std::optional<std::string>{};
  return std::optional<std::string>(rows.front().get_string("user_id"));
}

Status SqlResetTokenStore::invalidate_user(std::string_view user_id, int64_t now_ms) {
  auto n = db_.exec("UPDATE password_reset_tokens SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                    {now_ms, std::string(user_id)});
  return n ? Status{} : n.status();
}

Result<size_t> SqlResetTokenStore::delete_expired(int64_t now_ms) {
  SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("DELETE FROM password_reset_tokens WHERE expires_at < ?", {now_ms}));
  return static_cast<size_t>(n);
}

Status SqlLoginStateStore::put(std::string_view state, const auth::PendingLogin& login, int64_t now_ms) {
  // Expired entries go first, so the table only holds live sign-ins.
  if (auto swept = db_.exec("DELETE FROM login_states WHERE expires_at <= ?", {now_ms}); !swept) {
    return swept.status();
  }
  auto n = db_.exec(
      "INSERT INTO login_states (state_hash, provider, nonce, code_verifier, redirect_after, expires_at, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {auth::sha256_hex(state), login.provider, login.nonce, login.code_verifier, login.redirect_after,
       login.expires_at_ms, now_ms});
  return n ? Status{} : n.status();
}

Result<std::optional<auth::PendingLogin>> SqlLoginStateStore::take(std::string_view state, int64_t now_ms) {
  SANAD_ASSIGN_OR_RETURN(db::Rows rows,
                         db_.query("DELETE FROM login_states WHERE state_hash = ? "
                                   "RETURNING provider, nonce, code_verifier, redirect_after, expires_at",
                                   {auth::sha256_hex(state)}));
  if (rows.empty()) return std::optional<auth::PendingLogin>{};
  const db::Row& row = rows.front();
  if (row.get_int("expires_at") <= now_ms) return std::optional<auth::PendingLogin>{};
  auth::PendingLogin login;
  login.provider = row.get_string("provider");
  login.nonce = row.get_string("nonce");
  login.code_verifier = row.get_string("code_verifier");
  login.redirect_after = row.get_string("redirect_after");
  login.expires_at_ms = row.get_int("expires_at");
  return std::optional<auth::PendingLogin>(std::move(login));
}

Result<size_t> SqlLoginStateStore::delete_expired(int64_t now_ms) {
  SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("DELETE FROM login_states WHERE expires_at <= ?", {now_ms}));
  return static_cast<size_t>(n);
}

}  // namespace sanad::accounts
