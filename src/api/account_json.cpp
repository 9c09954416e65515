#include "api/account_json.h"

#include "core/clock.h"

namespace sanad::api {

nlohmann::json user_to_json(const accounts::User& user) {
  nlohmann::json j = {{"id", user.id},
                      {"email", user.email},
                      {"name", user.name},
                      {"role", user.role},
                      {"active", user.active},
                      {"created_at", core::iso8601_ms(user.created_at_ms)}};
  j["last_login_at"] = user.last_login_at_ms ? nlohmann::json(core::iso8601_ms(*user.last_login_at_ms)) : nullptr;
  return j;
}

nlohmann::json group_to_json(const accounts::Group& group) {
  return {{"id", group.id},
          {"name", group.name},
          {"created_at", core::iso8601_ms(group.created_at_ms)},
          {"member_ids", group.member_ids}};
}

Result<nlohmann::json> parse_object_body(const http::Request& req) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return invalid_argument("the body must be a JSON object");
  return body;
}

Result<std::optional<std::string>> optional_string(const nlohmann::json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return invalid_argument(std::string("'") + name + "' must be a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::string> required_string(const nlohmann::json& body, const char* name) {
  SANAD_ASSIGN_OR_RETURN(auto value, optional_string(body, name));
  if (!value) return invalid_argument(std::string("'") + name + "' is required");
  return std::move(*value);
}

http::Response rate_limited(const auth::RateDecision& decision) {
  auto seconds = (decision.retry_after.count() + 999) / 1000;
  if (seconds < 1) seconds = 1;
  http::Response r = http::error_response(429, "rate_limited", "too many attempts; try again later");
  r.set_header("Retry-After", std::to_string(seconds));
  return r;
}

http::Response service_error(const Status& status) {
  if (status.code() == ErrorCode::kResourceExhausted) {
    http::Response r = http::error_response(503, "unavailable", "the server is busy; try again shortly");
    r.set_header("Retry-After", "1");
    return r;
  }
  return http::error_response(status);
}

}  // namespace sanad::api
