#include "auth/jwt_parts.h"

#include <gtest/gtest.h>

#include <random>

#include "auth/access_token.h"
#include "jwt_test_util.h"

namespace sanad::auth {
namespace {

TEST(JwtParts, ParsesAWellFormedToken) {
  std::string token = testing::forge_hs256({{"alg", "HS256"}}, {{"sub", "x"}, {"exp", 5}}, "k");
  auto parts = parse_jwt(token);
  ASSERT_TRUE(parts.is_ok());
  EXPECT_EQ(parts->payload["sub"], "x");
  EXPECT_EQ(parts->signature.size(), 32u);
  EXPECT_EQ(parts->signing_input, token.substr(0, token.rfind('.')));
  EXPECT_EQ(numeric_claim(parts->payload, "exp").value().value_or(0), 5);
  EXPECT_FALSE(numeric_claim(parts->payload, "nbf").value().has_value());
  EXPECT_FALSE(numeric_claim(parts->payload, "sub").is_ok());
}

TEST(JwtParts, RejectsFractionalAndOutOfRangeDates) {
  EXPECT_FALSE(numeric_claim({{"exp", 1.5}}, "exp").is_ok());
  EXPECT_FALSE(numeric_claim({{"exp", 18446744073709551615ull}}, "exp").is_ok());
  EXPECT_FALSE(numeric_claim({{"exp", "5"}}, "exp").is_ok());
}

// Random mutations of a valid token never crash and never verify.
TEST(JwtParts, MutatedTokensAreAlwaysRejected) {
  AccessTokenOptions options;
  options.secret = std::string(40, 's');
  auto service = AccessTokenService::create(options);
  ASSERT_TRUE(service.is_ok());
  const std::string token = service->issue("user-1").value().token;
  std::mt19937 rng(12345);
  std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
  alphabet.push_back('\0');
  alphabet.push_back('\xff');
  for (int i = 0; i < 5000; ++i) {
    std::string mutated = token;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t pos = rng() % mutated.size();
      switch (rng() % 3) {
        case 0: mutated[pos] = alphabet[rng() % alphabet.size()]; break;
        case 1: mutated.erase(pos, 1 + rng() % 8); break;
        default: mutated.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
      }
      if (mutated.empty()) mutated = ".";
    }
    if (mutated == token) continue;
    EXPECT_FALSE(service->verify(mutated).is_ok()) << mutated;
  }
}

}  // namespace
}  // namespace sanad::auth
