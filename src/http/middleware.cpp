#include "http/middleware.h"

namespace sanad::http {

Response Next::operator()(Request& req) const { return pipeline_->step(req, index_); }

Response Pipeline::step(Request& req, size_t index) const {
  if (index < middleware_.size()) return middleware_[index](req, Next(*this, index + 1));
  if (terminal_) return terminal_(req);
  return error_response(404, "not_found", "no such resource");
}

}  // namespace sanad::http
