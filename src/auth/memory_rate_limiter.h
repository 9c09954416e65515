#pragma once
// In-process RateLimiter: an exact sliding-window log (the times of the accepted
// hits, at most `limit` per key), in 16 shards each with its own mutex. Memory is
// bounded by `max_keys`: when a shard is full, the key touched least recently is
// forgotten (its window restarts), which only happens with more distinct keys than
// max_keys inside one window. Thread-safe.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "auth/rate_limiter.h"
#include "auth/time_source.h"

namespace sanad::auth {

struct MemoryRateLimiterOptions {
  size_t max_keys = 100'000;
};

class MemoryRateLimiter final : public RateLimiter {
 public:
  explicit MemoryRateLimiter(MemoryRateLimiterOptions options = {}, TimeSource now = system_time());
  ~MemoryRateLimiter() override;

  Result<RateDecision> hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) override;
  Status reset(std::string_view key) override;

  // Keys currently tracked (for tests and metrics).
  size_t key_count() const;

 private:
  struct Shard;
  Shard& shard_for(std::string_view key) const;

  static constexpr size_t kShards = 16;
  size_t max_keys_per_shard_;
  TimeSource now_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace sanad::auth
