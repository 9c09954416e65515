#include "auth/memory_rate_limiter.h"

#include <algorithm>
#include <functional>

namespace sanad::auth {

struct MemoryRateLimiter::Shard {
  struct Entry {
    std::vector<int64_t> hits;  // accepted hit times, oldest first, size <= limit
    std::list<std::string>::iterator lru;
  };
  std::mutex mutex;
  std::unordered_map<std::string, Entry> entries;
  std::list<std::string> lru;  // front: least recently touched
};

MemoryRateLimiter::MemoryRateLimiter(MemoryRateLimiterOptions options, TimeSource now)
    : max_keys_per_shard_(std::max<size_t>(1, options.max_keys / kShards)), now_(std::move(now)) {
  shards_.reserve(kShards);
  for (size_t i = 0; i < kShards; ++i) shards_.push_back(std::make_unique<Shard>());
}

MemoryRateLimiter::~MemoryRateLimiter() = default;

MemoryRateLimiter::Shard& MemoryRateLimiter::shard_for(std::string_view key) const {
  return *shards_[std::hash<std::string_view>{}(key) % kShards];
}

Result<RateDecision> MemoryRateLimiter::hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) {
  if (limit == 0 || limit > kMaxLimit) return invalid_argument("rate limit must be between 1 and 10000");
  if (window.count() <= 0) return invalid_argument("rate window must be positive");
  const int64_t now = now_();
  Shard& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);

  auto it = shard.entries.find(std::string(key));
  if (it == shard.entries.end()) {
    if (shard.entries.size() >= max_keys_per_shard_) {
      shard.entries.erase(shard.lru.front());
      shard.lru.pop_front();
    }
    shard.lru.emplace_back(key);
    it = shard.entries.emplace(std::string(key), Shard::Entry{{}, std::prev(shard.lru.end())}).first;
  } else {
    shard.lru.splice(shard.lru.end(), shard.lru, it->second.lru);
  }

  auto& hits = it->second.hits;
  const int64_t horizon = now - window.count();
  hits.erase(hits.begin(), std::upper_bound(hits.begin(), hits.end(), horizon));
  // A smaller limit than last time for the same key: only the newest hits matter.
  if (hits.size() > limit) hits.erase(hits.begin(), hits.end() - limit);

  RateDecision decision;
  decision.limit = limit;
  if (hits.size() < limit) {
    hits.push_back(std::max(now, hits.empty() ? now : hits.back()));
    decision.allowed = true;
    decision.remaining = limit - static_cast<uint32_t>(hits.size());
    return decision;
  }
  decision.allowed = false;
  decision.remaining = 0;
  decision.retry_after = std::chrono::milliseconds(std::max<int64_t>(1, hits.front() + window.count() - now));
  return decision;
}

Status MemoryRateLimiter::reset(std::string_view key) {
  Shard& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  auto it = shard.entries.find(std::string(key));
  if (it != shard.entries.end()) {
    shard.lru.erase(it->second.lru);
    shard.entries.erase(it);
  }
  return Status::ok();
}

size_t MemoryRateLimiter::key_count() const {
  size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    total += shard->entries.size();
  }
  return total;
}

}  // namespace sanad::auth
