#pragma once
// Parsing a JSON request body into an object, with the API's error for bad input.

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "http/request.h"

namespace sanad::api {

// The body as a JSON object; invalid_argument when it is not one.
inline Result<nlohmann::json> json_object_body(const http::Request& req) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return invalid_argument("the request body must be a JSON object");
  return body;
}

// A string member (nullopt when absent or null); invalid_argument for another type.
inline Result<std::optional<std::string>> optional_string(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return invalid_argument(std::string("'") + name + "' must be a string");
  return std::optional<std::string>(it->get<std::string>());
}

}  // namespace sanad::api
