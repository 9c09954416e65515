#pragma once
// An in-memory TokenStore guarded by one mutex: for unit tests and single-process
// development. Thread-safe. Contents are lost on exit.

#include <mutex>
#include <string>
#include <unordered_map>

#include "auth/token_store.h"

namespace sanad::auth {

class MemoryTokenStore final : public TokenStore {
 public:
  Status create(const RefreshTokenRecord& record) override;
  Result<std::optional<RefreshTokenRecord>> find_by_hash(std::string_view token_hash) override;
  Result<bool> mark_used(std::string_view token_hash, int64_t now_ms) override;
  Status revoke_family(std::string_view family_id, int64_t now_ms) override;
  Status revoke_user(std::string_view user_id, int64_t now_ms) override;
  Result<size_t> delete_expired(int64_t now_ms) override;

  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, RefreshTokenRecord> by_hash_;
};

}  // namespace sanad::auth
