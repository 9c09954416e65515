// The Redis rate limiter. One EVAL per hit: trim the key's hits older than the
// window, count, and either record this hit or report when the oldest hit leaves
// the window. The script reads the server's clock (Redis 7 replicates script
// effects, so TIME is allowed), which keeps instances with skewed clocks exact.

#include "auth/redis_rate_limiter.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <algorithm>
#include <charconv>

#include "auth/base64url.h"
#include "auth/secrets.h"

namespace sanad::auth {

namespace {

constexpr std::string_view kKeyPrefix = "sanad:rl:";

// KEYS[1] the key; ARGV[1] window ms, ARGV[2] limit, ARGV[3] a unique member suffix.
// Returns {allowed (0/1), remaining, retry_after_ms}.
constexpr const char* kHitScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if n < limit then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - n - 1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local wait = tonumber(oldest[2]) + window - now
if wait < 1 then wait = 1 end
return {0, 0, wait}
)lua";

struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

Result<int> parse_number(std::string_view text, int low, int high, const char* what) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return invalid_argument(std::string("REDIS_URL: bad ") + what);
  }
  return value;
}

// Sends one command; kUnavailable (naming no secret) when the connection fails.
Result<Reply> command(redisContext* c, const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  std::vector<size_t> lens;
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  Reply reply(static_cast<redisReply*>(redisCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lens.data())));
  if (!reply) return unavailable(std::string("redis: ") + (c->errstr[0] != '\0' ? c->errstr : "no reply"));
  if (reply->type == REDIS_REPLY_ERROR) {
    return unavailable("redis: " + std::string(reply->str, reply->len));
  }
  return reply;
}

}  // namespace

Result<RedisEndpoint> parse_redis_url(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, kScheme.size()) != kScheme) return invalid_argument("REDIS_URL must start with redis://");
  std::string_view rest = url.substr(kScheme.size());
  RedisEndpoint out;
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = credentials.find(':');
    if (colon == std::string_view::npos) {
      out.password = std::string(credentials);
    } else {
      out.user = std::string(credentials.substr(0, colon));
      out.password = std::string(credentials.substr(colon + 1));
    }
  }
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (auto slash = rest.find('/'); slash != std::string_view::npos && slash + 1 < rest.size()) {
    SANAD_ASSIGN_OR_RETURN(out.database, parse_number(rest.substr(slash + 1), 0, 1 << 20, "database number"));
  }
  if (auto colon = authority.rfind(':'); colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    SANAD_ASSIGN_OR_RETURN(out.port, parse_number(authority.substr(colon + 1), 1, 65535, "port"));
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return invalid_argument("REDIS_URL has no host");
  out.host = std::string(authority);
  return out;
}

void RedisRateLimiter::ContextDeleter::operator()(redisContext* c) const { redisFree(c); }

Result<std::unique_ptr<RedisRateLimiter>> RedisRateLimiter::connect(std::string_view url,
                                                                   RedisRateLimiterOptions options) {
  SANAD_ASSIGN_OR_RETURN(RedisEndpoint endpoint, parse_redis_url(url));
  std::unique_ptr<RedisRateLimiter> limiter(new RedisRateLimiter(std::move(endpoint), options));
  SANAD_ASSIGN_OR_RETURN(Context c, limiter->open());
  SANAD_ASSIGN_OR_RETURN(Reply pong, command(c.get(), {"PING"}));
  limiter->give_back(std::move(c));
  return limiter;
}

RedisRateLimiter::~RedisRateLimiter() = default;

Result<RedisRateLimiter::Context> RedisRateLimiter::open() const {
  Context c(redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, to_timeval(options_.connect_timeout)));
  if (!c) return unavailable("redis: cannot allocate a connection");
  if (c->err != 0) return unavailable(std::string("redis: cannot connect: ") + c->errstr);
  if (redisSetTimeout(c.get(), to_timeval(options_.command_timeout)) != REDIS_OK) {
    return unavailable("redis: cannot set the command timeout");
  }
  if (!endpoint_.password.empty()) {
    std::vector<std::string> auth{"AUTH"};
    if (!endpoint_.user.empty()) auth.push_back(endpoint_.user);
    auth.push_back(endpoint_.password);
    auto reply = command(c.get(), auth);
    if (!reply) return unavailable("redis: authentication failed");
  }
  if (endpoint_.database != 0) {
    SANAD_ASSIGN_OR_RETURN(Reply selected, command(c.get(), {"SELECT", std::to_string(endpoint_.database)}));
  }
  return c;
}

Result<RedisRateLimiter::Context> RedisRateLimiter::borrow() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      Context c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return open();
}

void RedisRateLimiter::give_back(Context context) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < options_.max_idle_connections) idle_.push_back(std::move(context));
}

Result<RateDecision> RedisRateLimiter::hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) {
  if (limit == 0 || limit > kMaxLimit) return invalid_argument("rate limit must be between 1 and 10000");
  if (window.count() <= 0) return invalid_argument("rate window must be positive");
  SANAD_ASSIGN_OR_RETURN(Context c, borrow());
  // A connection that failed is dropped (not given back): its state is unknown.
  SANAD_ASSIGN_OR_RETURN(Reply reply, command(c.get(), {"EVAL", kHitScript, "1", std::string(kKeyPrefix) + std::string(key),
                                                        std::to_string(window.count()), std::to_string(limit),
                                                        base64url_encode(random_bytes(9))}));
  give_back(std::move(c));
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 3) return unavailable("redis: unexpected script reply");
  for (size_t i = 0; i < 3; ++i) {
    if (reply->element[i]->type != REDIS_REPLY_INTEGER) return unavailable("redis: unexpected script reply");
  }
  RateDecision d;
  d.allowed = reply->element[0]->integer == 1;
  d.limit = limit;
  d.remaining = static_cast<uint32_t>(std::max<long long>(0, reply->element[1]->integer));
  d.retry_after = std::chrono::milliseconds(d.allowed ? 0 : std::max<long long>(1, reply->element[2]->integer));
  return d;
}

Status RedisRateLimiter::reset(std::string_view key) {
  SANAD_ASSIGN_OR_RETURN(Context c, borrow());
  SANAD_ASSIGN_OR_RETURN(Reply reply, command(c.get(), {"DEL", std::string(kKeyPrefix) + std::string(key)}));
  give_back(std::move(c));
  return {};
}

}  // namespace sanad::auth
