#include "redis/client.h"

#include <hiredis.h>

namespace sanad::redis {

namespace {

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

Reply copy_reply(const redisReply& r) {
  Reply out;
  switch (r.type) {
    case REDIS_REPLY_STRING:
      out.type = Reply::Type::kString;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = Reply::Type::kStatus;
      out.str.assign(r.str, r.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = Reply::Type::kInteger;
      out.integer = r.integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::kArray;
      out.elements.reserve(r.elements);
      for (size_t i = 0; i < r.elements; ++i) out.elements.push_back(copy_reply(*r.element[i]));
      break;
    default:
      out.type = Reply::Type::kNil;
      break;
  }
  return out;
}

}  // namespace

struct Client::Connection {
  redisContext* context = nullptr;
  ~Connection() {
    if (context != nullptr) redisFree(context);
  }
  // One command; kUnavailable on any transport or server error (the connection is
  // then unusable and must not be given back).
  Result<Reply> run(const std::vector<std::string>& args) {
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
    return copy_reply(*reply);
  }
};

Client::Client(RedisEndpoint endpoint, ClientOptions options)
    : endpoint_(std::move(endpoint)), options_(options) {}

Client::~Client() = default;

Result<std::unique_ptr<Client::Connection>> Client::take() {
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
    if (auto r = c->run(auth); !r) return unavailable("redis: authentication failed");
  }
  if (endpoint_.database != 0) {
    SANAD_ASSIGN_OR_RETURN(Reply r, c->run({"SELECT", std::to_string(endpoint_.database)}));
    (void)r;
  }
  return c;
}

void Client::give_back(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < options_.max_idle_connections) idle_.push_back(std::move(connection));
}

Result<Reply> Client::command(const std::vector<std::string>& args) {
  SANAD_ASSIGN_OR_RETURN(auto connection, take());
  SANAD_ASSIGN_OR_RETURN(Reply reply, connection->run(args));
  give_back(std::move(connection));
  return reply;
}

}  // namespace sanad::redis
