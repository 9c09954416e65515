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

inline http::RouteOptions inline_route(std::string name) {
  http::RouteOptions options = pooled(std::move(name));
  options.dispatch = http::Dispatch::kInline;
  return options;
}

}  // namespace sanad::api
