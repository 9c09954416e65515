#include "auth/redis_rate_limiter.h"

#include <hiredis.h>

#include <atomic>
#include <charconv>

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

struct ReplyFree {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyFree>;

timeval to_timeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

std::string unique_suffix() {
  static std::atomic<uint64_t> counter{0};
  static const std::string process = random_token().substr(0, 12);
  return process + ":" + std::to_string(counter.fetch_add(1, std::memory_order_relaxed));
}

}  // namespace

struct RedisRateLimiter::Connection {
  redisContext* context = nullptr;
  ~Connection() {
    if (context != nullptr) redisFree(context);
  }
  // One command; kUnavailable on any transport or server error (the connection is
  // then unusable and must not be given back).
  Result<ReplyPtr> command(const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    for (const auto& a : args) {
      argv.push_back(a.data());
      lengths.push_back(a.size());
    }
    ReplyPtr reply(static_cast<redisReply*>(
        redisCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data())));
    if (!reply) return unavailable(std::string("redis: ") + (context->errstr[0] ? context->errstr : "no reply"));
    if (reply->type == REDIS_REPLY_ERROR) return unavailable("redis: " + std::string(reply->str, reply->len));
    return reply;
  }
};

Result<RedisEndpoint> parse_redis_url(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, kScheme.size()) != kScheme) return invalid_argument("REDIS_URL must start with redis://");
  std::string_view rest = url.substr(kScheme.size());
  RedisEndpoint e;
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = credentials.find(':');
    if (colon == std::string_view::npos) {
      e.password = std::string(credentials);
    } else {
      e.user = std::string(credentials.substr(0, colon));
      e.password = std::string(credentials.substr(colon + 1));
    }
  }
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) return invalid_argument("REDIS_URL has a malformed host");
    e.host = std::string(rest.substr(1, close - 1));
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else {
    auto colon = rest.find(':');
    e.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) port = rest.substr(colon + 1);
  }
  if (e.host.empty()) return invalid_argument("REDIS_URL has no host");
  if (!port.empty()) {
    unsigned value = 0;
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || p != port.data() + port.size() || value == 0 || value > 65535) {
      return invalid_argument("REDIS_URL has a bad port");
    }
    e.port = static_cast<uint16_t>(value);
  }
  if (!path.empty()) {
    auto [p, ec] = std::from_chars(path.data(), path.data() + path.size(), e.database);
    if (ec != std::errc() || p != path.data() + path.size() || e.database < 0) {
      return invalid_argument("REDIS_URL has a bad database number");
    }
  }
  return e;
}

RedisRateLimiter::RedisRateLimiter(RedisEndpoint endpoint, RedisRateLimiterOptions options)
    : endpoint_(std::move(endpoint)), options_(std::move(options)) {}

RedisRateLimiter::~RedisRateLimiter() = default;

Result<std::unique_ptr<RedisRateLimiter::Connection>> RedisRateLimiter::take() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  auto c = std::make_unique<Connection>();
  c->context = redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, to_timeval(options_.connect_timeout));
  if (c->context == nullptr) return unavailable("redis: cannot allocate a connection");
  if (c->context->err != 0) return unavailable(std::string("redis: ") + c->context->errstr);
  if (redisSetTimeout(c->context, to_timeval(options_.command_timeout)) != REDIS_OK) {
    return unavailable("redis: cannot set the command timeout");
  }
  if (!endpoint_.password.empty()) {
    std::vector<std::string> auth = {"AUTH"};
    if (!endpoint_.user.empty()) auth.push_back(endpoint_.user);
    auth.push_back(endpoint_.password);
    if (auto r = c->command(auth); !r) return unavailable("redis: authentication failed");
  }
  if (endpoint_.database != 0) {
    SANAD_ASSIGN_OR_RETURN(ReplyPtr r, c->command({"SELECT", std::to_string(endpoint_.database)}));
    (void)r;
  }
  return c;
}

void RedisRateLimiter::give_back(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < options_.max_idle_connections) idle_.push_back(std::move(connection));
}

Result<RateDecision> RedisRateLimiter::hit(std::string_view key, uint32_t limit, std::chrono::milliseconds window) {
  if (limit == 0 || limit > kMaxLimit) return invalid_argument("rate limit must be between 1 and 10000");
  if (window.count() <= 0) return invalid_argument("rate window must be positive");
  SANAD_ASSIGN_OR_RETURN(auto connection, take());
  SANAD_ASSIGN_OR_RETURN(ReplyPtr reply,
                         connection->command({"EVAL", kHitScript, "1", options_.key_prefix + std::string(key),
                                              std::to_string(window.count()), std::to_string(limit),
                                              unique_suffix()}));
  if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 3) return unavailable("redis: unexpected script reply");
  for (size_t i = 0; i < 3; ++i) {
    if (reply->element[i]->type != REDIS_REPLY_INTEGER) return unavailable("redis: unexpected script reply");
  }
  give_back(std::move(connection));
  RateDecision decision;
  decision.limit = limit;
  decision.allowed = reply->element[0]->integer == 1;
  decision.remaining = static_cast<uint32_t>(std::max<long long>(0, reply->element[1]->integer));
  decision.retry_after = std::chrono::milliseconds(decision.allowed ? 0 : std::max<long long>(1, reply->element[2]->integer));
  return decision;
}

Status RedisRateLimiter::reset(std::string_view key) {
  SANAD_ASSIGN_OR_RETURN(auto connection, take());
  SANAD_ASSIGN_OR_RETURN(ReplyPtr reply, connection->command({"DEL", options_.key_prefix + std::string(key)}));
  (void)reply;
  give_back(std::move(connection));
  return {};
}

}  // namespace sanad::auth
