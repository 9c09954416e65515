#pragma once
// Single-use password-reset tokens: 256 random bits, base64url, valid 30 minutes,
// stored only as SHA-256 hashes. A successful consume() also invalidates the user's
// other outstanding reset tokens. The caller then sets the new password and calls
// RefreshTokenService::revoke_user to end every session.
// Thread-safe when the store is; the store must outlive the service.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/reset_token_store.h"
#include "auth/time_source.h"
#include "core/status.h"

namespace sanad::auth {

struct IssuedResetToken {
  std::string token;  // goes into the e-mailed link only
  int64_t expires_at_ms = 0;
};

class ResetTokenService {
 public:
  static constexpr std::chrono::minutes kDefaultLifetime{30};

  ResetTokenService(ResetTokenStore& store, TimeSource now = system_time(),
                    std::chrono::milliseconds lifetime = kDefaultLifetime)
      : store_(store), now_(std::move(now)), lifetime_(lifetime) {}

  Result<IssuedResetToken> issue(std::string_view user_id);

  // The user id the token was issued for; kUnauthenticated when unknown, expired or
  // already used.
  Result<std::string> consume(std::string_view token);

 private:
  ResetTokenStore& store_;
  TimeSource now_;
  std::chrono::milliseconds lifetime_;
};

}  // namespace sanad::auth
