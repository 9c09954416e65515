#pragma once
// Short-lived HS256 JWT access tokens (15 minutes by default) with the claims iss,
// aud, sub, exp, iat, jti and typ="access". The algorithm is fixed by the server:
// a token whose header alg is not exactly "HS256" is refused, `kid` is ignored (the
// key is always the server secret) and key-locating headers (jku, x5u, jwk, x5c) are
// refused. Signatures are compared in constant time; clock-skew leeway is at most 60 s.
// An AccessTokenService is immutable after creation and thread-safe.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/time_source.h"
#include "core/status.h"

namespace sanad::auth {

struct AccessTokenOptions {
  static constexpr size_t kMinSecretBytes = 32;
  static constexpr std::chrono::seconds kMaxLeeway{60};

  std::string secret;                  // SECRET_KEY; at least 32 bytes
  std::string issuer = "sanad";        // iss, checked exactly
  std::string audience = "sanad-api";  // aud, checked exactly
  std::chrono::seconds lifetime{15 * 60};
  std::chrono::seconds leeway{60};     // tolerated clock skew, <= kMaxLeeway
  size_t max_token_bytes = 4096;       // larger tokens are refused unread
};

struct AccessTokenClaims {
  std::string subject;  // sub: the user id
  std::string jti;      // unique token id
  int64_t issued_at = 0;   // iat, seconds since the epoch
  int64_t expires_at = 0;  // exp, seconds since the epoch
};

struct IssuedAccessToken {
  std::string token;
  AccessTokenClaims claims;
  int64_t expires_in = 0;  // seconds, for the login response
};

class AccessTokenService {
 public:
  // kInvalidArgument when the secret is short, the lifetime not positive, or the
  // leeway above 60 s.
  static Result<AccessTokenService> create(AccessTokenOptions options, TimeSource now = system_time());

  // Signs a token for `subject` (non-empty).
  Result<IssuedAccessToken> issue(std::string_view subject) const;

  // The claims of a valid access token; kUnauthenticated otherwise (the message
  // says why, for logs; do not show it to clients verbatim).
  Result<AccessTokenClaims> verify(std::string_view token) const;

 private:
  AccessTokenService(AccessTokenOptions options, TimeSource now) : options_(std::move(options)), now_(std::move(now)) {}
  int64_t now_seconds() const { return now_() / 1000; }

  AccessTokenOptions options_;
  TimeSource now_;
};

}  // namespace sanad::auth
