#pragma once
// OpenID Connect provider configuration: the discovery document
// (<issuer>/.well-known/openid-configuration) parsed and checked, and the Google
// preset. Pure functions; thread-safe.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sanad::auth {

struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
  std::string userinfo_endpoint;  // optional
  std::vector<std::string> code_challenge_methods_supported;  // may be empty (unadvertised)
};

struct DiscoveryOptions {
  // Endpoints must be https; plain http is accepted only for loopback hosts
  // (127.0.0.1, [::1], localhost) when this is true (development and tests).
  bool allow_http_loopback = false;
};

// "<issuer without trailing slash>/.well-known/openid-configuration".
std::string discovery_url(std::string_view issuer);

// Parses a discovery document. The document's issuer must equal `expected_issuer`
// exactly (OpenID Connect Discovery section 4.3); authorization_endpoint,
// token_endpoint and jwks_uri are required; RS256 must be among
// id_token_signing_alg_values_supported; when code_challenge_methods_supported is
// advertised it must include S256; response_types_supported must include "code".
// kInvalidArgument otherwise.
Result<ProviderMetadata> parse_discovery(std::string_view json_text, std::string_view expected_issuer,
                                         DiscoveryOptions options = {});

// True for https URLs, and for http loopback URLs when allowed.
bool is_acceptable_endpoint(std::string_view url, bool allow_http_loopback);

// A provider as configured: who it is and which issuer values its ID tokens carry.
struct OidcProviderConfig {
  std::string name;             // "google", or a configured slug
  std::string issuer;           // used for discovery
  std::vector<std::string> accepted_issuers;  // iss values accepted in ID tokens
  std::string client_id;
  std::string client_secret;    // secret
  std::string scope = "openid email profile";
};

inline constexpr std::string_view kGoogleIssuer = "https://accounts.google.com";

// Google: issuer https://accounts.google.com; its ID tokens may carry iss
// "https://accounts.google.com" or "accounts.google.com" (both accepted).
OidcProviderConfig google_provider(std::string client_id, std::string client_secret);

// Any other provider by issuer URL; ID tokens must carry exactly that issuer.
OidcProviderConfig generic_provider(std::string name, std::string issuer, std::string client_id,
                                    std::string client_secret);

}  // namespace sanad::auth
