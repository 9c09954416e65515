#include "auth/reset_token_store.h"

namespace sanad::auth {

Status MemoryResetTokenStore::create(const ResetTokenRecord& record) {
  std::lock_guard lock(mutex_);
  if (!by_hash_.emplace(record.token_hash, record).second) return already_exists("reset token exists");
  return Status::ok();
}

Result<std::optional<std::string>> MemoryResetTokenStore::consume(std::string_view token_hash, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto it = by_hash_.find(std::string(token_hash));
  if (it == by_hash_.end() || it->second.used_at_ms || now_ms >= it->second.expires_at_ms) {
    return std::optional<std::string>();
  }
  it->second.used_at_ms = now_ms;
  return std::optional<std::string>(it->second.user_id);
}

Status MemoryResetTokenStore::invalidate_user(std::string_view user_id, int64_t now_ms) {
  std::lock_guard lock(mutex_);
  for (auto& [hash, record] : by_hash_) {
    if (record.user_id == user_id && !record.used_at_ms) record.used_at_ms = now_ms;
  }
  return Status::ok();
}

Result<size_t> MemoryResetTokenStore::delete_expired(int64_t now_ms) {
  std::lock_guard lock(mutex_);
  return static_cast<size_t>(std::erase_if(by_hash_, [&](const auto& entry) { return entry.second.expires_at_ms < now_ms; }));
}

}  // namespace sanad::auth
