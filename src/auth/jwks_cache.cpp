#include "auth/jwks_cache.h"

namespace sanad::auth {

Status JwksCache::refresh_locked(int64_t now) {
  last_fetch_ms_ = now;
  ++fetches_;
  auto body = fetch_(jwks_uri_);
  if (!body) return unavailable("JWKS fetch failed: " + body.status().message());
  auto parsed = parse_jwks(*body);
  if (!parsed) return unavailable("JWKS unusable: " + parsed.status().message());
  keys_ = std::move(parsed).value();
  loaded_ = true;
  last_success_ms_ = now;
  return Status::ok();
}

Result<PublicKey> JwksCache::lookup_locked(std::string_view kid) const {
  if (kid.empty()) {
    if (keys_.keys.size() == 1) return keys_.keys.begin()->second;
    return unauthenticated("token names no key and the provider has several");
  }
  auto it = keys_.keys.find(std::string(kid));
  if (it == keys_.keys.end()) return unauthenticated("token signed by an unknown key");
  return it->second;
}

Result<PublicKey> JwksCache::key_for(std::string_view kid) {
  std::lock_guard lock(mutex_);
  const int64_t now = now_();
  const bool may_fetch = fetches_ == 0 || now - last_fetch_ms_ >= options_.min_refresh_interval.count();
  const bool fresh = loaded_ && now - last_success_ms_ < options_.max_age.count();
  if (fresh) {
    auto found = lookup_locked(kid);
    if (found || !may_fetch) return found;
  } else if (!may_fetch) {
    if (!loaded_) return unavailable("provider keys not available yet");
    return lookup_locked(kid);  // stale but the best we have until the next allowed fetch
  }
  Status refreshed = refresh_locked(now);
  if (!refreshed.is_ok() && !loaded_) return refreshed;
  return lookup_locked(kid);
}

uint64_t JwksCache::fetch_count() const {
  std::lock_guard lock(mutex_);
  return fetches_;
}

}  // namespace sanad::auth
