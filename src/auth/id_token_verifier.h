#pragma once
// Verification of OpenID Connect ID tokens: RS256 signatures only (the header's alg
// must be exactly "RS256"; HS256 "signed" with the provider's public key, `none` and
// everything else are refused), key chosen by `kid` from the provider's JWKS (never
// from jku/x5u/jwk/x5c), then the claims: iss among the provider's accepted issuers,
// aud equal to or containing client_id (with several audiences azp must be present;
// when present azp must equal client_id), exp, iat, nonce (constant-time compare).
// email_verified is reported, not enforced: linking a local account by e-mail is the
// caller's decision and must require it. Thread-safe; the cache must outlive it.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/jwks_cache.h"
#include "auth/time_source.h"
#include "core/status.h"

namespace sanad::auth {

struct IdTokenClaims {
  std::string issuer;   // iss as found in the token
  std::string subject;  // sub; users are keyed by (issuer, subject)
  std::optional<std::string> email;
  bool email_verified = false;  // true only for a JSON true (or Google-style "true")
  std::optional<std::string> name;
  std::optional<std::string> picture;
  int64_t issued_at = 0;
  int64_t expires_at = 0;
};

struct IdTokenVerifierOptions {
  std::vector<std::string> accepted_issuers;  // at least one
  std::string client_id;
  std::chrono::seconds leeway{60};            // <= 60 s
  std::chrono::seconds max_age{std::chrono::hours(24)};  // iat older than this is refused
};

class IdTokenVerifier {
 public:
  IdTokenVerifier(IdTokenVerifierOptions options, JwksCache& keys, TimeSource now = system_time());

  // The claims of a valid ID token issued for this login (`expected_nonce` is the
  // nonce stored when the flow started). kUnauthenticated on any failure;
  // kUnavailable when the provider's keys cannot be fetched.
  Result<IdTokenClaims> verify(std::string_view id_token, std::string_view expected_nonce) const;

 private:
  IdTokenVerifierOptions options_;
  JwksCache& keys_;
  TimeSource now_;
};

}  // namespace sanad::auth
