#pragma once
// Persistence interface for single-use password-reset tokens (only SHA-256 hashes
// are stored), and an in-memory implementation for tests. Every method must be
// thread-safe; consume() must be atomic so a token can be used once only.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

namespace sanad::auth {

struct ResetTokenRecord {
  std::string token_hash;  // sha256_hex(token)
  std::string user_id;
  int64_t created_at_ms = 0;
  int64_t expires_at_ms = 0;
  std::optional<int64_t> used_at_ms;
};

class ResetTokenStore {
 public:
  virtual ~ResetTokenStore() = default;

  // Stores a new record; kAlreadyExists when the hash is already there.
  virtual Status create(const ResetTokenRecord& record) = 0;

  // Atomically: when a record with this hash exists, is unused and expires after
  // `now_ms`, marks it used and returns its user id; otherwise nullopt.
  virtual Result<std::optional<std::string>> consume(std::string_view token_hash, int64_t now_ms) = 0;

  // Marks every unused token of the user as used (after a successful reset).
  virtual Status invalidate_user(std::string_view user_id, int64_t now_ms) = 0;

  // Deletes records that expired before `now_ms`; returns how many.
  virtual Result<size_t> delete_expired(int64_t now_ms) = 0;
};

// In-memory ResetTokenStore, one mutex. Thread-safe.
class MemoryResetTokenStore final : public ResetTokenStore {
 public:
  Status create(const ResetTokenRecord& record) override;
  Result<std::optional<std::string>> consume(std::string_view token_hash, int64_t now_ms) override;
  Status invalidate_user(std::string_view user_id, int64_t now_ms) override;
  Result<size_t> delete_expired(int64_t now_ms) override;

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, ResetTokenRecord> by_hash_;
};

}  // namespace sanad::auth
