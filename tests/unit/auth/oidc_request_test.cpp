#include "auth/oidc_request.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth/oidc_provider.h"

namespace sanad::auth {
namespace {

TEST(Pkce, MatchesRfc7636AppendixB) {
  EXPECT_EQ(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Pkce, FreshPairsAreValidAndDistinct) {
  Pkce a = make_pkce();
  Pkce b = make_pkce();
  EXPECT_EQ(a.verifier.size(), 43u);  // RFC 7636: 43..128 characters
  EXPECT_EQ(a.challenge, pkce_challenge(a.verifier));
  EXPECT_NE(a.verifier, b.verifier);
  EXPECT_NE(make_state(), make_state());
  EXPECT_NE(make_nonce(), make_nonce());
}

TEST(AuthorizationUrl, CarriesEveryParameterEncoded) {
  AuthorizationRequest request;
  request.authorization_endpoint = "https://accounts.google.com/o/oauth2/v2/auth";
  request.client_id = "client 1";
  request.redirect_uri = "https://sanad.example/api/auth/oidc/google/callback";
  request.state = "st";
  request.nonce = "no";
  request.code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  request.extra = {{"prompt", "select_account"}};
  auto url = build_authorization_url(request);
  ASSERT_TRUE(url.is_ok());
  EXPECT_EQ(*url,
            "https://accounts.google.com/o/oauth2/v2/auth?response_type=code&client_id=client%201"
            "&redirect_uri=https%3A%2F%2Fsanad.example%2Fapi%2Fauth%2Foidc%2Fgoogle%2Fcallback"
            "&scope=openid%20email%20profile&state=st&nonce=no"
            "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
            "&prompt=select_account");
  request.authorization_endpoint = "https://idp.example/auth?tenant=x";
  EXPECT_EQ(build_authorization_url(request).value_or("").rfind("https://idp.example/auth?tenant=x&response_type=code", 0), 0u);
}

TEST(AuthorizationUrl, RefusesIncompleteRequests) {
  AuthorizationRequest request;
  request.authorization_endpoint = "javascript:alert(1)";
  request.client_id = "c";
  request.redirect_uri = "https://r";
  request.state = "s";
  request.nonce = "n";
  request.code_challenge = "c";
  EXPECT_FALSE(build_authorization_url(request).is_ok());
  request.authorization_endpoint = "https://idp.example/auth";
  request.nonce.clear();
  EXPECT_FALSE(build_authorization_url(request).is_ok());
}

const char* kDiscovery = R"({
  "issuer": "https://idp.example",
  "authorization_endpoint": "https://idp.example/auth",
  "token_endpoint": "https://idp.example/token",
  "jwks_uri": "https://idp.example/jwks",
  "userinfo_endpoint": "https://idp.example/userinfo",
  "response_types_supported": ["code", "id_token"],
  "subject_types_supported": ["public"],
  "id_token_signing_alg_values_supported": ["RS256"],
  "code_challenge_methods_supported": ["plain", "S256"]
})";

TEST(Discovery, ParsesAndChecksTheIssuer) {
  EXPECT_EQ(discovery_url("https://idp.example/"), "https://idp.example/.well-known/openid-configuration");
  auto meta = parse_discovery(kDiscovery, "https://idp.example");
  ASSERT_TRUE(meta.is_ok()) << meta.status().to_string();
  EXPECT_EQ(meta->jwks_uri, "https://idp.example/jwks");
  EXPECT_EQ(meta->token_endpoint, "https://idp.example/token");
  EXPECT_FALSE(parse_discovery(kDiscovery, "https://evil.example").is_ok());
  EXPECT_FALSE(parse_discovery("not json", "https://idp.example").is_ok());
}

TEST(Discovery, RefusesInsecureOrIncapableProviders) {
  auto with = [](const char* key, nlohmann::json value) {
    nlohmann::json doc = nlohmann::json::parse(kDiscovery);
    doc[key] = std::move(value);
    return doc.dump();
  };
  EXPECT_FALSE(parse_discovery(with("jwks_uri", "http://idp.example/jwks"), "https://idp.example").is_ok());
  EXPECT_FALSE(parse_discovery(with("id_token_signing_alg_values_supported", nlohmann::json::array({"HS256"})), "https://idp.example").is_ok());
  EXPECT_FALSE(parse_discovery(with("code_challenge_methods_supported", nlohmann::json::array({"plain"})), "https://idp.example").is_ok());
  EXPECT_FALSE(parse_discovery(with("response_types_supported", nlohmann::json::array({"token"})), "https://idp.example").is_ok());
  // Loopback http only when allowed (tests, development).
  nlohmann::json local = nlohmann::json::parse(kDiscovery);
  local["issuer"] = "http://127.0.0.1:9000";
  for (const char* k : {"authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"}) {
    local[k] = "http://127.0.0.1:9000/x";
  }
  EXPECT_FALSE(parse_discovery(local.dump(), "http://127.0.0.1:9000").is_ok());
  EXPECT_TRUE(parse_discovery(local.dump(), "http://127.0.0.1:9000", {.allow_http_loopback = true}).is_ok());
  EXPECT_FALSE(is_acceptable_endpoint("http://127.0.0.1.evil.example/x", true));
}

TEST(Providers, GooglePreset) {
  OidcProviderConfig google = google_provider("id", "secret");
  EXPECT_EQ(google.issuer, "https://accounts.google.com");
  EXPECT_EQ(discovery_url(google.issuer), "https://accounts.google.com/.well-known/openid-configuration");
  EXPECT_EQ(google.accepted_issuers.size(), 2u);
  OidcProviderConfig other = generic_provider("corp", "https://login.corp.example", "cid", "cs");
  EXPECT_EQ(other.accepted_issuers, std::vector<std::string>{"https://login.corp.example"});
}

}  // namespace
}  // namespace sanad::auth
