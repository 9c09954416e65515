#include "auth/oidc_token_exchange.h"

#include <nlohmann/json.hpp>

#include "auth/oidc_request.h"

namespace sanad::auth {

std::string token_request_body(const CodeExchange& exchange) {
  std::string body = "grant_type=authorization_code";
  auto add = [&](const char* name, const std::string& value) {
    body += '&';
    body += name;
    body += '=';
    body += url_encode(value);
  };
  add("code", exchange.code);
  add("redirect_uri", exchange.redirect_uri);
  add("client_id", exchange.client_id);
  if (!exchange.client_secret.empty()) add("client_secret", exchange.client_secret);
  add("code_verifier", exchange.code_verifier);
  return body;
}

Result<TokenResponse> parse_token_response(std::string_view json_text) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return unauthenticated("token endpoint answer is not a JSON object");
  if (auto error = doc.find("error"); error != doc.end()) {
    return unauthenticated("token endpoint refused: " + (error->is_string() ? error->get<std::string>() : "error"));
  }
  auto text = [&](const char* name) {
    auto it = doc.find(name);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  TokenResponse out{text("id_token"), text("access_token"), text("token_type")};
  if (out.id_token.empty()) return unauthenticated("token endpoint returned no id_token");
  return out;
}

Result<TokenResponse> exchange_code(const CodeExchange& exchange, const PostFormFunction& post) {
  if (exchange.code.empty() || exchange.code.size() > 2048) return unauthenticated("missing or oversized code");
  SANAD_ASSIGN_OR_RETURN(std::string answer, post(exchange.token_endpoint, token_request_body(exchange)));
  return parse_token_response(answer);
}

}  // namespace sanad::auth
