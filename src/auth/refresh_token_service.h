#pragma once
// Opaque refresh tokens (256 random bits, base64url) that rotate on every use.
// Tokens are grouped in families (one per sign-in). Presenting a token that was
// already rotated is taken as theft: the whole family is revoked, so both the thief
// and the victim must sign in again. Logout revokes the family; revoke_user ends
// every session of a user (password change, disabled account). Tokens live 30 days
// from issue. Only sha256_hex(token) reaches the TokenStore.
//
// Whether the user may still sign in (active flag) is the caller's check after
// rotate() succeeds. Thread-safe when the store is; the store must outlive the service.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/time_source.h"
#include "auth/token_store.h"
#include "core/status.h"

namespace sanad::auth {

struct IssuedRefreshToken {
  std::string token;  // give to the client once; never stored or logged
  std::string family_id;
  std::string user_id;
  int64_t expires_at_ms = 0;
};

class RefreshTokenService {
 public:
  static constexpr std::chrono::hours kDefaultLifetime{24 * 30};

  RefreshTokenService(TokenStore& store, TimeSource now = system_time(),
                      std::chrono::milliseconds lifetime = kDefaultLifetime)
      : store_(store), now_(std::move(now)), lifetime_(lifetime) {}

  // Starts a new family (a sign-in) for `user_id`.
  Result<IssuedRefreshToken> issue(std::string_view user_id);

  // Exchanges `token` for a new one in the same family. kUnauthenticated when the
  // token is unknown, expired, revoked, or already used (which revokes the family).
  Result<IssuedRefreshToken> rotate(std::string_view token);

  // Logout: revokes the family of `token`. Unknown tokens are not an error (logout
  // is idempotent and must not reveal whether a token existed).
  Status revoke(std::string_view token);

  // Ends every session of the user.
  Status revoke_user(std::string_view user_id);

 private:
  Result<IssuedRefreshToken> create_in_family(std::string family_id, std::string user_id);

  TokenStore& store_;
  TimeSource now_;
  std::chrono::milliseconds lifetime_;
};

}  // namespace sanad::auth
