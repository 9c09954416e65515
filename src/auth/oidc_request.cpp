#include "auth/oidc_request.h"

#include "auth/base64url.h"
#include "auth/secrets.h"

namespace sanad::auth {

std::string pkce_challenge(std::string_view verifier) { return base64url_encode(sha256_raw(verifier)); }

Pkce make_pkce() {
  Pkce pkce;
  pkce.verifier = random_token();
  pkce.challenge = pkce_challenge(pkce.verifier);
  return pkce;
}

std::string make_state() { return random_token(); }
std::string make_nonce() { return random_token(); }

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Result<std::string> build_authorization_url(const AuthorizationRequest& request) {
  const std::string& endpoint = request.authorization_endpoint;
  if (endpoint.rfind("https://", 0) != 0 && endpoint.rfind("http://", 0) != 0) {
    return invalid_argument("authorization endpoint must be an absolute http(s) URL");
  }
  if (endpoint.find('#') != std::string::npos) return invalid_argument("authorization endpoint has a fragment");
  if (request.client_id.empty() || request.redirect_uri.empty() || request.state.empty() || request.nonce.empty() ||
      request.code_challenge.empty()) {
    return invalid_argument("authorization request is missing client_id, redirect_uri, state, nonce or PKCE");
  }
  std::vector<std::pair<std::string, std::string>> params = {
      {"response_type", "code"},
      {"client_id", request.client_id},
      {"redirect_uri", request.redirect_uri},
      {"scope", request.scope},
      {"state", request.state},
      {"nonce", request.nonce},
      {"code_challenge", request.code_challenge},
      {"code_challenge_method", "S256"},
  };
  params.insert(params.end(), request.extra.begin(), request.extra.end());
  std::string url = endpoint;
  char sep = endpoint.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [name, value] : params) {
    url.push_back(sep);
    url += url_encode(name);
    url.push_back('=');
    url += url_encode(value);
    sep = '&';
  }
  return url;
}

}  // namespace sanad::auth
