#pragma once
// Base64url (RFC 4648 section 5) without padding, as used by JWT, JWKS and PKCE.
// Decoding is strict: only the url-safe alphabet, no padding, no whitespace, and the
// unused low bits of the last character must be zero, so every byte string has
// exactly one accepted encoding. Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "core/status.h"

namespace sanad::auth {

// Encodes `bytes` (any binary data) without '=' padding.
std::string base64url_encode(std::string_view bytes);

// Decodes a canonical unpadded base64url string; any other input is kInvalidArgument.
Result<std::string> base64url_decode(std::string_view text);

}  // namespace sanad::auth
