#pragma once
// Password hashing with Argon2id (libsodium crypto_pwhash_str_alg), with at most
// `max_concurrent` hashes or verifications running at once. Admission is
// non-blocking: when every slot is busy the call fails at once with
// kResourceExhausted (the HTTP adapter answers 429/503) instead of queueing without
// bound. Thread-safe; one instance is shared by the whole process.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "auth/admission.h"
#include "core/status.h"

namespace sanad::auth {

struct PasswordHashOptions {
  // OWASP's minimum for Argon2id: 19 MiB of memory, 2 passes (libsodium uses 1 lane).
  static constexpr uint64_t kMinOpsLimit = 2;
  static constexpr size_t kMinMemLimitBytes = 19u * 1024 * 1024;

  uint64_t ops_limit = kMinOpsLimit;
  size_t mem_limit_bytes = kMinMemLimitBytes;
  // 0 means std::thread::hardware_concurrency() (at least 1).
  unsigned max_concurrent = 0;
};

class PasswordHasher {
 public:
  // Passwords longer than this many bytes are refused before hashing (the policy
  // allows 256 code points, i.e. at most 1,024 bytes of UTF-8).
  static constexpr size_t kMaxPasswordBytes = 1024;

  // Validates the options: below OWASP's minimum is kInvalidArgument.
  static Result<PasswordHasher> create(PasswordHashOptions options = {});

  PasswordHasher(PasswordHasher&&) noexcept = default;
  PasswordHasher& operator=(PasswordHasher&&) noexcept = default;

  // The encoded hash ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), salt included.
  // kResourceExhausted when every slot is busy; kInvalidArgument when too long.
  Result<std::string> hash(std::string_view password) const;

  // True when `password` matches `encoded`; false on mismatch or a malformed hash.
  // kResourceExhausted when every slot is busy.
  Result<bool> verify(std::string_view password, std::string_view encoded) const;

  // Spends the same work as verify() against a fixed hash and returns false, so a
  // sign-in for an unknown account costs what a wrong password costs.
  Result<bool> verify_unknown_account(std::string_view password) const;

  // True when `encoded` was made with weaker (or different) parameters than the
  // current ones, or is not an Argon2id hash: re-hash after a successful verify.
  bool needs_rehash(std::string_view encoded) const;

  // The admission cap shared by hash() and verify(): capacity() is the cap,
  // in_use() the hashes running now (for metrics; tests may hold permits).
  Admission& admission() const noexcept { return *admission_; }

 private:
  PasswordHasher(PasswordHashOptions options, unsigned max_concurrent, std::string dummy_hash);
  Result<bool> verify_admitted(std::string_view password, std::string_view encoded) const;

  PasswordHashOptions options_;
  std::string dummy_hash_;
  std::unique_ptr<Admission> admission_;
};

}  // namespace sanad::auth
