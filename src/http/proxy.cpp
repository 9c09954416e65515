#include "http/proxy.h"

#include <boost/asio/ip/address.hpp>

#include "core/strings.h"

namespace sanad::http {

std::optional<IpNetwork> parse_address(std::string_view text) {
  text = core::trim(text);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  boost::system::error_code ec;
  auto addr = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  IpNetwork net;
  if (addr.is_v4()) {
    auto v4 = addr.to_v4().to_bytes();
    net.bytes[10] = 0xff;
    net.bytes[11] = 0xff;
    for (size_t i = 0; i < 4; ++i) net.bytes[12 + i] = v4[i];
  } else {
    auto v6 = addr.to_v6().to_bytes();
    for (size_t i = 0; i < 16; ++i) net.bytes[i] = v6[i];
  }
  net.prefix = 128;
  return net;
}

Result<IpNetwork> parse_network(std::string_view text) {
  text = core::trim(text);
  std::string_view addr_part = text;
  std::optional<unsigned> prefix;
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    addr_part = text.substr(0, slash);
    std::string_view p = text.substr(slash + 1);
    if (p.empty() || p.size() > 3) return invalid_argument("bad network prefix in '" + std::string(text) + "'");
    unsigned v = 0;
    for (char c : p) {
      if (c < '0' || c > '9') return invalid_argument("bad network prefix in '" + std::string(text) + "'");
      v = v * 10 + static_cast<unsigned>(c - '0');
    }
    prefix = v;
  }
  auto net = parse_address(addr_part);
  if (!net) return invalid_argument("not an IP address or network: '" + std::string(text) + "'");
  bool v4 = addr_part.find(':') == std::string_view::npos;
  if (prefix) {
    unsigned max = v4 ? 32 : 128;
    if (*prefix > max) return invalid_argument("network prefix too long in '" + std::string(text) + "'");
    net->prefix = v4 ? *prefix + 96 : *prefix;
  }
  return *net;
}

namespace {
bool in_network(const IpNetwork& net, const IpNetwork& addr) {
  unsigned full = net.prefix / 8;
  for (unsigned i = 0; i < full; ++i) {
    if (net.bytes[i] != addr.bytes[i]) return false;
  }
  unsigned rest = net.prefix % 8;
  if (rest == 0) return true;
  auto mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (net.bytes[full] & mask) == (addr.bytes[full] & mask);
}

std::string_view last_token(std::string_view list) {
  size_t comma = list.rfind(',');
  return core::trim(comma == std::string_view::npos ? list : list.substr(comma + 1));
}
}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  for (const auto& e : entries) {
    if (core::trim(e).empty()) continue;
    auto net = parse_network(e);
    if (!net.is_ok()) return net.status().with_context("SANAD_TRUSTED_PROXIES");
    out.networks_.push_back(*net);
  }
  return out;
}

bool TrustedProxies::contains(std::string_view ip) const {
  auto addr = parse_address(ip);
  if (!addr) return false;
  for (const auto& n : networks_) {
    if (in_network(n, *addr)) return true;
  }
  return false;
}

void TrustedProxies::apply(Request& req) const {
  if (networks_.empty() || !contains(req.peer_ip)) return;
  std::string_view xff = req.header("X-Forwarded-For");
  if (!xff.empty()) {
    auto parts = core::split(xff, ',');
    std::string chosen;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      std::string_view ip = core::trim(*it);
      if (!parse_address(ip)) break;  // garbage: stop trusting the chain here
      chosen.assign(ip);
      if (!contains(ip)) break;
    }
    if (!chosen.empty()) req.client_ip = chosen;
  }
  std::string_view proto = last_token(req.header("X-Forwarded-Proto"));
  if (!proto.empty()) req.secure = core::iequals(proto, "https");
  std::string_view host = last_token(req.header("X-Forwarded-Host"));
  if (!host.empty()) req.host = normalize_host(host);
}

Middleware trusted_proxy_middleware(TrustedProxies proxies) {
  return [proxies = std::move(proxies)](Request& req, const Next& next) {
    proxies.apply(req);
    return next(req);
  };
}

}  // namespace sanad::http
