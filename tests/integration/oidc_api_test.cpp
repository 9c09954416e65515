// OpenID Connect sign-in through the real binary against the provider written in
// the test suite (oidc_test_provider.h): start → provider → callback → one-time
// code → session, and the refusals: replayed state, wrong nonce, wrong aud / iss,
// expired token, unknown kid and key rotation, an unverified e-mail trying to link
// to a password account, the same e-mail as a password account with linking off,
// closed registration, and a single-use hand-off code.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "accounts_support.h"
#include "backend.h"
#include "http_client.h"
#include "oidc_test_provider.h"
#include "sanad_process.h"

namespace sanad::testing {
namespace {

using nlohmann::json;

constexpr char kClientId[] = "sanad-test-client";
constexpr char kClientSecret[] = "test-client-secret-value";
constexpr char kFrontend[] = "http://app.example.org";

// "http://127.0.0.1:1234/a/b?c" → "/a/b?c".
std::string path_of(const std::string& url) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

// The value after `name=` in a URL fragment ("" when absent).
std::string fragment_value(const std::string& url, const std::string& name) {
  size_t hash = url.find('#');
  if (hash == std::string::npos) return "";
  std::string fragment = url.substr(hash + 1);
  std::string key = name + "=";
  if (fragment.rfind(key, 0) != 0) return "";
  return fragment.substr(key.size(), fragment.find('&') == std::string::npos ? std::string::npos
                                                                              : fragment.find('&') - key.size());
}

class OidcApi : public ::testing::Test {
 protected:
  OidcApi() : provider_(kClientId, kClientSecret) {}

  void start_server(std::map<std::string, std::string> extra = {}) {
    t_.env["OIDC_ISSUER"] = provider_.issuer();
    t_.env["OIDC_CLIENT_ID"] = kClientId;
    t_.env["OIDC_CLIENT_SECRET"] = kClientSecret;
    t_.env["FRONTEND_URL"] = kFrontend;
    for (auto& [k, v] : extra) t_.env[k] = v;
    server_ = std::make_unique<SanadServer>(t_.env);
  }

  uint16_t port() const { return server_->port(); }
  std::map<std::string, std::string> host() const { return {{"Host", "127.0.0.1:" + std::to_string(port())}}; }

  // Start and provider legs; returns the callback target on Sanad ("/api/…?code&state").
  std::string authorize(const std::string& next = "") {
    auto started = http_get(port(), "/api/auth/oidc/oidc/start" + next, host());
    EXPECT_TRUE(started);
    if (!started) return "";
    EXPECT_EQ(started->status, 302) << started->body;
    std::string to_provider = started->header("location");
    EXPECT_EQ(to_provider.rfind(provider_.issuer() + "/authorize?", 0), 0u) << to_provider;
    EXPECT_NE(to_provider.find("code_challenge_method=S256"), std::string::npos);
    auto authorized = http_get(provider_.port(), path_of(to_provider));
    EXPECT_TRUE(authorized);
    if (!authorized) return "";
    EXPECT_EQ(authorized->status, 302) << authorized->body;
    return path_of(authorized->header("location"));
  }

  // The Location Sanad's callback answers with.
  std::string callback(const std::string& target) {
    auto answered = http_get(port(), target, host());
    EXPECT_TRUE(answered);
    if (!answered) return "";
    EXPECT_EQ(answered->status, 302) << answered->body;
    return answered->header("location");
  }

  // The whole browser round trip; the final Location.
  std::string round_trip(const std::string& next = "") { return callback(authorize(next)); }

  std::optional<HttpResponse> exchange(const std::string& code) {
    return http_request(port(), "POST", "/api/auth/oidc/exchange", {{"Content-Type", "application/json"}},
                        json{{"code", code}}.dump());
  }

  // Signs in and redeems the code; the session JSON.
  json session() {
    std::string landing = round_trip();
    std::string code = fragment_value(landing, "oidc_code");
    EXPECT_FALSE(code.empty()) << landing;
    auto redeemed = exchange(code);
    EXPECT_TRUE(redeemed);
    if (!redeemed || redeemed->status != 200) {
      ADD_FAILURE() << (redeemed ? redeemed->body : "no answer");
      return json::object();
    }
    return json::parse(redeemed->body);
  }

  std::string error_of(const std::string& landing) { return fragment_value(landing, "oidc_error"); }

  TestEnvironment t_;
  OidcTestProvider provider_;
  std::unique_ptr<SanadServer> server_;
};

TEST_F(OidcApi, NewAccountSignsInAndTheCodeIsSingleUse) {
  start_server();
  auto providers = http_get(port(), "/api/auth/providers");
  ASSERT_TRUE(providers);
  json listed = json::parse(providers->body)["oidc"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], "oidc");
  EXPECT_EQ(listed[0]["name"], "127.0.0.1");

  provider_.set_identity({"sub-new", "New.Person@example.org", true, "New Person"});
  std::string landing = round_trip("?next=/chat/42");
  ASSERT_EQ(landing.rfind(std::string(kFrontend) + "/chat/42#oidc_code=", 0), 0u) << landing;
  EXPECT_EQ(landing.find("access_token"), std::string::npos);
  std::string code = fragment_value(landing, "oidc_code");
  auto redeemed = exchange(code);
  ASSERT_TRUE(redeemed);
  ASSERT_EQ(redeemed->status, 200) << redeemed->body;
  json s = json::parse(redeemed->body);
  EXPECT_EQ(s["user"]["email"], "New.Person@example.org");
  EXPECT_EQ(s["user"]["role"], "member");
  auto me = http_get(port(), "/api/me", bearer(s["access_token"]));
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  // The code works once.
  auto again = exchange(code);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 401);
  // The same (issuer, sub) signs in to the same account; no password sign-in exists for it.
  json second = session();
  EXPECT_EQ(second["user"]["id"], s["user"]["id"]);
  // An open redirect is not followed: "//evil.example" lands on "/".
  std::string landing2 = round_trip("?next=//evil.example/x");
  EXPECT_EQ(landing2.rfind(std::string(kFrontend) + "/#oidc_code=", 0), 0u) << landing2;
}

TEST_F(OidcApi, ReplayedStateIsRefused) {
  start_server();
  std::string target = authorize();
  EXPECT_FALSE(fragment_value(callback(target), "oidc_code").empty());
  EXPECT_EQ(error_of(callback(target)), "invalid_state");
  // A forged state, and a callback without one.
  EXPECT_EQ(error_of(callback("/api/auth/oidc/oidc/callback?code=x&state=forged")), "invalid_state");
  EXPECT_EQ(error_of(callback("/api/auth/oidc/oidc/callback?code=x")), "invalid_state");
}

TEST_F(OidcApi, ProviderRefusalSpendsTheState) {
  start_server();
  std::string target = authorize();
  std::string state = target.substr(target.find("state="));
  EXPECT_EQ(error_of(callback("/api/auth/oidc/oidc/callback?error=access_denied&" + state)), "provider_error");
  EXPECT_EQ(error_of(callback(target)), "invalid_state");
}

TEST_F(OidcApi, BadIdTokensAreRefused) {
  start_server();
  ASSERT_FALSE(session().empty());  // the keys are cached now
  TokenTweaks wrong_nonce;
  wrong_nonce.nonce = "not-the-nonce-that-was-sent";
  TokenTweaks wrong_aud;
  wrong_aud.audience = "another-client";
  TokenTweaks wrong_iss;
  wrong_iss.issuer = "http://127.0.0.1:1";
  TokenTweaks expired;
  expired.expires_in_seconds = -600;
  for (const TokenTweaks& tweaks : {wrong_nonce, wrong_aud, wrong_iss, expired}) {
    provider_.set_tweaks(tweaks);
    EXPECT_EQ(error_of(round_trip()), "invalid_token");
  }
  provider_.set_tweaks({});
  EXPECT_TRUE(error_of(round_trip()).empty());
}

TEST_F(OidcApi, UnknownKidIsRefusedWithoutHammeringTheProvider) {
  start_server();  // JWKS refetch at most once a minute (the default)
  ASSERT_FALSE(session().empty());
  int fetched = provider_.jwks_requests();
  TokenTweaks stray;
  stray.sign_with_unpublished_key = true;
  provider_.set_tweaks(stray);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(error_of(round_trip()), "invalid_token");
  EXPECT_LE(provider_.jwks_requests(), fetched + 1);
}

TEST_F(OidcApi, KeyRotationIsPickedUpOnAnUnknownKid) {
  start_server({{"SANAD_OIDC_JWKS_REFRESH_MS", "0"}});
  json first = session();
  ASSERT_FALSE(first.empty());
  int fetched = provider_.jwks_requests();
  provider_.rotate_key();
  json second = session();  // kid unknown to the cache → refetch → verified
  ASSERT_FALSE(second.empty());
  EXPECT_EQ(second["user"]["id"], first["user"]["id"]);
  EXPECT_EQ(provider_.jwks_requests(), fetched + 1);
}

TEST_F(OidcApi, SameEmailAsAPasswordAccountIsNotLinkedByDefault) {
  start_server();
  auto created = create_account(t_.env, "owner@example.org", kTestPassword, false);
  ASSERT_EQ(created.first, 0) << created.second;
  provider_.set_identity({"sub-owner", "OWNER@example.org", true, "Owner"});
  EXPECT_EQ(error_of(round_trip()), "account_exists");
  // The password account is untouched.
  EXPECT_NO_THROW(sign_in(port(), "owner@example.org", kTestPassword));
}

TEST_F(OidcApi, LinkingNeedsTheRuleAndAVerifiedEmail) {
  start_server({{"SANAD_OIDC_LINK_VERIFIED_EMAIL", "true"}});
  auto created = create_account(t_.env, "owner@example.org", kTestPassword, false);
  ASSERT_EQ(created.first, 0) << created.second;
  json password_session = sign_in(port(), "owner@example.org", kTestPassword);

  provider_.set_identity({"sub-owner", "owner@example.org", false, "Owner"});
  EXPECT_EQ(error_of(round_trip()), "email_not_verified");
  provider_.set_identity({"sub-owner", "owner@example.org", true, "Owner"});
  json linked = session();
  EXPECT_EQ(linked["user"]["id"], password_session["user"]["id"]);
  // Once linked, the identity is the key: a later unverified e-mail claim changes nothing.
  provider_.set_identity({"sub-owner", "someone-else@example.org", false, "Owner"});
  json again = session();
  EXPECT_EQ(again["user"]["id"], password_session["user"]["id"]);
}

TEST_F(OidcApi, NewAccountsNeedAVerifiedEmailAndOpenRegistration) {
  start_server({{"SANAD_REGISTRATION", "closed"}});
  provider_.set_identity({"sub-x", "x@example.org", true, "X"});
  EXPECT_EQ(error_of(round_trip()), "registration_closed");
}

TEST_F(OidcApi, UnverifiedEmailCreatesNothing) {
  start_server();
  provider_.set_identity({"sub-y", "y@example.org", false, "Y"});
  EXPECT_EQ(error_of(round_trip()), "email_not_verified");
  auto created = create_account(t_.env, "y@example.org", kTestPassword, false);
  EXPECT_EQ(created.first, 0) << "the address must still be free: " << created.second;
}

TEST_F(OidcApi, UnknownProviderIs404AndStartIsPublic) {
  start_server();
  auto unknown = http_get(port(), "/api/auth/oidc/nope/start", host());
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  auto bad_code = exchange("made-up");
  ASSERT_TRUE(bad_code);
  EXPECT_EQ(bad_code->status, 401);
}

}  // namespace
}  // namespace sanad::testing
