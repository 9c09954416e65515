#include "auth/refresh_token_service.h"

#include "auth/secrets.h"
#include "core/ids.h"

namespace sanad::auth {
namespace {

// Tokens are 43 base64url characters; anything much longer is not ours and is not
// worth hashing.
constexpr size_t kMaxTokenBytes = 128;

}  // namespace

Result<IssuedRefreshToken> RefreshTokenService::create_in_family(std::string family_id, std::string user_id) {
  IssuedRefreshToken out;
  out.token = random_token();
  out.family_id = std::move(family_id);
  out.user_id = std::move(user_id);
  RefreshTokenRecord record;
  record.token_hash = sha256_hex(out.token);
  record.family_id = out.family_id;
  record.user_id = out.user_id;
  record.created_at_ms = now_();
  record.expires_at_ms = record.created_at_ms + lifetime_.count();
  out.expires_at_ms = record.expires_at_ms;
  SANAD_RETURN_IF_ERROR(store_.create(record));
  return out;
}

Result<IssuedRefreshToken> RefreshTokenService::issue(std::string_view user_id) {
  if (user_id.empty()) return invalid_argument("refresh token needs a user");
  return create_in_family(core::new_id(), std::string(user_id));
}

Result<IssuedRefreshToken> RefreshTokenService::rotate(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenBytes) return unauthenticated("invalid refresh token");
  const std::string hash = sha256_hex(token);
  SANAD_ASSIGN_OR_RETURN(auto found, store_.find_by_hash(hash));
  if (!found) return unauthenticated("invalid refresh token");
  const RefreshTokenRecord& record = *found;
  const int64_t now = now_();
  if (record.revoked_at_ms) return unauthenticated("refresh token revoked");
  if (record.used_at_ms) {
    SANAD_RETURN_IF_ERROR(store_.revoke_family(record.family_id, now));
    return unauthenticated("refresh token reused; session revoked");
  }
  if (now >= record.expires_at_ms) return unauthenticated("refresh token expired");
  SANAD_ASSIGN_OR_RETURN(bool won, store_.mark_used(hash, now));
  if (!won) {
    // Another request rotated (or revoked) it between our read and our write: the
    // same token was presented twice, which is a reuse.
    SANAD_RETURN_IF_ERROR(store_.revoke_family(record.family_id, now));
    return unauthenticated("refresh token reused; session revoked");
  }
  return create_in_family(record.family_id, record.user_id);
}

Status RefreshTokenService::revoke(std::string_view token) {
  if (token.empty() || token.size() > kMaxTokenBytes) return Status::ok();
  SANAD_ASSIGN_OR_RETURN(auto found, store_.find_by_hash(sha256_hex(token)));
  if (!found) return Status::ok();
  return store_.revoke_family(found->family_id, now_());
}

Status RefreshTokenService::revoke_user(std::string_view user_id) { return store_.revoke_user(user_id, now_()); }

}  // namespace sanad::auth
