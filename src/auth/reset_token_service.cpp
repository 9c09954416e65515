#include "auth/reset_token_service.h"

#include "auth/secrets.h"

namespace sanad::auth {

Result<IssuedResetToken> ResetTokenService::issue(std::string_view user_id) {
  if (user_id.empty()) return invalid_argument("reset token needs a user");
  IssuedResetToken out;
  out.token = random_token();
  ResetTokenRecord record;
  record.token_hash = sha256_hex(out.token);
  record.user_id = std::string(user_id);
  record.created_at_ms = now_();
  record.expires_at_ms = record.created_at_ms + lifetime_.count();
  out.expires_at_ms = record.expires_at_ms;
  SANAD_RETURN_IF_ERROR(store_.create(record));
  return out;
}

Result<std::string> ResetTokenService::consume(std::string_view token) {
  if (token.empty() || token.size() > 128) return unauthenticated("invalid or expired reset token");
  const int64_t now = now_();
  SANAD_ASSIGN_OR_RETURN(auto user_id, store_.consume(sha256_hex(token), now));
  if (!user_id) return unauthenticated("invalid or expired reset token");
  SANAD_RETURN_IF_ERROR(store_.invalidate_user(*user_id, now));
  return std::move(*user_id);
}

}  // namespace sanad::auth
