#pragma once
// Trusted reverse proxies: X-Forwarded-For / -Proto / -Host are honoured only when
// the socket peer is one of them. Immutable after construction; thread-safe.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/middleware.h"

namespace sanad::http {

// An IPv4 or IPv6 network (IPv4 stored as IPv4-mapped IPv6).
struct IpNetwork {
  std::array<uint8_t, 16> bytes{};
  unsigned prefix = 128;
};

// Parses "10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8" (brackets and v4-mapped accepted).
Result<IpNetwork> parse_network(std::string_view text);
// Parses one address into a /128 network; nullopt when it is not an IP address.
std::optional<IpNetwork> parse_address(std::string_view text);

class TrustedProxies {
 public:
  // Fails on the first entry that is neither an IP nor a CIDR.
  static Result<TrustedProxies> parse(const std::vector<std::string>& entries);

  bool empty() const { return networks_.empty(); }
  bool contains(std::string_view ip) const;

  // Rewrites client_ip, secure and host from X-Forwarded-* when req.peer_ip is trusted:
  // client_ip becomes the right-most X-Forwarded-For entry that is not a trusted proxy.
  void apply(Request& req) const;

 private:
  std::vector<IpNetwork> networks_;
};

// Middleware form of TrustedProxies::apply (put it first in the chain).
Middleware trusted_proxy_middleware(TrustedProxies proxies);

}  // namespace sanad::http
