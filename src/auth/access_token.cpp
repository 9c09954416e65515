#include "auth/access_token.h"

#include <nlohmann/json.hpp>

#include "auth/base64url.h"
#include "auth/jwt_parts.h"
#include "auth/secrets.h"
#include "core/ids.h"

namespace sanad::auth {
namespace {

constexpr std::string_view kAlg = "HS256";
constexpr std::string_view kTyp = "access";

}  // namespace

Result<AccessTokenService> AccessTokenService::create(AccessTokenOptions options, TimeSource now) {
  if (options.secret.size() < AccessTokenOptions::kMinSecretBytes) {
    return invalid_argument("access-token secret must have at least 32 bytes");
  }
  if (options.lifetime.count() <= 0) return invalid_argument("access-token lifetime must be positive");
  if (options.leeway.count() < 0 || options.leeway > AccessTokenOptions::kMaxLeeway) {
    return invalid_argument("access-token leeway must be between 0 and 60 s");
  }
  if (options.issuer.empty() || options.audience.empty()) return invalid_argument("issuer and audience are required");
  if (!now) return invalid_argument("a time source is required");
  return AccessTokenService(std::move(options), std::move(now));
}

Result<IssuedAccessToken> AccessTokenService::issue(std::string_view subject) const {
  if (subject.empty()) return invalid_argument("access token needs a subject");
  IssuedAccessToken out;
  out.claims.subject = std::string(subject);
  out.claims.jti = core::new_id();
  out.claims.issued_at = now_seconds();
  out.claims.expires_at = out.claims.issued_at + options_.lifetime.count();
  out.expires_in = options_.lifetime.count();

  nlohmann::json header = {{"alg", kAlg}, {"typ", "JWT"}};
  nlohmann::json payload = {{"iss", options_.issuer},        {"aud", options_.audience},
                            {"sub", out.claims.subject},     {"iat", out.claims.issued_at},
                            {"exp", out.claims.expires_at},  {"jti", out.claims.jti},
                            {"typ", kTyp}};
  std::string signing_input = base64url_encode(header.dump()) + "." + base64url_encode(payload.dump());
  out.token = signing_input + "." + base64url_encode(hmac_sha256(options_.secret, signing_input));
  return out;
}

Result<AccessTokenClaims> AccessTokenService::verify(std::string_view token) const {
  SANAD_ASSIGN_OR_RETURN(JwtParts parts, parse_jwt(token, options_.max_token_bytes));
  // The server decides the algorithm; the header may only confirm it.
  if (parts.header["alg"].get<std::string>() != kAlg) return unauthenticated("token algorithm not accepted");
  if (auto typ = parts.header.find("typ"); typ != parts.header.end() && *typ != "JWT") {
    return unauthenticated("token header typ not accepted");
  }
  if (!constant_time_equals(parts.signature, hmac_sha256(options_.secret, parts.signing_input))) {
    return unauthenticated("token signature invalid");
  }

  const nlohmann::json& claims = parts.payload;
  SANAD_ASSIGN_OR_RETURN(auto iss, string_claim(claims, "iss"));
  SANAD_ASSIGN_OR_RETURN(auto aud, string_claim(claims, "aud"));
  SANAD_ASSIGN_OR_RETURN(auto sub, string_claim(claims, "sub"));
  SANAD_ASSIGN_OR_RETURN(auto jti, string_claim(claims, "jti"));
  SANAD_ASSIGN_OR_RETURN(auto typ, string_claim(claims, "typ"));
  SANAD_ASSIGN_OR_RETURN(auto exp, numeric_claim(claims, "exp"));
  SANAD_ASSIGN_OR_RETURN(auto iat, numeric_claim(claims, "iat"));
  SANAD_ASSIGN_OR_RETURN(auto nbf, numeric_claim(claims, "nbf"));
  if (!iss || *iss != options_.issuer) return unauthenticated("token issuer not accepted");
  if (!aud || *aud != options_.audience) return unauthenticated("token audience not accepted");
  if (!typ || *typ != kTyp) return unauthenticated("not an access token");
  if (!sub || sub->empty()) return unauthenticated("token has no subject");
  if (!jti || jti->empty()) return unauthenticated("token has no jti");
  if (!exp || !iat) return unauthenticated("token has no exp or iat");

  const int64_t now = now_seconds();
  const int64_t leeway = options_.leeway.count();
  if (now - leeway >= *exp) return unauthenticated("token expired");
  if (*iat > now + leeway) return unauthenticated("token issued in the future");
  if (nbf && *nbf > now + leeway) return unauthenticated("token not yet valid");
  // A token living longer than we ever issue was not made by this server's rules.
  if (*exp - *iat > options_.lifetime.count()) return unauthenticated("token lifetime too long");

  return AccessTokenClaims{std::move(*sub), std::move(*jti), *iat, *exp};
}

}  // namespace sanad::auth
