#pragma once
// Strict splitting and decoding of a compact JWS (header.payload.signature) shared by
// the access-token verifier and the ID-token verifier. It only parses: no signature
// or claim is checked here. Pure functions; thread-safe.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace sanad::auth {

// Tokens longer than this are refused before any decoding (8 KiB is far above any
// token Sanad issues or a provider's ID token).
inline constexpr size_t kMaxJwtBytes = 8192;

struct JwtParts {
  nlohmann::json header;      // a JSON object
  nlohmann::json payload;     // a JSON object
  std::string signing_input;  // "<header b64>.<payload b64>", the bytes that were signed
  std::string signature;      // raw signature bytes
};

// Exactly three non-empty base64url segments (strict), header and payload JSON
// objects, size <= max_bytes; anything else is kUnauthenticated. Header parameters
// that point at keys elsewhere (jku, x5u, jwk, x5c) and `crit` are refused: Sanad
// never fetches or trusts a key named by the token itself.
Result<JwtParts> parse_jwt(std::string_view token, size_t max_bytes = kMaxJwtBytes);

// The integer value of a NumericDate claim, or nullopt when absent; kUnauthenticated
// when present but not an integer number.
Result<std::optional<int64_t>> numeric_claim(const nlohmann::json& payload, const char* name);

// The string value of a claim, or nullopt when absent; kUnauthenticated when present
// but not a string.
Result<std::optional<std::string>> string_claim(const nlohmann::json& payload, const char* name);

}  // namespace sanad::auth
