#include "http/request.h"

#include <system_error>

#include "http/path.h"
#include "http/router.h"

namespace sanad::http {

void TempFileGuard::reset() {
  if (!path_.empty()) {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
    path_.clear();
  }
}

std::string_view Request::header(std::string_view name) const {
  auto it = headers.find(boost::beast::string_view(name.data(), name.size()));
  if (it == headers.end()) return {};
  auto v = it->value();
  return {v.data(), v.size()};
}

bool Request::has_header(std::string_view name) const {
  return headers.find(boost::beast::string_view(name.data(), name.size())) != headers.end();
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string_view Request::param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return {};
}

std::string_view Request::route_name() const {
  if (route != nullptr) return route->options.name;
  if (match == MatchResult::kFallback) return "fallback";
  return "unmatched";
}

std::string normalize_host(std::string_view host) {
  std::string out;
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    out.assign(close == std::string_view::npos ? host : host.substr(0, close + 1));
  } else {
    out.assign(host.substr(0, host.find(':')));
  }
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void prepare_request(Request& req, std::string_view method, std::string_view target) {
  req.method.assign(method);
  req.target.assign(target);
  req.path.clear();
  req.path_error.clear();
  req.query.clear();
  req.is_head = false;
  std::string_view raw_path = target;
  std::string_view raw_query;
  if (size_t q = target.find('?'); q != std::string_view::npos) {
    raw_path = target.substr(0, q);
    raw_query = target.substr(q + 1);
  }
  if (size_t h = raw_path.find('#'); h != std::string_view::npos) raw_path = raw_path.substr(0, h);
  auto path = normalize_path(raw_path);
  if (!path.is_ok()) {
    req.path_error = path.status().message();
    return;
  }
  req.path = std::move(path).value();
  if (!raw_query.empty()) {
    auto query = parse_query(raw_query);
    if (!query.is_ok()) {
      req.path_error = "malformed query string";
      return;
    }
    req.query = std::move(query).value();
  }
}

}  // namespace sanad::http
