#include "auth/oidc_provider.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/strings.h"

namespace sanad::auth {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Result<std::vector<std::string>> string_list(const nlohmann::json& doc, const char* name) {
  std::vector<std::string> out;
  auto it = doc.find(name);
  if (it == doc.end()) return out;
  if (!it->is_array()) return invalid_argument(std::string("discovery: ") + name + " is not an array");
  for (const auto& v : *it) {
    if (!v.is_string()) return invalid_argument(std::string("discovery: ") + name + " holds a non-string");
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

std::string discovery_url(std::string_view issuer) {
  while (!issuer.empty() && issuer.back() == '/') issuer.remove_suffix(1);
  return std::string(issuer) + "/.well-known/openid-configuration";
}

bool is_acceptable_endpoint(std::string_view url, bool allow_http_loopback) {
  if (url.rfind("https://", 0) == 0) return url.size() > 8;
  if (!allow_http_loopback || url.rfind("http://", 0) != 0) return false;
  std::string_view rest = url.substr(7);
  for (std::string_view host : {"127.0.0.1", "[::1]", "localhost"}) {
    if (rest.rfind(host, 0) == 0) {
      std::string_view after = rest.substr(host.size());
      if (after.empty() || after.front() == ':' || after.front() == '/') return true;
    }
  }
  return false;
}

Result<ProviderMetadata> parse_discovery(std::string_view json_text, std::string_view expected_issuer,
                                         DiscoveryOptions options) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return invalid_argument("discovery: not a JSON object");
  auto text = [&](const char* name) -> std::string {
    auto it = doc.find(name);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  ProviderMetadata meta;
  meta.issuer = text("issuer");
  meta.authorization_endpoint = text("authorization_endpoint");
  meta.token_endpoint = text("token_endpoint");
  meta.jwks_uri = text("jwks_uri");
  meta.userinfo_endpoint = text("userinfo_endpoint");
  if (meta.issuer != expected_issuer) return invalid_argument("discovery: issuer does not match the configured issuer");
  for (const std::string* url : {&meta.authorization_endpoint, &meta.token_endpoint, &meta.jwks_uri}) {
    if (!is_acceptable_endpoint(*url, options.allow_http_loopback)) {
      return invalid_argument("discovery: missing or insecure endpoint '" + *url + "'");
    }
  }
  if (!meta.userinfo_endpoint.empty() && !is_acceptable_endpoint(meta.userinfo_endpoint, options.allow_http_loopback)) {
    return invalid_argument("discovery: insecure userinfo endpoint");
  }
  SANAD_ASSIGN_OR_RETURN(auto algs, string_list(doc, "id_token_signing_alg_values_supported"));
  if (!contains(algs, "RS256")) return invalid_argument("discovery: provider does not sign ID tokens with RS256");
  SANAD_ASSIGN_OR_RETURN(auto response_types, string_list(doc, "response_types_supported"));
  if (!contains(response_types, "code")) return invalid_argument("discovery: authorization code flow not supported");
  SANAD_ASSIGN_OR_RETURN(meta.code_challenge_methods_supported, string_list(doc, "code_challenge_methods_supported"));
  if (!meta.code_challenge_methods_supported.empty() && !contains(meta.code_challenge_methods_supported, "S256")) {
    return invalid_argument("discovery: PKCE S256 not supported");
  }
  return meta;
}

OidcProviderConfig google_provider(std::string client_id, std::string client_secret) {
  OidcProviderConfig config;
  config.name = "google";
  config.issuer = std::string(kGoogleIssuer);
  config.accepted_issuers = {std::string(kGoogleIssuer), "accounts.google.com"};
  config.client_id = std::move(client_id);
  config.client_secret = std::move(client_secret);
  return config;
}

OidcProviderConfig generic_provider(std::string name, std::string issuer, std::string client_id,
                                    std::string client_secret) {
  OidcProviderConfig config;
  config.name = std::move(name);
  config.accepted_issuers = {issuer};
  config.issuer = std::move(issuer);
  config.client_id = std::move(client_id);
  config.client_secret = std::move(client_secret);
  return config;
}

}  // namespace sanad::auth
