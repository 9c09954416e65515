#include "auth/redis_rate_limiter.h"

#include <algorithm>
#include <atomic>

#include "auth/secrets.h"

namespace sanad::auth {

namespace {

// KEYS[1] the key; ARGV[1] window ms, ARGV[2] limit, ARGV[3] a unique member suffix.
// Returns {allowed (0/1), remaining, retry_after_ms}.
constexpr const char* kHitScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - count - 1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
local retry = tonumber(oldest[2]) + window - now
if retry < 1 then retry = 1 end
return {0, 0, retry}
)lua";

std::string unique_suffix() {
  static std::atomic<uint64_t> counter{0};
  static const std::string process = random_token().substr(0, 12);
  return process + ":" + std::to_string(counter.fetch_add(1, std::memory_order_relaxed));
}

}  // namespace

Result<RateDecision> RedisRateLimiter::hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) {
  if (limit == 0 || limit > kMaxLimit) return invalid_argument("rate limit must be between 1 and 10000");
  if (window.count() <= 0) return invalid_argument("rate window must be positive");
  SANAD_ASSIGN_OR_RETURN(redis::Reply reply,
                         client_.command({"EVAL", kHitScript, "1", options_.key_prefix + std::string(key),
                                          std::to_string(window.count()), std::to_string(limit), unique_suffix()}));
  if (reply.type != redis::Reply::Type::kArray || reply.elements.size() != 3) {
    return unavailable("redis: unexpected script reply");
  }
  for (const redis::Reply& element : reply.elements) {
    if (element.type != redis::Reply::Type::kInteger) return unavailable("redis: unexpected script reply");
  }
  RateDecision decision;
  decision.limit = limit;
  decision.allowed = reply.elements[0].integer == 1;
  decision.remaining = static_cast<uint32_t>(std::max<long long>(0, reply.elements[1].integer));
  decision.retry_after = std::chrono::milliseconds(decision.allowed ? 0 : std::max<long long>(1, reply.elements[2].integer));
  return decision;
}

Status RedisRateLimiter::reset(std::string_view key) {
  SANAD_ASSIGN_OR_RETURN(redis::Reply reply, client_.command({"DEL", options_.key_prefix + std::string(key)}));
  (void)reply;
  return {};
}

}  // namespace sanad::auth
