#include "auth/password_hasher.h"

#include <sodium.h>

#include <algorithm>
#include <thread>

namespace sanad::auth {

namespace {

Status busy() { return resource_exhausted("password hashing capacity reached; retry shortly"); }

}  // namespace

Result<PasswordHasher> PasswordHasher::create(PasswordHashOptions options) {
  if (sodium_init() < 0) return internal_error("libsodium could not be initialised");
  if (options.ops_limit < PasswordHashOptions::kMinOpsLimit ||
      options.mem_limit_bytes < PasswordHashOptions::kMinMemLimitBytes) {
    return invalid_argument("Argon2id parameters below the minimum (19 MiB, t=2)");
  }
  if (options.ops_limit > crypto_pwhash_OPSLIMIT_MAX || options.mem_limit_bytes > crypto_pwhash_MEMLIMIT_MAX) {
    return invalid_argument("Argon2id parameters above libsodium's maximum");
  }
  unsigned max = options.max_concurrent;
  if (max == 0) max = std::max(1u, std::thread::hardware_concurrency());
  // The dummy hash for unknown accounts uses the same parameters as real ones.
  std::string dummy(crypto_pwhash_STRBYTES, '\0');
  static constexpr std::string_view kDummyPassword = "sanad-unknown-account-placeholder";
  if (crypto_pwhash_str_alg(dummy.data(), kDummyPassword.data(), kDummyPassword.size(), options.ops_limit,
                            options.mem_limit_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return resource_exhausted("Argon2id: out of memory");
  }
  dummy.resize(std::char_traits<char>::length(dummy.c_str()));
  return PasswordHasher(options, max, std::move(dummy));
}

PasswordHasher::PasswordHasher(PasswordHashOptions options, unsigned max_concurrent, std::string dummy_hash)
    : options_(options), dummy_hash_(std::move(dummy_hash)), admission_(std::make_unique<Admission>(max_concurrent)) {}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  if (password.size() > kMaxPasswordBytes) return invalid_argument("password too long");
  auto permit = admission_->try_acquire();
  if (!permit) return busy();
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), options_.ops_limit,
                            options_.mem_limit_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    // libsodium fails here only when the memory cannot be allocated.
    return resource_exhausted("Argon2id: out of memory");
  }
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<bool> PasswordHasher::verify_admitted(std::string_view password, std::string_view encoded) const {
  // crypto_pwhash_str_verify reads a NUL-terminated string of bounded size.
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  std::string terminated(encoded);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

Result<bool> PasswordHasher::verify(std::string_view password, std::string_view encoded) const {
  if (password.size() > kMaxPasswordBytes) return false;
  auto permit = admission_->try_acquire();
  if (!permit) return busy();
  return verify_admitted(password, encoded);
}

Result<bool> PasswordHasher::verify_unknown_account(std::string_view password) const {
  if (password.size() > kMaxPasswordBytes) return false;
  auto permit = admission_->try_acquire();
  if (!permit) return busy();
  SANAD_ASSIGN_OR_RETURN(bool ignored, verify_admitted(password, dummy_hash_));
  (void)ignored;
  return false;
}

bool PasswordHasher::needs_rehash(std::string_view encoded) const {
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return true;
  if (encoded.rfind("$argon2id$", 0) != 0) return true;
  std::string terminated(encoded);
  // 0: same parameters; 1: different; -1: not a valid hash for this algorithm.
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), options_.ops_limit, options_.mem_limit_bytes) != 0;
}

}  // namespace sanad::auth
