#include "http/router.h"

#include <algorithm>
#include <stdexcept>

#include "core/strings.h"
#include "http/path.h"

namespace sanad::http {

namespace {
// Orders ASCII strings ignoring case, so literal segments match without allocating.
struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
      unsigned char x = static_cast<unsigned char>(a[i]);
      unsigned char y = static_cast<unsigned char>(b[i]);
      if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x - 'A' + 'a');
      if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y - 'A' + 'a');
      if (x != y) return x < y;
    }
    return a.size() < b.size();
  }
};
}  // namespace

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, CaseInsensitiveLess> literals;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::map<std::string, const Route*, std::less<>> methods;  // upper-case method -> route
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::add(std::string_view method, std::string_view pattern, Handler handler, RouteOptions options) {
  auto normalised = normalize_path(pattern);
  if (!normalised.is_ok() || *normalised != pattern) {
    throw std::logic_error("route pattern must be a normalised path: " + std::string(pattern));
  }
  Node* node = root_.get();
  for (std::string_view segment : path_segments(pattern)) {
    if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}') {
      std::string name(segment.substr(1, segment.size() - 2));
      if (!node->param) {
        node->param = std::make_unique<Node>();
        node->param->param_name = name;
      } else if (node->param->param_name != name) {
        throw std::logic_error("conflicting parameter names in route " + std::string(pattern));
      }
      node = node->param.get();
    } else {
      if (segment.find_first_of("{}") != std::string_view::npos) {
        throw std::logic_error("malformed route segment in " + std::string(pattern));
      }
      auto& child = node->literals[std::string(segment)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  std::string m(method);
  for (char& c : m) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (node->methods.count(m) != 0) {
    throw std::logic_error("duplicate route " + m + " " + std::string(pattern));
  }
  auto route = std::make_unique<Route>();
  route->method = m;
  route->pattern = std::string(pattern);
  route->handler = std::move(handler);
  route->options = std::move(options);
  if (route->options.name.empty()) route->options.name = route->pattern;
  route->index = routes_.size();
  node->methods[m] = route.get();
  routes_.push_back(std::move(route));
  if (fallback_) fallback_->index = routes_.size();
}

void Router::set_fallback(Handler handler, RouteOptions options) {
  fallback_ = std::make_unique<Route>();
  fallback_->method = "GET";
  fallback_->pattern = "*";
  fallback_->handler = std::move(handler);
  fallback_->options = std::move(options);
  if (fallback_->options.name.empty()) fallback_->options.name = "fallback";
  fallback_->index = routes_.size();  // a slot after the regular routes
}

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

template <typename NodeT>
const NodeT* find_node(const NodeT* node, const std::vector<std::string_view>& segments, size_t i,
                       Params& params) {
  if (i == segments.size()) return node->methods.empty() ? nullptr : node;
  if (auto it = node->literals.find(segments[i]); it != node->literals.end()) {
    if (const NodeT* found = find_node<NodeT>(it->second.get(), segments, i + 1, params)) return found;
  }
  if (node->param) {
    params.emplace_back(node->param->param_name, std::string(segments[i]));
    if (const NodeT* found = find_node<NodeT>(node->param.get(), segments, i + 1, params)) return found;
    params.pop_back();
  }
  return nullptr;
}

}  // namespace

void Router::match(Request& req) const {
  req.route = nullptr;
  req.params.clear();
  req.allowed_methods.clear();
  req.is_head = false;
  if (!req.path_error.empty()) {
    req.match = MatchResult::kBadPath;
    return;
  }
  auto segments = path_segments(req.path);
  const Node* node = find_node<Node>(root_.get(), segments, 0, req.params);
  if (node == nullptr) {
    req.params.clear();
    if (fallback_ && (req.method == "GET" || req.method == "HEAD")) {
      req.match = MatchResult::kFallback;
      req.route = fallback_.get();
      req.is_head = req.method == "HEAD";
      return;
    }
    req.match = MatchResult::kNotFound;
    return;
  }
  auto it = node->methods.find(req.method);
  if (it == node->methods.end() && req.method == "HEAD") {
    it = node->methods.find("GET");
    req.is_head = it != node->methods.end();
  }
  if (it != node->methods.end()) {
    req.match = MatchResult::kFound;
    req.route = it->second;
    return;
  }
  req.match = MatchResult::kMethodNotAllowed;
  bool has_get = false;
  for (const auto& [m, route] : node->methods) {
    if (!req.allowed_methods.empty()) req.allowed_methods += ", ";
    req.allowed_methods += m;
    has_get = has_get || m == "GET";
  }
  if (has_get && node->methods.count("HEAD") == 0) req.allowed_methods += ", HEAD";
  if (node->methods.count("OPTIONS") == 0) req.allowed_methods += ", OPTIONS";
}

Response Router::dispatch(Request& req) const {
  switch (req.match) {
    case MatchResult::kFound:
    case MatchResult::kFallback:
      return req.route->handler(req);
    case MatchResult::kBadPath:
      return error_response(400, "invalid_argument", req.path_error);
    case MatchResult::kMethodNotAllowed: {
      if (req.method == "OPTIONS") {
        Response r = Response::no_content();
        r.set_header("Allow", req.allowed_methods);
        return r;
      }
      Response r = error_response(405, "method_not_allowed", "method not allowed");
      r.set_header("Allow", req.allowed_methods);
      return r;
    }
    case MatchResult::kNone:
    case MatchResult::kNotFound:
      break;
  }
  return error_response(404, "not_found", "no such resource");
}

Response Router::handle(Request& req) const {
  match(req);
  return dispatch(req);
}

}  // namespace sanad::http
