// The sign-in additions on a fresh, migrated database: one-time codes, invitations,
// the registration setting, the housekeeping sweep, and OidcSignIn with the Google
// preset (fetch and token POST injected; ID tokens signed with a real RSA key).
#include <gtest/gtest.h>

#include <ctime>
#include <map>

#include "accounts/housekeeping.h"
#include "accounts/identity_store.h"
#include "accounts/invitations.h"
#include "accounts/oidc_sign_in.h"
#include "accounts/registration_settings.h"
#include "accounts/sign_in_codes.h"
#include "accounts/sql_token_store.h"
#include "accounts/user_service.h"
#include "auth/oidc_request.h"
#include "auth/refresh_token_service.h"
#include "core/clock.h"
#include "jwt_test_util.h"
#include "accounts_fixture.h"
#include "test_database.h"

namespace sanad::accounts {
namespace {

namespace at = sanad::auth::testing;

class SignInStoresTest : public AccountsFixture {
 protected:
  User password_user(const std::string& email) { return make_user(email); }
};

TEST_P(SignInStoresTest, SignInCodesAreSingleUseAndExpire) {
  User u = password_user("a@example.org");
  SignInCodes codes(*db_);
  std::string code = codes.issue(u.id, "google").value();
  EXPECT_EQ(code.size(), 43u);
  EXPECT_EQ(codes.redeem(code).value(), std::optional<std::string>(u.id));
  EXPECT_FALSE(codes.redeem(code).value().has_value());
  EXPECT_FALSE(codes.redeem("made-up").value().has_value());
  SignInCodes stale(*db_, std::chrono::milliseconds(-1));
  EXPECT_FALSE(stale.redeem(stale.issue(u.id, "google").value()).value().has_value());
}

TEST_P(SignInStoresTest, InvitationsAreClaimedOnceAndCanBeReleased) {
  User admin = password_user("admin@example.org");
  Invitations invitations(*db_);
  EXPECT_EQ(invitations.create("not-an-address", "member", admin.id).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(invitations.create("x@example.org", "root", admin.id).status().code(), ErrorCode::kInvalidArgument);
  auto issued = invitations.create("Guest@Example.org", "editor", admin.id).value();
  auto found = invitations.check(issued.token).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->email, "guest@example.org");
  EXPECT_EQ(found->role, "editor");
  EXPECT_TRUE(invitations.claim(issued.token).value());
  EXPECT_FALSE(invitations.claim(issued.token).value());
  EXPECT_FALSE(invitations.check(issued.token).value().has_value());
  ASSERT_TRUE(invitations.release(issued.token).is_ok());
  EXPECT_TRUE(invitations.claim(issued.token).value());
}

TEST_P(SignInStoresTest, RegistrationSettingFallsBackThenPersists) {
  User admin = password_user("admin@example.org");
  RegistrationSettings settings(*db_, RegistrationMode::kInvite);
  EXPECT_EQ(settings.mode().value(), RegistrationMode::kInvite);
  ASSERT_TRUE(settings.set_mode(RegistrationMode::kClosed, admin.id).is_ok());
  ASSERT_TRUE(settings.set_mode(RegistrationMode::kOpen, admin.id).is_ok());  // upsert
  RegistrationSettings other_instance(*db_, RegistrationMode::kClosed);
  EXPECT_EQ(other_instance.mode().value(), RegistrationMode::kOpen);
}

TEST_P(SignInStoresTest, HousekeepingRemovesOnlyWhatExpired) {
  User u = password_user("a@example.org");
  SqlLoginStateStore states(*db_);
  SignInCodes codes(*db_);
  Invitations invitations(*db_);
  int64_t now = core::now_ms();
  // (put() sweeps expired entries itself, so the stale one goes in last.)
  ASSERT_TRUE(states.put("live", {"google", "n", "v", "", now + 600'000}, now).is_ok());
  ASSERT_TRUE(states.put("old", {"google", "n", "v", "", now - 1}, now - 600'000).is_ok());
  std::string live_code = codes.issue(u.id, "google").value();
  auto live_invite = invitations.create("b@example.org", "member", u.id).value();
  auto issued = sessions_->issue(u.id).value();

  std::FILE* sink = std::tmpfile();
  core::Logger logger(core::LogLevel::kWarn, sink);
  Housekeeping housekeeping({{"login_states", [&](int64_t t) { return states.delete_expired(t); }},
                             {"sign_in_codes", [&](int64_t t) { return codes.delete_expired(t); }},
                             {"invitations", [&](int64_t t) { return invitations.delete_expired(t); }},
                             {"refresh_tokens", [&](int64_t t) { return tokens_->delete_expired(t); }}},
                            std::chrono::hours(1), logger);
  EXPECT_EQ(housekeeping.run_once(now), 1u);  // the old login state only
  EXPECT_TRUE(states.take("live", now).value().has_value());
  // Far in the future everything has expired.
  int64_t later = now + 31LL * 24 * 3600 * 1000;
  EXPECT_EQ(housekeeping.run_once(later), 3u);  // code, invitation, refresh token
  EXPECT_FALSE(codes.redeem(live_code).value().has_value());
  EXPECT_FALSE(invitations.check(live_invite.token).value().has_value());
  EXPECT_FALSE(sessions_->rotate(issued.token).is_ok());
  // The thread starts and stops promptly (stop wakes it).
  housekeeping.start();
  housekeeping.stop();
  std::fclose(sink);
}

// Google, simulated: discovery, JWKS and token endpoint answered in-process.
class GoogleSignInTest : public SignInStoresTest {
 protected:
  void SetUp() override {
    SignInStoresTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    key_ = at::generate_rsa();
    identities_ = std::make_unique<IdentityStore>(*db_);
    states_ = std::make_unique<auth::MemoryLoginStateStore>();
    registration_ = std::make_unique<RegistrationSettings>(*db_, RegistrationMode::kOpen);
  }

  std::unique_ptr<OidcSignIn> make(bool link) {
    OidcSignInOptions options;
    options.link_verified_email = link;
    auto fetch = [this](const std::string& url) -> Result<std::string> {
      if (url == "https://accounts.google.com/.well-known/openid-configuration") {
        return nlohmann::json{{"issuer", "https://accounts.google.com"},
                              {"authorization_endpoint", "https://accounts.google.com/o/oauth2/v2/auth"},
                              {"token_endpoint", "https://oauth2.googleapis.com/token"},
                              {"jwks_uri", "https://www.googleapis.com/oauth2/v3/certs"},
                              {"response_types_supported", {"code"}},
                              {"id_token_signing_alg_values_supported", {"RS256"}},
                              {"code_challenge_methods_supported", {"plain", "S256"}}}
            .dump();
      }
      if (url == "https://www.googleapis.com/oauth2/v3/certs") {
        return nlohmann::json{{"keys", {at::rsa_jwk(key_.get(), "g1")}}}.dump();
      }
      return unavailable("unexpected fetch " + url);
    };
    auto post = [this](const std::string&, const std::string&) -> Result<std::string> {
      int64_t now = static_cast<int64_t>(std::time(nullptr));
      nlohmann::json claims = {{"iss", "accounts.google.com"}, {"aud", "cid.apps.googleusercontent.com"},
                               {"azp", "cid.apps.googleusercontent.com"}, {"sub", subject_},
                               {"email", email_}, {"email_verified", verified_}, {"nonce", nonce_},
                               {"iat", now}, {"exp", now + 3600}};
      std::string id_token = at::forge_rs256({{"alg", "RS256"}, {"kid", "g1"}, {"typ", "JWT"}}, claims, key_.get());
      return nlohmann::json{{"access_token", "ya29"}, {"token_type", "Bearer"}, {"id_token", id_token}}.dump();
    };
    return std::make_unique<OidcSignIn>(
        std::vector<auth::OidcProviderConfig>{auth::google_provider("cid.apps.googleusercontent.com", "secret")},
        options, *states_, *identities_, *users_, *registration_, fetch, post);
  }

  // start + finish as the routes do; the nonce the provider echoes is the one sent.
  OidcOutcome sign_in(OidcSignIn& oidc) {
    std::string url = oidc.start("google", "https://sanad.example/cb", "").value();
    auto param = [&url](const std::string& name) {
      size_t at_pos = url.find("&" + name + "=");
      size_t start = at_pos + name.size() + 2;
      return url.substr(start, url.find('&', start) - start);
    };
    nonce_ = param("nonce");
    return oidc.finish("google", param("state"), "code-1", "https://sanad.example/cb");
  }

  at::PkeyPtr key_;
  std::unique_ptr<IdentityStore> identities_;
  std::unique_ptr<auth::MemoryLoginStateStore> states_;
  std::unique_ptr<RegistrationSettings> registration_;
  std::string subject_ = "1089";
  std::string email_ = "nour@example.org";
  bool verified_ = true;
  std::string nonce_;
};

TEST_P(GoogleSignInTest, SameEmailAsAPasswordAccountNeedsTheRuleAndVerification) {
  User owner = password_user("Nour@example.org");
  auto off = make(false);
  EXPECT_EQ(sign_in(*off).failure, OidcFailure::kAccountExists);
  auto on = make(true);
  verified_ = false;
  EXPECT_EQ(sign_in(*on).failure, OidcFailure::kEmailNotVerified);
  verified_ = true;
  OidcOutcome linked = sign_in(*on);
  ASSERT_EQ(linked.failure, OidcFailure::kNone) << linked.detail;
  EXPECT_EQ(linked.user->id, owner.id);
  EXPECT_TRUE(linked.linked);
  // Keyed by the configured issuer, whatever spelling the token used.
  EXPECT_EQ(identities_->find_user("https://accounts.google.com", "1089").value(),
            std::optional<std::string>(owner.id));
}

TEST_P(GoogleSignInTest, NewAccountOnlyWhenOpenAndVerified) {
  auto oidc = make(false);
  ASSERT_TRUE(registration_->set_mode(RegistrationMode::kClosed, "").is_ok());
  EXPECT_EQ(sign_in(*oidc).failure, OidcFailure::kRegistrationClosed);
  ASSERT_TRUE(registration_->set_mode(RegistrationMode::kOpen, "").is_ok());
  verified_ = false;
  EXPECT_EQ(sign_in(*oidc).failure, OidcFailure::kEmailNotVerified);
  verified_ = true;
  OidcOutcome created = sign_in(*oidc);
  ASSERT_EQ(created.failure, OidcFailure::kNone) << created.detail;
  EXPECT_TRUE(created.created);
  EXPECT_EQ(created.user->role, "member");
  // No password: password sign-in is refused for this account.
  EXPECT_EQ(users_->verify_password("nour@example.org", "anything at all").status().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(oidc->providers().front().name, "Google");
}

INSTANTIATE_TEST_SUITE_P(Backends, SignInStoresTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);
INSTANTIATE_TEST_SUITE_P(Backends, GoogleSignInTest, ::testing::ValuesIn(db::testing::test_backends()),
                         db::testing::backend_param_name);

}  // namespace
}  // namespace sanad::accounts
