#include "auth/jwt_parts.h"

#include "auth/base64url.h"

namespace sanad::auth {
namespace {

Result<nlohmann::json> decode_object(std::string_view segment, const char* what) {
  auto raw = base64url_decode(segment);
  if (!raw) return unauthenticated(std::string("token ") + what + " is not base64url");
  // No exceptions: a parse failure yields a discarded value.
  nlohmann::json value = nlohmann::json::parse(*raw, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) return unauthenticated(std::string("token ") + what + " is not a JSON object");
  return value;
}

}  // namespace

Result<JwtParts> parse_jwt(std::string_view token, size_t max_bytes) {
  if (token.size() > max_bytes) return unauthenticated("token too large");
  auto first = token.find('.');
  if (first == std::string_view::npos) return unauthenticated("malformed token");
  auto second = token.find('.', first + 1);
  if (second == std::string_view::npos) return unauthenticated("malformed token");
  if (token.find('.', second + 1) != std::string_view::npos) return unauthenticated("malformed token");
  std::string_view header_b64 = token.substr(0, first);
  std::string_view payload_b64 = token.substr(first + 1, second - first - 1);
  std::string_view signature_b64 = token.substr(second + 1);
  if (header_b64.empty() || payload_b64.empty() || signature_b64.empty()) return unauthenticated("malformed token");

  JwtParts parts;
  SANAD_ASSIGN_OR_RETURN(parts.header, decode_object(header_b64, "header"));
  SANAD_ASSIGN_OR_RETURN(parts.payload, decode_object(payload_b64, "payload"));
  auto signature = base64url_decode(signature_b64);
  if (!signature) return unauthenticated("token signature is not base64url");
  parts.signature = std::move(signature).value();
  parts.signing_input = std::string(token.substr(0, second));

  for (const char* name : {"jku", "x5u", "jwk", "x5c", "crit"}) {
    if (parts.header.contains(name)) return unauthenticated(std::string("token header '") + name + "' is not accepted");
  }
  auto alg = parts.header.find("alg");
  if (alg == parts.header.end() || !alg->is_string()) return unauthenticated("token header has no alg");
  return parts;
}

Result<std::optional<int64_t>> numeric_claim(const nlohmann::json& payload, const char* name) {
  auto it = payload.find(name);
  if (it == payload.end()) return std::optional<int64_t>();
  if (it->is_number_unsigned()) {
    auto v = it->get<uint64_t>();
    if (v > static_cast<uint64_t>(INT64_MAX)) return unauthenticated(std::string("claim ") + name + " out of range");
    return std::optional<int64_t>(static_cast<int64_t>(v));
  }
  if (it->is_number_integer()) return std::optional<int64_t>(it->get<int64_t>());
  return unauthenticated(std::string("claim ") + name + " is not an integer");
}

Result<std::optional<std::string>> string_claim(const nlohmann::json& payload, const char* name) {
  auto it = payload.find(name);
  if (it == payload.end()) return std::optional<std::string>();
  if (!it->is_string()) return unauthenticated(std::string("claim ") + name + " is not a string");
  return std::optional<std::string>(it->get<std::string>());
}

}  // namespace sanad::auth
