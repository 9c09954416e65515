#include "auth/failover_rate_limiter.h"

namespace sanad::auth {

bool FailoverRateLimiter::primary_allowed() const { return now_() >= down_until_ms_.load(); }

bool FailoverRateLimiter::degraded() const { return !primary_allowed(); }

void FailoverRateLimiter::mark_down(const Status& why) {
  int64_t now = now_();
  int64_t previous = down_until_ms_.exchange(now + retry_after_.count());
  if (previous <= now) {
    logger_.warn("shared rate limiter unreachable: using the in-process limiter (limits now per instance)",
                 {{"error", why.to_string()}, {"retry_ms", static_cast<int64_t>(retry_after_.count())}});
  }
}

Result<RateDecision> FailoverRateLimiter::hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) {
  if (primary_allowed()) {
    auto decision = primary_.hit(key, limit, window);
    if (decision || decision.status().code() != ErrorCode::kUnavailable) return decision;
    mark_down(decision.status());
  }
  return fallback_.hit(key, limit, window);
}

Status FailoverRateLimiter::reset(std::string_view key) {
  // Both: hits may have been recorded in either while the primary came and went.
  Status fallback = fallback_.reset(key);
  if (primary_allowed()) {
    Status primary = primary_.reset(key);
    if (!primary && primary.code() == ErrorCode::kUnavailable) {
      mark_down(primary);
    } else if (!primary) {
      return primary;
    }
  }
  return fallback;
}

}  // namespace sanad::auth
