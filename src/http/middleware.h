#pragma once
// Middleware: functions wrapped around the router, composed in the order added.
// Each receives the request and a Next that runs the rest of the chain; it may
// answer by itself (CORS preflight, host rejection) or decorate what Next returns.
// A Pipeline is built at start-up and then only read: run() is thread-safe as long
// as each middleware is (all the provided ones are).

#include <cstddef>
#include <functional>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace sanad::http {

class Pipeline;

// Runs the remainder of a pipeline. Cheap to copy (two words); no allocation.
class Next {
 public:
  Next(const Pipeline& pipeline, size_t index) : pipeline_(&pipeline), index_(index) {}
  Response operator()(Request& req) const;

 private:
  const Pipeline* pipeline_;
  size_t index_;
};

using Middleware = std::function<Response(Request&, const Next&)>;

class Pipeline {
 public:
  // Appends a middleware (runs after the ones already added, before the terminal).
  void use(Middleware middleware) { middleware_.push_back(std::move(middleware)); }
  // The innermost step, normally Router::dispatch.
  void set_terminal(std::function<Response(Request&)> terminal) { terminal_ = std::move(terminal); }
  Response run(Request& req) const { return step(req, 0); }

 private:
  friend class Next;
  Response step(Request& req, size_t index) const;

  std::vector<Middleware> middleware_;
  std::function<Response(Request&)> terminal_;
};

}  // namespace sanad::http
