#pragma once
// Shorthands for http::RouteOptions (designated initializers would leave members
// uninitialised in the eyes of -Wmissing-field-initializers).

#include <string>

#include "http/router.h"

namespace sanad::api {

inline http::RouteOptions pooled(std::string name) {
  http::RouteOptions options;
  options.name = std::move(name);
  return options;
}

// A pooled route whose JSON body is small (sign-in forms, settings): 8 KiB at most.
inline http::RouteOptions small_body(std::string name) {
  http::RouteOptions options = pooled(std::move(name));
  options.max_body_bytes = size_t{8 * 1024};
  return options;
}

inline http::RouteOptions inline_route(std::string name) {
  http::RouteOptions options = pooled(std::move(name));
  options.dispatch = http::Dispatch::kInline;
  return options;
}

}  // namespace sanad::api
