#pragma once
// The back-channel step of the authorization-code flow: the form body sent to the
// provider's token endpoint (client_secret_post, with the PKCE verifier) and the
// parsing of its JSON answer. The POST itself goes through an injected function
// (http_post_form in http_fetch.h in production), so tests need no network.
// Pure functions; thread-safe.

#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace sanad::auth {

struct CodeExchange {
  std::string token_endpoint;
  std::string client_id;
  std::string client_secret;
  std::string code;           // from the callback
  std::string code_verifier;  // from the PendingLogin
  std::string redirect_uri;   // exactly as sent in the authorization request
};

struct TokenResponse {
  std::string id_token;
  std::string access_token;  // the provider's; Sanad does not use it further
  std::string token_type;
};

// application/x-www-form-urlencoded body for the token request.
std::string token_request_body(const CodeExchange& exchange);

// Parses the token endpoint's answer; an "error" member or a missing id_token is
// kUnauthenticated (with the provider's error code in the message).
Result<TokenResponse> parse_token_response(std::string_view json_text);

// POSTs a form body to a URL and returns the response body. Must be thread-safe.
using PostFormFunction = std::function<Result<std::string>(const std::string& url, const std::string& body)>;

// token_request_body + post + parse_token_response.
Result<TokenResponse> exchange_code(const CodeExchange& exchange, const PostFormFunction& post);

}  // namespace sanad::auth
