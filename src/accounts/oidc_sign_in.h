#pragma once
// Sign-in through OpenID Connect providers (authorization code with PKCE), from
// the first redirect to a local account:
//   start()  — discovery (once, lazily), fresh state/nonce/PKCE kept in the
//              LoginStateStore, the provider's authorization URL;
//   finish() — the state taken once, the code exchanged at the token endpoint,
//              the ID token verified (RS256, iss, aud, exp, nonce; JWKS refetched on
//              an unknown kid), then the account: by (issuer, subject) first; an
//              existing account with the same e-mail is linked only when
//              `link_verified_email` is on AND the provider says email_verified;
//              a new account is created only when registration is open and the
//              e-mail is verified. Never by an unverified e-mail.
// The identity key uses the configured issuer (so Google's two `iss` spellings are
// one identity). Thread-safe; every referenced service must outlive it.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/identity_store.h"
#include "accounts/registration_settings.h"
#include "accounts/user_service.h"
#include "auth/jwks_cache.h"
#include "auth/login_state_store.h"
#include "auth/oidc_provider.h"
#include "auth/oidc_token_exchange.h"
#include "core/status.h"

namespace sanad::accounts {

struct OidcSignInOptions {
  // SANAD_OIDC_LINK_VERIFIED_EMAIL: let a provider sign in to an existing account
  // that has the same e-mail, when the provider marks it verified. Off by default:
  // then such a sign-in is refused (`account_exists`).
  bool link_verified_email = false;
  // Discovery and JWKS over plain http to loopback hosts (development and tests).
  bool allow_http_loopback = false;
  std::chrono::milliseconds state_lifetime{10 * 60 * 1000};
  // Least time between two JWKS fetches caused by unknown kids (key rotation is
  // picked up after at most this; forged kids cannot make Sanad hammer the provider).
  std::chrono::milliseconds jwks_min_refresh{60'000};
};

struct OidcProviderInfo {
  std::string id;    // used in /api/auth/oidc/{id}/…
  std::string name;  // shown on the sign-in page
};

// Why a sign-in failed; the names are what the web app receives (#oidc_error=…).
enum class OidcFailure {
  kNone,
  kInvalidState,        // unknown, expired, replayed, or for another provider
  kProviderError,       // the provider refused (error callback, token endpoint error)
  kInvalidToken,        // the ID token failed verification
  kEmailNotVerified,    // linking or creating needs email_verified=true
  kAccountExists,       // same e-mail as a local account, and linking is off
  kRegistrationClosed,  // no account, and registration is not open
  kAccountDisabled,
  kUnavailable,         // the provider or the database could not be reached
};

// "invalid_state", "provider_error", … ("" for kNone).
const char* oidc_failure_name(OidcFailure failure) noexcept;

struct OidcOutcome {
  OidcFailure failure = OidcFailure::kNone;
  std::string detail;          // for logs and the audit trail, never shown to users
  std::optional<User> user;    // set on success
  bool created = false;        // a new account was made
  bool linked = false;         // the identity was linked just now
  std::string redirect_after;  // from the pending login (a local path)
  std::string subject;         // the provider's sub, when the token was valid
};

class OidcSignIn {
 public:
  // `fetch` GETs discovery documents and JWKS; `post` POSTs to token endpoints.
  OidcSignIn(std::vector<auth::OidcProviderConfig> providers, OidcSignInOptions options,
             auth::LoginStateStore& states, IdentityStore& identities, UserService& users,
             const RegistrationSettings& registration, auth::FetchFunction fetch, auth::PostFormFunction post);
  ~OidcSignIn();
  OidcSignIn(const OidcSignIn&) = delete;
  OidcSignIn& operator=(const OidcSignIn&) = delete;

  // The configured providers, in configuration order.
  std::vector<OidcProviderInfo> providers() const;
  bool has_provider(std::string_view id) const;

  // The URL to send the browser to. `redirect_uri` is this server's callback URL
  // (the same value must reach finish()); `redirect_after` a validated local path.
  // kNotFound for an unknown provider; kUnavailable when discovery fails.
  Result<std::string> start(std::string_view provider, const std::string& redirect_uri,
                            const std::string& redirect_after);

  // Completes a sign-in from the callback's state and code. Never throws; the
  // outcome says who signed in or why not.
  OidcOutcome finish(std::string_view provider, std::string_view state, std::string_view code,
                     const std::string& redirect_uri);

 private:
  struct Provider;
  struct Ready;
  Provider* find(std::string_view id) const;
  Result<Ready> ready(Provider& provider);
  OidcOutcome account_for(const Provider& provider, OidcOutcome outcome, const std::string& email,
                          bool email_verified, const std::string& name);

  std::vector<std::unique_ptr<Provider>> providers_;
  OidcSignInOptions options_;
  auth::LoginStateStore& states_;
  IdentityStore& identities_;
  UserService& users_;
  const RegistrationSettings& registration_;
  auth::FetchFunction fetch_;
  auth::PostFormFunction post_;
};

}  // namespace sanad::accounts
