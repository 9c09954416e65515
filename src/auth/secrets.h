#pragma once
// Cryptographic building blocks shared by the token services: random secrets, SHA-256,
// HMAC-SHA256 and constant-time comparison. Pure functions; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sanad::auth {

// `bytes` random bytes from libsodium's CSPRNG (randombytes_buf). Initialises
// libsodium on first use. Aborts only if the system CSPRNG is unusable.
std::string random_bytes(size_t bytes);

// A fresh opaque secret: 256 random bits, base64url (43 characters).
std::string random_token();

// SHA-256 of `data`, as 64 lowercase hex characters (how stored tokens are kept).
std::string sha256_hex(std::string_view data);

// SHA-256 of `data`, raw 32 bytes.
std::string sha256_raw(std::string_view data);

// HMAC-SHA256(key, data), raw 32 bytes (OpenSSL).
std::string hmac_sha256(std::string_view key, std::string_view data);

// True when a and b are equal. The time taken depends only on the lengths.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace sanad::auth
