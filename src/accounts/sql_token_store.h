#pragma once
// SQL implementations of the auth module's token and login-state stores, on the
// `refresh_tokens`, `password_reset_tokens` and `login_states` tables (migration
// 0003). Single-use operations are one conditional UPDATE/DELETE, so they are atomic
// across threads and across server instances sharing the database. Thread-safe; the
// Database must outlive the stores.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/login_state_store.h"
#include "auth/reset_token_store.h"
#include "auth/token_store.h"
#include "core/status.h"
#include "db/database.h"

namespace sanad::accounts {

// Refresh tokens (hashes only). mark_used is `UPDATE … WHERE used_at IS NULL AND
// revoked_at IS NULL`: exactly one concurrent caller sees it succeed.
class SqlTokenStore final : public auth::TokenStore {
 public:
  explicit SqlTokenStore(db::Database& db) : db_(db) {}
  Status create(const auth::RefreshTokenRecord& record) override;
  Result<std::optional<auth::RefreshTokenRecord>> find_by_hash(std::string_view token_hash) override;
  Result<bool> mark_used(std::string_view token_hash, int64_t now_ms) override;
  Status revoke_family(std::string_view family_id, int64_t now_ms) override;
  Status revoke_user(std::string_view user_id, int64_t now_ms) override;
  Result<size_t> delete_expired(int64_t now_ms) override;

 private:
  db::Database& db_;
};

// Password-reset tokens (hashes only); consume is one conditional UPDATE … RETURNING.
class SqlResetTokenStore final : public auth::ResetTokenStore {
 public:
  explicit SqlResetTokenStore(db::Database& db) : db_(db) {}
  Status create(const auth::ResetTokenRecord& record) override;
  Result<std::optional<std::string>> consume(std::string_view token_hash, int64_t now_ms) override;
  Status invalidate_user(std::string_view user_id, int64_t now_ms) override;
  Result<size_t> delete_expired(int64_t now_ms) override;

 private:
  db::Database& db_;
};

// Pending OpenID Connect sign-ins keyed by sha256_hex(state); take is one
// DELETE … RETURNING, so a state is returned once only, by one instance.
class SqlLoginStateStore final : public auth::LoginStateStore {
 public:
  explicit SqlLoginStateStore(db::Database& db) : db_(db) {}
  Status put(std::string_view state, const auth::PendingLogin& login, int64_t now_ms) override;
  Result<std::optional<auth::PendingLogin>> take(std::string_view state, int64_t now_ms) override;
  // Removes expired pending sign-ins; returns how many (for the housekeeping sweep).
  Result<size_t> delete_expired(int64_t now_ms);

 private:
  db::Database& db_;
};

}  // namespace sanad::accounts
