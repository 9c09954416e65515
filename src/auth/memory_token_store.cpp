#include "auth/memory_token_store.h"

namespace sanad::auth {

Status MemoryTokenStore::create(const RefreshTokenRecord& record) {
  std::lock_guard lock(mutex_);
  if (!by_hash_.emplace(record.token_hash, record).second) return already_exists("refresh token exists");
  return Status::ok();
}

Result<std::optional<RefreshTokenRecord>> MemoryTokenStore::find_by_hash(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  auto it = by_hash_.find(std::string(token_hash));
  if (it == by_hash_.end()) return std::optional<RefreshTokenRecord>();
  return std::optional<RefreshTokenRecord>(it->second);
}

Result<bool> MemoryTokenStore::mark_used(std::string_view token_hash, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto it = by_hash_.find(std::string(token_hash));
  if (it == by_hash_.end() || it->second.used_at_ms || it->second.revoked_at_ms) return false;
  it->second.used_at_ms = now_ms;
  return true;
}

Status MemoryTokenStore::revoke_family(std::string_view family_id, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  for (auto& [hash, record] : by_hash_) {
    if (record.family_id == family_id && !record.revoked_at_ms) record.revoked_at_ms = now_ms;
  }
  return Status::ok();
}

Status MemoryTokenStore::revoke_user(std::string_view user_id, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  for (auto& [hash, record] : by_hash_) {
    if (record.user_id == user_id && !record.revoked_at_ms) record.revoked_at_ms = now_ms;
  }
  return Status::ok();
}

Result<size_t> MemoryTokenStore::delete_expired(int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return static_cast<size_t>(std::erase_if(by_hash_, [&](const auto& entry) { return entry.second.expires_at_ms < now_ms; }));
}

size_t MemoryTokenStore::size() const {
  std::lock_guard lock(mutex_);
  return by_hash_.size();
}

}  // namespace sanad::auth
