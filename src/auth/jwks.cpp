#include "auth/jwks.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <nlohmann/json.hpp>

#include "auth/base64url.h"

namespace sanad::auth {
namespace {

constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192;

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

BignumPtr to_bignum(std::string_view bytes) {
  return BignumPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()),
                             nullptr));
}

}  // namespace

Result<PublicKey> rsa_public_key(std::string_view n, std::string_view e) {
  if (n.empty() || e.empty() || e.size() > 8) return invalid_argument("RSA key: bad n or e");
  BignumPtr bn_n = to_bignum(n);
  BignumPtr bn_e = to_bignum(e);
  if (!bn_n || !bn_e) return internal_error("RSA key: out of memory");
  int bits = BN_num_bits(bn_n.get());
  if (bits < kMinRsaBits || bits > kMaxRsaBits) return invalid_argument("RSA key: modulus size not accepted");
  if (!BN_is_odd(bn_e.get()) || BN_is_one(bn_e.get())) return invalid_argument("RSA key: bad public exponent");

  ParamBldPtr builder(OSSL_PARAM_BLD_new());
  if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return internal_error("RSA key: parameter build failed");
  }
  ParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) return internal_error("RSA key: context failed");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1 || raw == nullptr) {
    return invalid_argument("RSA key: rejected by OpenSSL");
  }
  return PublicKey(raw, EVP_PKEY_free);
}

Result<KeySet> parse_jwks(std::string_view json_text) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return invalid_argument("JWKS: not a JSON object");
  auto keys = doc.find("keys");
  if (keys == doc.end() || !keys->is_array()) return invalid_argument("JWKS: no keys array");
  KeySet set;
  for (const auto& jwk : *keys) {
    if (!jwk.is_object()) continue;
    auto field = [&](const char* name) -> std::optional<std::string> {
      auto it = jwk.find(name);
      if (it == jwk.end()) return std::string();
      if (!it->is_string()) return std::nullopt;
      return it->get<std::string>();
    };
    auto kty = field("kty"), use = field("use"), alg = field("alg"), kid = field("kid"), n = field("n"), e = field("e");
    if (!kty || !use || !alg || !kid || !n || !e) continue;
    if (*kty != "RSA" || (!use->empty() && *use != "sig") || (!alg->empty() && *alg != "RS256")) continue;
    auto n_bytes = base64url_decode(*n);
    auto e_bytes = base64url_decode(*e);
    if (!n_bytes || !e_bytes) continue;
    auto key = rsa_public_key(*n_bytes, *e_bytes);
    if (!key) continue;
    set.keys.emplace(*kid, std::move(key).value());  // the first key of a duplicated kid wins
  }
  return set;
}

bool verify_rs256(EVP_PKEY* key, std::string_view data, std::string_view signature) {
  if (key == nullptr || EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) return false;
  if (signature.size() != static_cast<size_t>(EVP_PKEY_get_size(key))) return false;
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1) return false;
  // PKCS#1 v1.5 is OpenSSL's default padding for RSA signatures.
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

}  // namespace sanad::auth
