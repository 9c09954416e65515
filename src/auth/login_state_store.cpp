#include "auth/login_state_store.h"

#include "auth/secrets.h"

namespace sanad::auth {

Status MemoryLoginStateStore::put(std::string_view state, const PendingLogin& login, int64_t now_ms) {
  if (state.empty() || state.size() > 256) return invalid_argument("bad state value");
  std::string key = sha256_hex(state);
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_entries_) {
    std::erase_if(entries_, [&](const auto& e) { return e.second.expires_at_ms <= now_ms; });
  }
  if (entries_.size() >= max_entries_) return resource_exhausted("too many sign-ins in progress");
  if (!entries_.emplace(std::move(key), login).second) return already_exists("state already in use");
  return Status::ok();
}

Result<std::optional<PendingLogin>> MemoryLoginStateStore::take(std::string_view state, int64_t now_ms) {
  if (state.empty() || state.size() > 256) return std::optional<PendingLogin>();
  std::string key = sha256_hex(state);
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::optional<PendingLogin>();
  PendingLogin login = std::move(it->second);
  entries_.erase(it);
  if (now_ms >= login.expires_at_ms) return std::optional<PendingLogin>();
  return std::optional<PendingLogin>(std::move(login));
}

}  // namespace sanad::auth
