#pragma once
// Where a Redis server is: parsed from REDIS_URL. Pure; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sanad::redis {

// redis://[[user]:password@]host[:port][/db] (port 6379 and db 0 by default).
struct RedisEndpoint {
  std::string host;
  uint16_t port = 6379;
  std::string user;
  std::string password;  // secret
  int database = 0;
};

// Parses a redis:// URL; kInvalidArgument otherwise (the message never holds the password).
Result<RedisEndpoint> parse_redis_url(std::string_view url);

}  // namespace sanad::redis
