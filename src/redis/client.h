#pragma once
// A Redis client shared by the services of one process: a pool of synchronous
// hiredis connections to one endpoint. A caller runs one command; the client takes
// an idle connection (or opens one: connect timeout, then AUTH and SELECT as the
// endpoint says), runs it under the command timeout and gives the connection back.
// Any transport or server error is kUnavailable and the connection is dropped, so
// the next command opens a fresh one: a Redis that restarts is picked up again
// without any action. Connections open lazily: constructing never touches the
// network. Thread-safe; one instance is shared by every user of REDIS_URL.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "redis/endpoint.h"

namespace sanad::redis {

// One reply, copied out of hiredis: a plain value the caller owns.
struct Reply {
  enum class Type { kNil, kString, kStatus, kInteger, kArray };
  Type type = Type::kNil;
  std::string str;        // kString (bulk) and kStatus ("OK")
  long long integer = 0;  // kInteger
  std::vector<Reply> elements;  // kArray

  bool is_nil() const { return type == Type::kNil; }
};

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds command_timeout{500};
  size_t max_idle_connections = 8;
};

class Client {
 public:
  explicit Client(RedisEndpoint endpoint, ClientOptions options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Runs one command given as its arguments (binary-safe), e.g. {"SET", key, value}.
  // kUnavailable when Redis cannot be reached, times out or answers an error.
  Result<Reply> command(const std::vector<std::string>& args);

  struct Connection;

 private:
  Result<std::unique_ptr<Connection>> take();
  void give_back(std::unique_ptr<Connection> connection);

  RedisEndpoint endpoint_;
  ClientOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace sanad::redis
