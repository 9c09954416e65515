#include "auth/id_token_verifier.h"

#include <gtest/gtest.h>

#include "auth/http_fetch.h"
#include "jwt_test_util.h"

namespace sanad::auth {
namespace {

using nlohmann::json;
using testing::forge_rs256;

constexpr const char* kIssuer = "https://idp.example";
constexpr const char* kClient = "sanad-client";

class IdTokenTest : public ::testing::Test {
 protected:
  // RSA key generation is slow: one pair for the whole suite.
  static void SetUpTestSuite() {
    key1_ = testing::generate_rsa();
    key2_ = testing::generate_rsa();
  }
  static void TearDownTestSuite() {
    key1_.reset();
    key2_.reset();
  }
  void SetUp() override {
    ASSERT_TRUE(key1_ && key2_);
    published_ = {{"keys", json::array({testing::rsa_jwk(key1_.get(), "k1")})}};
  }

  JwksCache make_cache() {
    return JwksCache("https://idp.example/jwks",
                     [this](const std::string& url) -> Result<std::string> {
                       EXPECT_EQ(url, "https://idp.example/jwks");
                       return published_.dump();
                     },
                     [this] { return now_ms_; });
  }
  IdTokenVerifierOptions options() const { return {{kIssuer}, kClient}; }

  json claims() const {
    int64_t now = now_ms_ / 1000;
    return {{"iss", kIssuer}, {"aud", kClient}, {"sub", "1234567890"}, {"iat", now}, {"exp", now + 3600},
            {"nonce", "n-123"}, {"email", "amina@example.org"}, {"email_verified", true}, {"name", "Amina"}};
  }
  json header(const std::string& kid = "k1", const std::string& alg = "RS256") const {
    return {{"alg", alg}, {"kid", kid}, {"typ", "JWT"}};
  }

  static inline testing::PkeyPtr key1_, key2_;
  json published_;
  int64_t now_ms_ = 1'800'000'000'000;
};

TEST_F(IdTokenTest, AcceptsAValidToken) {
  JwksCache cache = make_cache();
  IdTokenVerifier verifier(options(), cache, [this] { return now_ms_; });
  auto result = verifier.verify(forge_rs256(header(), claims(), key1_.get()), "n-123");
  ASSERT_TRUE(result.is_ok()) << result.status().to_string();
  EXPECT_EQ(result->subject, "1234567890");
  EXPECT_EQ(result->issuer, kIssuer);
  EXPECT_EQ(result->email.value_or(""), "amina@example.org");
  EXPECT_TRUE(result->email_verified);
  EXPECT_EQ(result->name.value_or(""), "Amina");
  EXPECT_EQ(cache.fetch_count(), 1u);
  // Cached: a second token needs no fetch.
  EXPECT_TRUE(verifier.verify(forge_rs256(header(), claims(), key1_.get()), "n-123").is_ok());
  EXPECT_EQ(cache.fetch_count(), 1u);
}

TEST_F(IdTokenTest, ReportsUnverifiedEmail) {
  JwksCache cache = make_cache();
  IdTokenVerifier verifier(options(), cache, [this] { return now_ms_; });
  for (json value : {json(false), json("false"), json(nullptr)}) {
    json c = claims();
    c["email_verified"] = value;
    auto result = verifier.verify(forge_rs256(header(), c, key1_.get()), "n-123");
    ASSERT_TRUE(result.is_ok());
    EXPECT_FALSE(result->email_verified) << value;
  }
  json google_style = claims();
  google_style["email_verified"] = "true";
  EXPECT_TRUE(verifier.verify(forge_rs256(header(), google_style, key1_.get()), "n-123")->email_verified);
}

TEST_F(IdTokenTest, RejectsAWrongSignature) {
  JwksCache cache = make_cache();
  IdTokenVerifier verifier(options(), cache, [this] { return now_ms_; });
  // Signed by another key but claiming kid k1.
  EXPECT_EQ(verifier.verify(forge_rs256(header(), claims(), key2_.get()), "n-123").status().code(),
            ErrorCode::kUnauthenticated);
  // Tampered payload.
  std::string token = forge_rs256(header(), claims(), key1_.get());
  json c = claims();
  c["sub"] = "admin";
  std::string forged = token.substr(0, token.find('.') + 1) + testing::b64url(c.dump()) + token.substr(token.rfind('.'));
  EXPECT_FALSE(verifier.verify(forged, "n-123").is_ok());
}

TEST_F(IdTokenTest, UnknownKidRefreshesOnceThenRateLimits) {
  JwksCache cache = make_cache();
  IdTokenVerifier verifier(options(), cache, [this] { return now_ms_; });
  ASSERT_TRUE(verifier.verify(forge_rs256(header(), claims(), key1_.get()), "n-123").is_ok());
  // The provider rotates to k2; the first k2 token triggers one refetch.
  published_["keys"].push_back(testing::rsa_jwk(key2_.get(), "k2"));
  now_ms_ += 61'000;
  ASSERT_TRUE(verifier.verify(forge_rs256(header("k2"), claims(), key2_.get()), "n-123").is_ok());
  EXPECT_EQ(cache.fetch_count(), 2u);
  // Forged tokens with random kids: at most one fetch per minute.
  for (int i = 0; i < 50; ++i) {
    EXPECT_FALSE(verifier.verify(forge_rs256(header("rand" + std::to_string(i)), claims(), key2_.get()), "n-123").is_ok());
  }
  EXPECT_EQ(cache.fetch_count(), 2u);
  now_ms_ += 60'000;
  EXPECT_FALSE(verifier.verify(forge_rs256(header("again"), claims(), key2_.get()), "n-123").is_ok());
  EXPECT_EQ(cache.fetch_count(), 3u);
}

TEST_F(IdTokenTest, RejectsHs256SignedWithThePublicKey) {
  JwksCache cache = make_cache();
  IdTokenVerifier verifier(options(), cache, [this] { return now_ms_; });
  std::string pem = testing::public_pem(key1_.get());
  std::string token = testing::forge_hs256(header("k1", "HS256"), claims(), pem);
  EXPECT_EQ(verifier.verify(token, "n-123").status().code(), ErrorCode::kUnauthenticated);
  // And with the raw modulus bytes as the HMAC key.
  json jwk = testing::rsa_jwk(key1_.get(), "k1");
  EXPECT_FALSE(verifier.verify(testing::forge_hs256(header("k1", "HS256"), claims(), jwk["n"]), "n-123").is_ok());
  std::string none = testing::b64url(header("k1", "none").dump()) + "." + testing::b64url(claims().dump()) + ".";
  EXPECT_FALSE(verifier.verify(none, "n-123").is_ok());
}

TEST_F(IdTokenTest, RejectsEmbeddedOrRemoteKeys) {
  JwksCache cache = make_cache();
  IdTokenVerifier verifier(options(), cache, [this] { return now_ms_; });
  json h = header("k1");
  h["jwk"] = testing::rsa_jwk(key2_.get(), "k1");
  EXPECT_FALSE(verifier.verify(forge_rs256(h, claims(), key2_.get()), "n-123").is_ok());
  json j = header("k1");
  j["jku"] = "https://attacker.example/jwks";
  EXPECT_FALSE(verifier.verify(forge_rs256(j, claims(), key1_.get()), "n-123").is_ok());
  EXPECT_EQ(cache.fetch_count(), 0u);  // refused before any key lookup
}

TEST_F(IdTokenTest, RejectsExpiredFutureAndStale) {
  JwksCache cache = make_cache();
  IdTokenVerifier verifier(options(), cache, [this] { return now_ms_; });
  int64_t now = now_ms_ / 1000;
  json expired = claims();
  expired["iat"] = now - 7200;
  expired["exp"] = now - 3600;
  EXPECT_FALSE(verifier.verify(forge_rs256(header(), expired, key1_.get()), "n-123").is_ok());
  json future = claims();
  future["iat"] = now + 600;
  future["exp"] = now + 4200;
  EXPECT_FALSE(verifier.verify(forge_rs256(header(), future, key1_.get()), "n-123").is_ok());
  json no_exp = claims();
  no_exp.erase("exp");
  EXPECT_FALSE(verifier.verify(forge_rs256(header(), no_exp, key1_.get()), "n-123").is_ok());
}

TEST_F(IdTokenTest, RejectsWrongNonceAudienceIssuer) {
  JwksCache cache = make_cache();
  IdTokenVerifier verifier(options(), cache, [this] { return now_ms_; });
  std::string token = forge_rs256(header(), claims(), key1_.get());
  EXPECT_FALSE(verifier.verify(token, "n-124").is_ok());
  EXPECT_FALSE(verifier.verify(token, "").is_ok());
  json no_nonce = claims();
  no_nonce.erase("nonce");
  EXPECT_FALSE(verifier.verify(forge_rs256(header(), no_nonce, key1_.get()), "n-123").is_ok());

  for (auto [claim, value] : std::vector<std::pair<std::string, json>>{
           {"aud", "other-client"}, {"aud", json::array({"other", "more"})}, {"aud", json::array()},
           {"aud", json::array({kClient, "other"})},  // several audiences without azp
           {"iss", "https://evil.example"}, {"iss", "https://idp.example/"}, {"sub", ""}, {"azp", "other"}}) {
    json c = claims();
    c[claim] = value;
    EXPECT_FALSE(verifier.verify(forge_rs256(header(), c, key1_.get()), "n-123").is_ok()) << claim << "=" << value;
  }
  json multi = claims();
  multi["aud"] = json::array({kClient, "other"});
  multi["azp"] = kClient;
  EXPECT_TRUE(verifier.verify(forge_rs256(header(), multi, key1_.get()), "n-123").is_ok());
}

TEST_F(IdTokenTest, NoKidNeedsASingleKey) {
  JwksCache cache = make_cache();
  IdTokenVerifier verifier(options(), cache, [this] { return now_ms_; });
  json h = {{"alg", "RS256"}};
  EXPECT_TRUE(verifier.verify(forge_rs256(h, claims(), key1_.get()), "n-123").is_ok());
  published_["keys"].push_back(testing::rsa_jwk(key2_.get(), "k2"));
  now_ms_ += 25LL * 3600 * 1000;  // past max_age: the set is refetched, now with two keys
  json c = claims();
  c["iat"] = now_ms_ / 1000;
  c["exp"] = now_ms_ / 1000 + 3600;
  EXPECT_FALSE(verifier.verify(forge_rs256(h, c, key1_.get()), "n-123").is_ok());
}

TEST_F(IdTokenTest, FetchFailureIsUnavailable) {
  JwksCache cache("https://idp.example/jwks", [](const std::string&) -> Result<std::string> {
    return unavailable("connection refused");
  }, [this] { return now_ms_; });
  IdTokenVerifier verifier(options(), cache, [this] { return now_ms_; });
  EXPECT_EQ(verifier.verify(forge_rs256(header(), claims(), key1_.get()), "n-123").status().code(),
            ErrorCode::kUnavailable);
}

TEST(Jwks, SkipsUnusableKeysAndWeakModuli) {
  auto strong = testing::generate_rsa(2048);
  auto weak = testing::generate_rsa(1024);
  json doc = {{"keys", json::array({testing::rsa_jwk(strong.get(), "good"), testing::rsa_jwk(weak.get(), "weak"),
                                     {{"kty", "EC"}, {"kid", "ec"}, {"crv", "P-256"}, {"x", "AA"}, {"y", "AA"}},
                                     {{"kty", "RSA"}, {"kid", "bad"}, {"n", "!!"}, {"e", "AQAB"}}})}};
  json enc = testing::rsa_jwk(strong.get(), "enc");
  enc["use"] = "enc";
  doc["keys"].push_back(enc);
  auto set = parse_jwks(doc.dump());
  ASSERT_TRUE(set.is_ok());
  EXPECT_EQ(set->keys.size(), 1u);
  EXPECT_TRUE(set->keys.count("good"));
  EXPECT_FALSE(parse_jwks("{}").is_ok());
  EXPECT_FALSE(parse_jwks("[]").is_ok());
}

TEST(HttpFetch, RefusesInsecureUrlsWithoutNetwork) {
  EXPECT_EQ(http_get("http://idp.example/jwks").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(http_get("file:///etc/passwd").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(http_get("http://127.0.0.1:1/jwks").status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sanad::auth
