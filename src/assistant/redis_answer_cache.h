#pragma once
// The AnswerCache shared by every instance through Redis (REDIS_URL). An answer is
// stored as JSON {key, text, citations, answered} under `sanad:answer:` + the hex
// SHA-256 of the full key, with `SET ... PX ttl`; a read checks the stored key, so a
// digest collision or a foreign value is a miss, and a malformed value is a miss
// too. The key holds the index version, which is the same on every instance for the
// same database, so an answer given on one instance is served by the others until
// the index moves.
//
// Redis never fails an answer: when a command fails (kUnavailable), reads and
// writes go to the in-process `fallback` and Redis is not asked again for
// `retry_after` (no connect timeout added to every question during an outage); a
// warning is logged once when the outage starts and a line once when Redis answers
// again, after which Redis is used again. Answers stored in the fallback during an
// outage stay there. Thread-safe; the client, the fallback and the logger must
// outlive the cache.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "assistant/answer_cache.h"
#include "core/log.h"
#include "redis/client.h"

namespace sanad::assistant {

struct RedisAnswerCacheOptions {
  std::chrono::milliseconds ttl = std::chrono::hours(24);  // SANAD_ANSWER_CACHE_TTL_SECONDS
  std::string key_prefix = "sanad:answer:";
  std::chrono::milliseconds retry_after = std::chrono::seconds(5);
};

class RedisAnswerCache final : public AnswerCache {
 public:
  RedisAnswerCache(redis::Client& client, AnswerCache& fallback, core::Logger& logger,
                   RedisAnswerCacheOptions options = {});

  std::optional<CachedAnswer> get(const std::string& key) override;
  void put(const std::string& key, CachedAnswer answer) override;

  // True while answers go to the fallback.
  bool degraded() const { return down_.load(); }
  // The Redis key an answer for `key` is stored under.
  std::string redis_key(const std::string& key) const;

 private:
  bool redis_allowed() const;
  void mark_down(const Status& why);
  void mark_up();

  redis::Client& client_;
  AnswerCache& fallback_;
  core::Logger& logger_;
  RedisAnswerCacheOptions options_;
  std::atomic<bool> down_{false};
  std::atomic<int64_t> retry_at_ms_{0};  // steady clock
};

// The stored form of `answer` for `key` (JSON).
std::string encode_cached_answer(const std::string& key, const CachedAnswer& answer);
// The answer in `value` when it is well-formed and was stored for exactly `key`;
// nullopt otherwise (never throws).
std::optional<CachedAnswer> decode_cached_answer(std::string_view value, const std::string& key);

}  // namespace sanad::assistant
