#include "auth/id_token_verifier.h"

#include <algorithm>

#include "auth/jwt_parts.h"
#include "auth/secrets.h"

namespace sanad::auth {

IdTokenVerifier::IdTokenVerifier(IdTokenVerifierOptions options, JwksCache& keys, TimeSource now)
    : options_(std::move(options)), keys_(keys), now_(std::move(now)) {
  options_.leeway = std::min(options_.leeway, std::chrono::seconds(60));
}

Result<IdTokenClaims> IdTokenVerifier::verify(std::string_view id_token, std::string_view expected_nonce) const {
  if (expected_nonce.empty()) return unauthenticated("no nonce was stored for this login");
  SANAD_ASSIGN_OR_RETURN(JwtParts parts, parse_jwt(id_token));
  if (parts.header["alg"].get<std::string>() != "RS256") return unauthenticated("ID token algorithm not accepted");
  SANAD_ASSIGN_OR_RETURN(auto kid, string_claim(parts.header, "kid"));
  SANAD_ASSIGN_OR_RETURN(PublicKey key, keys_.key_for(kid.value_or("")));
  if (!verify_rs256(key.get(), parts.signing_input, parts.signature)) {
    return unauthenticated("ID token signature invalid");
  }

  const nlohmann::json& claims = parts.payload;
  IdTokenClaims out;
  SANAD_ASSIGN_OR_RETURN(auto iss, string_claim(claims, "iss"));
  SANAD_ASSIGN_OR_RETURN(auto sub, string_claim(claims, "sub"));
  SANAD_ASSIGN_OR_RETURN(auto azp, string_claim(claims, "azp"));
  SANAD_ASSIGN_OR_RETURN(auto nonce, string_claim(claims, "nonce"));
  SANAD_ASSIGN_OR_RETURN(auto exp, numeric_claim(claims, "exp"));
  SANAD_ASSIGN_OR_RETURN(auto iat, numeric_claim(claims, "iat"));
  SANAD_ASSIGN_OR_RETURN(auto nbf, numeric_claim(claims, "nbf"));

  const auto& accepted = options_.accepted_issuers;
  if (!iss || std::find(accepted.begin(), accepted.end(), *iss) == accepted.end()) {
    return unauthenticated("ID token issuer not accepted");
  }
  if (!sub || sub->empty() || sub->size() > 255) return unauthenticated("ID token has no valid subject");

  // aud: a string, or an array of strings that contains our client id.
  auto aud = claims.find("aud");
  size_t audiences = 0;
  bool ours = false;
  if (aud != claims.end() && aud->is_string()) {
    audiences = 1;
    ours = *aud == options_.client_id;
  } else if (aud != claims.end() && aud->is_array()) {
    for (const auto& a : *aud) {
      if (!a.is_string()) return unauthenticated("ID token audience malformed");
      ++audiences;
      ours = ours || a == options_.client_id;
    }
  }
  if (!ours) return unauthenticated("ID token audience not accepted");
  if (audiences > 1 && !azp) return unauthenticated("ID token with several audiences has no azp");
  if (azp && *azp != options_.client_id) return unauthenticated("ID token azp not accepted");

  if (!exp || !iat) return unauthenticated("ID token has no exp or iat");
  const int64_t now = now_() / 1000;
  const int64_t leeway = options_.leeway.count();
  if (now - leeway >= *exp) return unauthenticated("ID token expired");
  if (*iat > now + leeway) return unauthenticated("ID token issued in the future");
  if (now - *iat > options_.max_age.count()) return unauthenticated("ID token too old");
  if (nbf && *nbf > now + leeway) return unauthenticated("ID token not yet valid");
  if (!nonce || !constant_time_equals(*nonce, expected_nonce)) return unauthenticated("ID token nonce mismatch");

  out.issuer = std::move(*iss);
  out.subject = std::move(*sub);
  out.issued_at = *iat;
  out.expires_at = *exp;
  SANAD_ASSIGN_OR_RETURN(out.email, string_claim(claims, "email"));
  SANAD_ASSIGN_OR_RETURN(out.name, string_claim(claims, "name"));
  SANAD_ASSIGN_OR_RETURN(out.picture, string_claim(claims, "picture"));
  if (auto v = claims.find("email_verified"); v != claims.end()) {
    out.email_verified = (v->is_boolean() && v->get<bool>()) || (v->is_string() && *v == "true");
  }
  return out;
}

}  // namespace sanad::auth
