#pragma once
// JSON Web Key Sets: the RSA signing keys of an OpenID provider, turned into OpenSSL
// public keys (n/e base64url -> EVP_PKEY via OSSL_PARAM / EVP_PKEY_fromdata).
// A KeySet is immutable once parsed and safe to share between threads.

#include <openssl/evp.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sanad::auth {

// A shared, immutable RSA public key.
using PublicKey = std::shared_ptr<EVP_PKEY>;

struct KeySet {
  // kid -> key. A key without kid is stored under "".
  std::map<std::string, PublicKey> keys;
};

// Keeps the RSA keys usable for RS256 signatures: kty "RSA", `use` absent or "sig",
// `alg` absent or "RS256", modulus of at least 2048 bits. Other keys (EC, enc,
// malformed) are skipped; a document that is not a JWKS is kInvalidArgument.
Result<KeySet> parse_jwks(std::string_view json_text);

// Builds an RSA public key from the big-endian bytes of n and e.
Result<PublicKey> rsa_public_key(std::string_view n, std::string_view e);

// True when `signature` is a valid RSASSA-PKCS1-v1_5 SHA-256 signature of `data`.
bool verify_rs256(EVP_PKEY* key, std::string_view data, std::string_view signature);

}  // namespace sanad::auth
