#pragma once
// The client side of starting an OpenID Connect authorization-code flow: PKCE (S256),
// `state` and `nonce` values, and the authorization URL. The caller keeps
// {state, nonce, code_verifier} server-side (or in a signed, short-lived cookie) and
// checks them on the callback; each must be accepted once only. Pure functions
// apart from the CSPRNG; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sanad::auth {

struct Pkce {
  std::string verifier;   // 43 characters of base64url (256 random bits); kept secret
  std::string challenge;  // base64url(SHA-256(verifier)); sent with method S256
};

// A fresh PKCE pair.
Pkce make_pkce();
// The S256 challenge for a given verifier (RFC 7636 section 4.2).
std::string pkce_challenge(std::string_view verifier);

// 256-bit random values, base64url.
std::string make_state();
std::string make_nonce();

struct AuthorizationRequest {
  std::string authorization_endpoint;  // from discovery
  std::string client_id;
  std::string redirect_uri;
  std::string scope = "openid email profile";
  std::string state;
  std::string nonce;
  std::string code_challenge;          // S256
  std::vector<std::pair<std::string, std::string>> extra;  // e.g. {"prompt", "select_account"}
};

// The URL to send the browser to. kInvalidArgument when the endpoint is not an
// absolute http(s) URL or a required value is empty.
Result<std::string> build_authorization_url(const AuthorizationRequest& request);

// RFC 3986 percent-encoding of everything but unreserved characters.
std::string url_encode(std::string_view text);

}  // namespace sanad::auth
