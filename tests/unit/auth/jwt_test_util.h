#pragma once
// Test-side JWT forging, written independently of the verifiers under test: it uses
// OpenSSL directly for HMAC and RSA signatures and encodes base64url by hand.

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace sanad::auth::testing {

inline std::string b64url(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

inline std::string hs256_sign(const std::string& key, const std::string& input) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(input.data()),
       input.size(), mac, &len);
  return std::string(reinterpret_cast<char*>(mac), len);
}

// header.payload signed with HMAC-SHA256 under `key`, whatever the header says.
inline std::string forge_hs256(const nlohmann::json& header, const nlohmann::json& payload, const std::string& key) {
  std::string input = b64url(header.dump()) + "." + b64url(payload.dump());
  return input + "." + b64url(hs256_sign(key, input));
}

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

inline PkeyPtr generate_rsa(unsigned bits = 2048) { return PkeyPtr(EVP_RSA_gen(bits)); }

inline std::string public_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PUBKEY(bio.get(), key);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

inline std::string rs256_sign(EVP_PKEY* key, const std::string& input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key);
  size_t len = 0;
  EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  sig.resize(len);
  return sig;
}

inline std::string forge_rs256(const nlohmann::json& header, const nlohmann::json& payload, EVP_PKEY* key) {
  std::string input = b64url(header.dump()) + "." + b64url(payload.dump());
  return input + "." + b64url(rs256_sign(key, input));
}

// The JWK (kty RSA, n, e) of a public key, built from the key's own parameters.
inline nlohmann::json rsa_jwk(EVP_PKEY* key, const std::string& kid) {
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  EVP_PKEY_get_bn_param(key, "n", &n);
  EVP_PKEY_get_bn_param(key, "e", &e);
  auto bytes = [](BIGNUM* bn) {
    std::string out(static_cast<size_t>(BN_num_bytes(bn)), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
    return out;
  };
  nlohmann::json jwk = {{"kty", "RSA"}, {"kid", kid}, {"use", "sig"}, {"alg", "RS256"},
                        {"n", b64url(bytes(n))}, {"e", b64url(bytes(e))}};
  BN_free(n);
  BN_free(e);
  return jwk;
}

}  // namespace sanad::auth::testing
