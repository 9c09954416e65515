#pragma once
// Method + path-pattern routing. Patterns are normalised paths whose segments are
// literals (matched case-insensitively) or {name} parameters (one whole segment,
// case kept). A literal beats a parameter at the same position.
// Routes are added at start-up (not thread-safe); after Server::start() the router
// is only read and may be used from any thread.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace sanad::http {

using Handler = std::function<Response(Request&)>;

// Where a handler runs.
enum class Dispatch {
  kInline,  // on the I/O thread: only trivial, non-blocking handlers (/health/live, /metrics)
  kPool,    // on the handler pool (default): anything that may block (database, CPU)
};

struct RouteOptions {
  std::string name;                       // for metrics and logs; default: the pattern
  std::optional<size_t> max_body_bytes;   // 413 above; default HttpConfig::max_body_bytes
  std::string body_to_file;               // non-empty: spool the body to a temp file in this dir
  Dispatch dispatch = Dispatch::kPool;
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteOptions options;
  size_t index = 0;  // position in Router::routes(), used as the metrics slot
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Registers `handler` for `method` ("GET", ...) and `pattern` ("/api/documents/{id}").
  // Throws std::logic_error on a malformed pattern or a duplicate route (a start-up bug).
  void add(std::string_view method, std::string_view pattern, Handler handler, RouteOptions options = {});

  // The handler for GET/HEAD requests that match no route (e.g. StaticFiles).
  void set_fallback(Handler handler, RouteOptions options = {});

  // Classifies `req` (req.path must be prepared): sets match, route, params,
  // allowed_methods and is_head. Thread-safe after start-up.
  void match(Request& req) const;

  // Runs the matched handler, or answers 400/404/405 (and OPTIONS with Allow).
  // Requires match(req) to have run.
  Response dispatch(Request& req) const;

  // match() then dispatch(): for tests and simple callers.
  Response handle(Request& req) const;

  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }
  const Route* fallback() const { return fallback_.get(); }

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
  std::unique_ptr<Route> fallback_;
};

}  // namespace sanad::http
