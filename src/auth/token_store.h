#pragma once
// Persistence interface for refresh tokens. Only the SHA-256 hash of a token is ever
// stored, never the token. Implementations: MemoryTokenStore (tests, single process)
// and, later, an SQL store in the db module. Every method must be thread-safe, and
// mark_used must be atomic (compare-and-set) so that two concurrent rotations of one
// token cannot both succeed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sanad::auth {

struct RefreshTokenRecord {
  std::string token_hash;  // sha256_hex(token)
  std::string family_id;   // one sign-in; every rotation stays in the family
  std::string user_id;
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::optional<int64_t> used_at_ms;     // set when rotated (a later use is a reuse)
  std::optional<int64_t> revoked_at_ms;  // set by logout, reuse detection or revoke_user
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;

  // Stores a new record; kAlreadyExists when the hash is already there.
  virtual Status create(const RefreshTokenRecord& record) = 0;

  // The record with this hash, or nullopt.
  virtual Result<std::optional<RefreshTokenRecord>> find_by_hash(std::string_view token_hash) = 0;

  // Atomically sets used_at_ms when the record exists, is unused and not revoked;
  // returns whether this call was the one that set it.
  virtual Result<bool> mark_used(std::string_view token_hash, int64_t now_ms) = 0;

  // Revokes every not-yet-revoked record of the family.
  virtual Status revoke_family(std::string_view family_id, int64_t now_ms) = 0;

  // Revokes every not-yet-revoked record of the user (all sessions).
  virtual Status revoke_user(std::string_view user_id, int64_t now_ms) = 0;

  // Deletes records that expired before `now_ms` (housekeeping); returns how many.
  virtual Result<size_t> delete_expired(int64_t now_ms) = 0;
};

}  // namespace sanad::auth
