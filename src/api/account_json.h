#pragma once
// JSON shapes of accounts and groups, and the small request-body helpers the
// account routes share. Pure functions; thread-safe.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "accounts/group_service.h"
#include "accounts/user_service.h"
#include "auth/rate_limiter.h"
#include "core/status.h"
#include "http/request.h"
#include "http/response.h"

namespace sanad::api {

// {id, email, name, role, active, created_at, last_login_at}; never the hash.
nlohmann::json user_to_json(const accounts::User& user);
// {id, name, created_at, member_ids}.
nlohmann::json group_to_json(const accounts::Group& group);

// The body as a JSON object; kInvalidArgument when it is not one.
Result<nlohmann::json> parse_object_body(const http::Request& req);
// body[name] as a string: nullopt when absent or null; kInvalidArgument when of
// another type.
Result<std::optional<std::string>> optional_string(const nlohmann::json& body, const char* name);
// As optional_string, kInvalidArgument naming the field when absent.
Result<std::string> required_string(const nlohmann::json& body, const char* name);

// 429 rate_limited with Retry-After (whole seconds, at least 1).
http::Response rate_limited(const auth::RateDecision& decision);
// The error for a failed service call: kResourceExhausted from the password hasher
// (every hashing slot busy) becomes 503 with Retry-After: 1; the rest maps as usual.
http::Response service_error(const Status& status);

}  // namespace sanad::api
