#include "accounts/oidc_sign_in.h"

#include <mutex>

#include "auth/id_token_verifier.h"
#include "auth/oidc_request.h"
#include "core/clock.h"

namespace sanad::accounts {

// A configured provider and what discovery taught about it (filled once).
struct OidcSignIn::Provider {
  auth::OidcProviderConfig config;
  std::string display_name;
  std::mutex mutex;
  std::optional<auth::ProviderMetadata> metadata;
  std::unique_ptr<auth::JwksCache> keys;
  std::unique_ptr<auth::IdTokenVerifier> verifier;
};

// A discovered provider, ready for a flow. The pointers stay valid for the
// OidcSignIn's lifetime (metadata and verifier are never replaced once set).
struct OidcSignIn::Ready {
  const auth::ProviderMetadata* metadata;
  const auth::IdTokenVerifier* verifier;
};

namespace {

// "https://login.example.org/realms/x" -> "login.example.org".
std::string issuer_host(const std::string& issuer) {
  std::string host = issuer;
  if (auto scheme = host.find("://"); scheme != std::string::npos) host = host.substr(scheme + 3);
  return host.substr(0, host.find_first_of(":/?#"));
}

OidcOutcome failed(OidcOutcome outcome, OidcFailure failure, std::string detail) {
  outcome.failure = failure;
  outcome.detail = std::move(detail);
  outcome.user.reset();
  return outcome;
}

}  // namespace

const char* oidc_failure_name(OidcFailure failure) noexcept {
  switch (failure) {
    case OidcFailure::kNone: return "";
    case OidcFailure::kInvalidState: return "invalid_state";
    case OidcFailure::kProviderError: return "provider_error";
    case OidcFailure::kInvalidToken: return "invalid_token";
    case OidcFailure::kEmailNotVerified: return "email_not_verified";
    case OidcFailure::kAccountExists: return "account_exists";
    case OidcFailure::kRegistrationClosed: return "registration_closed";
    case OidcFailure::kAccountDisabled: return "account_disabled";
    case OidcFailure::kUnavailable: return "unavailable";
  }
  return "unavailable";
}

OidcSignIn::OidcSignIn(std::vector<auth::OidcProviderConfig> providers, OidcSignInOptions options,
                       auth::LoginStateStore& states, IdentityStore& identities, UserService& users,
                       const RegistrationSettings& registration, auth::FetchFunction fetch,
                       auth::PostFormFunction post)
    : options_(options),
      states_(states),
      identities_(identities),
      users_(users),
      registration_(registration),
      fetch_(std::move(fetch)),
      post_(std::move(post)) {
  for (auto& config : providers) {
    auto p = std::make_unique<Provider>();
    p->display_name = config.name == "google" ? "Google" : issuer_host(config.issuer);
    p->config = std::move(config);
    providers_.push_back(std::move(p));
  }
}

OidcSignIn::~OidcSignIn() = default;

std::vector<OidcProviderInfo> OidcSignIn::providers() const {
  std::vector<OidcProviderInfo> out;
  for (const auto& p : providers_) out.push_back({p->config.name, p->display_name});
  return out;
}

bool OidcSignIn::has_provider(std::string_view id) const { return find(id) != nullptr; }

OidcSignIn::Provider* OidcSignIn::find(std::string_view id) const {
  for (const auto& p : providers_) {
    if (p->config.name == id) return p.get();
  }
  return nullptr;
}

Result<OidcSignIn::Ready> OidcSignIn::ready(Provider& p) {
  std::lock_guard lock(p.mutex);
  if (!p.metadata) {
    // Discovery failures are not cached: the next sign-in tries again.
    SANAD_ASSIGN_OR_RETURN(std::string document, fetch_(auth::discovery_url(p.config.issuer)));
    auth::DiscoveryOptions discovery;
    discovery.allow_http_loopback = options_.allow_http_loopback;
    SANAD_ASSIGN_OR_RETURN(auth::ProviderMetadata metadata,
                           auth::parse_discovery(document, p.config.issuer, discovery));
    auth::JwksCacheOptions cache;
    cache.min_refresh_interval = options_.jwks_min_refresh;
    p.keys = std::make_unique<auth::JwksCache>(metadata.jwks_uri, fetch_, auth::system_time(), cache);
    auth::IdTokenVerifierOptions verify;
    verify.accepted_issuers = p.config.accepted_issuers;
    verify.client_id = p.config.client_id;
    p.verifier = std::make_unique<auth::IdTokenVerifier>(std::move(verify), *p.keys);
    p.metadata = std::move(metadata);
  }
  return Ready{&*p.metadata, p.verifier.get()};
}

Result<std::string> OidcSignIn::start(std::string_view provider, const std::string& redirect_uri,
                                      const std::string& redirect_after) {
  Provider* p = find(provider);
  if (p == nullptr) return not_found("no such sign-in provider");
  auto discovered = ready(*p);
  if (!discovered) return unavailable("the sign-in provider cannot be reached: " + discovered.status().message());
  auth::Pkce pkce = auth::make_pkce();
  auth::AuthorizationRequest request;
  request.authorization_endpoint = discovered->metadata->authorization_endpoint;
  request.client_id = p->config.client_id;
  request.redirect_uri = redirect_uri;
  request.scope = p->config.scope;
  request.state = auth::make_state();
  request.nonce = auth::make_nonce();
  request.code_challenge = pkce.challenge;
  SANAD_ASSIGN_OR_RETURN(std::string url, auth::build_authorization_url(request));
  int64_t now = core::now_ms();
  auth::PendingLogin pending{p->config.name, request.nonce, pkce.verifier, redirect_after,
                             now + options_.state_lifetime.count()};
  SANAD_RETURN_IF_ERROR(states_.put(request.state, pending, now));
  return url;
}

OidcOutcome OidcSignIn::finish(std::string_view provider, std::string_view state, std::string_view code,
                               const std::string& redirect_uri) {
  OidcOutcome outcome;
  // The state is spent first, whatever happens next: it can never be replayed.
  auto taken = states_.take(state, core::now_ms());
  if (!taken) return failed(std::move(outcome), OidcFailure::kUnavailable, taken.status().to_string());
  if (!taken->has_value()) return failed(std::move(outcome), OidcFailure::kInvalidState, "unknown or used state");
  const auth::PendingLogin& pending = **taken;
  outcome.redirect_after = pending.redirect_after;
  Provider* p = find(provider);
  if (p == nullptr || pending.provider != provider) {
    return failed(std::move(outcome), OidcFailure::kInvalidState, "state issued for another provider");
  }
  auto discovered = ready(*p);
  if (!discovered) return failed(std::move(outcome), OidcFailure::kUnavailable, discovered.status().to_string());

  auth::CodeExchange exchange{discovered->metadata->token_endpoint, p->config.client_id, p->config.client_secret,
                              std::string(code), pending.code_verifier, redirect_uri};
  auto tokens = auth::exchange_code(exchange, post_);
  if (!tokens) {
    bool refused = tokens.status().code() == ErrorCode::kUnauthenticated ||
                   tokens.status().code() == ErrorCode::kInvalidArgument;
    return failed(std::move(outcome), refused ? OidcFailure::kProviderError : OidcFailure::kUnavailable,
                  tokens.status().to_string());
  }
  auto claims = discovered->verifier->verify(tokens->id_token, pending.nonce);
  if (!claims) {
    bool invalid = claims.status().code() != ErrorCode::kUnavailable;
    return failed(std::move(outcome), invalid ? OidcFailure::kInvalidToken : OidcFailure::kUnavailable,
                  claims.status().to_string());
  }
  outcome.subject = claims->subject;
  return account_for(*p, std::move(outcome), claims->email.value_or(""), claims->email_verified,
                     claims->name.value_or(""));
}

OidcOutcome OidcSignIn::account_for(const Provider& p, OidcOutcome outcome, const std::string& email,
                                    bool email_verified, const std::string& name) {
  const std::string& issuer = p.config.issuer;
  auto linked = identities_.find_user(issuer, outcome.subject);
  if (!linked) return failed(std::move(outcome), OidcFailure::kUnavailable, linked.status().to_string());
  if (linked->has_value()) {
    auto user = users_.get(**linked);
    if (!user) return failed(std::move(outcome), OidcFailure::kUnavailable, user.status().to_string());
    if (!user->active) return failed(std::move(outcome), OidcFailure::kAccountDisabled, "account disabled");
    outcome.user = std::move(*user);
    return outcome;
  }
  // Not known yet: everything below goes by e-mail, which must be verified.
  auto existing = users_.find_by_email(email);
  if (!existing) return failed(std::move(outcome), OidcFailure::kUnavailable, existing.status().to_string());
  if (existing->has_value()) {
    if (!options_.link_verified_email) {
      return failed(std::move(outcome), OidcFailure::kAccountExists, "an account has this e-mail; linking is off");
    }
    if (!email_verified) {
      return failed(std::move(outcome), OidcFailure::kEmailNotVerified, "the provider has not verified the e-mail");
    }
    User user = std::move(**existing);
    if (!user.active) return failed(std::move(outcome), OidcFailure::kAccountDisabled, "account disabled");
    if (Status st = identities_.link(issuer, outcome.subject, user.id, email); !st) {
      return failed(std::move(outcome), OidcFailure::kUnavailable, st.to_string());
    }
    outcome.linked = true;
    outcome.user = std::move(user);
    return outcome;
  }
  if (email.empty() || !email_verified) {
    return failed(std::move(outcome), OidcFailure::kEmailNotVerified, "a new account needs a verified e-mail");
  }
  auto mode = registration_.mode();
  if (!mode) return failed(std::move(outcome), OidcFailure::kUnavailable, mode.status().to_string());
  if (*mode != RegistrationMode::kOpen) {
    return failed(std::move(outcome), OidcFailure::kRegistrationClosed,
                  std::string("registration is ") + registration_mode_name(*mode));
  }
  NewUser n;
  n.email = email;
  n.name = name.size() > 200 ? name.substr(0, 200) : name;
  n.role = std::string(kRoleMember);
  auto user = users_.create_external(n);
  if (!user) {
    OidcFailure why = user.status().code() == ErrorCode::kAlreadyExists ? OidcFailure::kAccountExists
                                                                         : OidcFailure::kUnavailable;
    return failed(std::move(outcome), why, user.status().to_string());
  }
  if (Status st = identities_.link(issuer, outcome.subject, user->id, email); !st) {
    return failed(std::move(outcome), OidcFailure::kUnavailable, st.to_string());
  }
  outcome.created = true;
  outcome.linked = true;
  outcome.user = std::move(*user);
  return outcome;
}

}  // namespace sanad::accounts
