#include "accounts/sign_in_codes.h"

#include "auth/secrets.h"
#include "core/clock.h"

namespace sanad::accounts {

Result<std::string> SignInCodes::issue(std::string_view user_id, std::string_view provider) {
  std::string code = auth::random_token();
  int64_t now = core::now_ms();
  SANAD_ASSIGN_OR_RETURN(
      int64_t n, db_.exec("INSERT INTO sign_in_codes (code_hash, user_id, provider, expires_at, created_at) "
                          "VALUES (?, ?, ?, ?, ?)",
                          {auth::sha256_hex(code), std::string(user_id), std::string(provider),
                           now + lifetime_.count(), now}));
  (void)n;
  return code;
}

Result<std::optional<std::string>> SignInCodes::redeem(std::string_view code) {
  if (code.empty() || code.size() > 128) return std::optional<std::string>{};
  SANAD_ASSIGN_OR_RETURN(db::Rows rows, db_.query("DELETE FROM sign_in_codes WHERE code_hash = ? "
                                                  "RETURNING user_id, expires_at",
                                                  {auth::sha256_hex(code)}));
  if (rows.empty() || rows.front().get_int("expires_at") <= core::now_ms()) return std::optional<std::string>{};
  return std::optional<std::string>(rows.front().get_string("user_id"));
}

Result<size_t> SignInCodes::delete_expired(int64_t now_ms) {
  SANAD_ASSIGN_OR_RETURN(int64_t n, db_.exec("DELETE FROM sign_in_codes WHERE expires_at <= ?", {now_ms}));
  return static_cast<size_t>(n);
}

}  // namespace sanad::accounts
