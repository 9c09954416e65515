#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth/login_state_store.h"
#include "auth/oidc_request.h"
#include "auth/oidc_token_exchange.h"

namespace sanad::auth {
namespace {

PendingLogin pending(int64_t expires_at_ms) { return {"google", make_nonce(), make_pkce().verifier, "/", expires_at_ms}; }

TEST(LoginStateStore, StateIsSingleUse) {
  MemoryLoginStateStore store;
  std::string state = make_state();
  PendingLogin login = pending(10'000);
  ASSERT_TRUE(store.put(state, login, 0).is_ok());
  EXPECT_EQ(store.put(state, login, 0).code(), ErrorCode::kAlreadyExists);
  auto taken = store.take(state, 5'000).value();
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->nonce, login.nonce);
  EXPECT_EQ(taken->code_verifier, login.code_verifier);
  // Replayed state (and thus replayed nonce): gone.
  EXPECT_FALSE(store.take(state, 5'000).value().has_value());
  EXPECT_FALSE(store.take("forged", 5'000).value().has_value());
}

TEST(LoginStateStore, ExpiredStateIsRefused) {
  MemoryLoginStateStore store;
  ASSERT_TRUE(store.put("s1", pending(10'000), 0).is_ok());
  EXPECT_FALSE(store.take("s1", 10'000).value().has_value());
}

TEST(LoginStateStore, BoundedAndSweepsExpired) {
  MemoryLoginStateStore store(3);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(store.put("s" + std::to_string(i), pending(1'000), 0).is_ok());
  EXPECT_EQ(store.put("s3", pending(5'000), 500).code(), ErrorCode::kResourceExhausted);
  EXPECT_TRUE(store.put("s3", pending(5'000), 1'000).is_ok());  // the three expired ones were swept
  EXPECT_TRUE(store.take("s3", 1'000).value().has_value());
}

TEST(TokenExchange, SendsCodeAndVerifierAndParsesTheIdToken) {
  CodeExchange exchange{"https://idp.example/token", "cid", "s3cr&t", "code/1", "verifier-1", "https://sanad.example/cb"};
  std::string seen_url, seen_body;
  auto post = [&](const std::string& url, const std::string& body) -> Result<std::string> {
    seen_url = url;
    seen_body = body;
    return std::string(R"({"access_token":"at","token_type":"Bearer","id_token":"h.p.s","expires_in":3599})");
  };
  auto response = exchange_code(exchange, post);
  ASSERT_TRUE(response.is_ok()) << response.status().to_string();
  EXPECT_EQ(response->id_token, "h.p.s");
  EXPECT_EQ(seen_url, "https://idp.example/token");
  EXPECT_EQ(seen_body,
            "grant_type=authorization_code&code=code%2F1&redirect_uri=https%3A%2F%2Fsanad.example%2Fcb"
            "&client_id=cid&client_secret=s3cr%26t&code_verifier=verifier-1");
}

TEST(TokenExchange, ProviderErrorsAreUnauthenticated) {
  EXPECT_EQ(parse_token_response(R"({"error":"invalid_grant"})").status().code(), ErrorCode::kUnauthenticated);
  EXPECT_FALSE(parse_token_response(R"({"access_token":"at"})").is_ok());
  EXPECT_FALSE(parse_token_response("<html>").is_ok());
  CodeExchange exchange{"https://idp.example/token", "cid", "", "", "v", "r"};
  EXPECT_FALSE(exchange_code(exchange, [](const std::string&, const std::string&) -> Result<std::string> {
                 ADD_FAILURE() << "must not post without a code";
                 return std::string("{}");
               }).is_ok());
}

}  // namespace
}  // namespace sanad::auth
