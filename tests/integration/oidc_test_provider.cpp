#include "oidc_test_provider.h"

#include <openssl/evp.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/config.h"
#include "core/log.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "jwt_test_util.h"

namespace sanad::testing {

namespace at = sanad::auth::testing;

namespace {

struct IssuedCode {
  std::string client_id;
  std::string redirect_uri;
  std::string code_challenge;
  std::string nonce;
  TestIdentity identity;
};

std::string random_hex(size_t bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string raw(bytes, '\0');
  std::FILE* urandom = std::fopen("/dev/urandom", "rb");
  if (urandom == nullptr || std::fread(raw.data(), 1, bytes, urandom) != bytes) throw std::runtime_error("urandom");
  std::fclose(urandom);
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string s256(const std::string& verifier) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(verifier.data(), verifier.size(), digest, &len, EVP_sha256(), nullptr);
  return at::b64url(std::string(reinterpret_cast<char*>(digest), len));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded → map.
std::map<std::string, std::string> parse_form(const std::string& body) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t amp = body.find('&', pos);
    if (amp == std::string::npos) amp = body.size();
    std::string pair = body.substr(pos, amp - pos);
    size_t eq = pair.find('=');
    auto decode = [](const std::string& s) {
      std::string r;
      for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
          r += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
          r += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
          i += 2;
        } else {
          r += s[i];
        }
      }
      return r;
    };
    if (!pair.empty()) out[decode(pair.substr(0, eq))] = eq == std::string::npos ? "" : decode(pair.substr(eq + 1));
    pos = amp + 1;
  }
  return out;
}

std::string query_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

http::Response oauth_error(int status, const std::string& error) {
  return http::Response::json(status, nlohmann::json{{"error", error}}.dump());
}

}  // namespace

struct OidcTestProvider::State {
  std::string client_id;
  std::string client_secret;
  std::string issuer;

  mutable std::mutex mutex;
  at::PkeyPtr key;
  std::string kid;
  at::PkeyPtr stray_key = at::generate_rsa();  // never published
  int key_generation = 0;
  TestIdentity identity;
  TokenTweaks tweaks;
  std::map<std::string, IssuedCode> codes;
  std::atomic<int> jwks_requests{0};
  std::atomic<int> token_requests{0};

  core::HttpConfig http_config;
  core::Logger logger{core::LogLevel::kOff};
  http::HttpMetrics metrics;
  http::Router router;
  std::unique_ptr<http::Server> server;

  http::Response discovery() const {
    nlohmann::json doc = {{"issuer", issuer},
                          {"authorization_endpoint", issuer + "/authorize"},
                          {"token_endpoint", issuer + "/token"},
                          {"jwks_uri", issuer + "/jwks"},
                          {"response_types_supported", {"code"}},
                          {"subject_types_supported", {"public"}},
                          {"id_token_signing_alg_values_supported", {"RS256"}},
                          {"code_challenge_methods_supported", {"S256"}},
                          {"token_endpoint_auth_methods_supported", {"client_secret_post"}}};
    return http::Response::json(200, doc.dump());
  }

  http::Response jwks() {
    ++jwks_requests;
    std::lock_guard lock(mutex);
    nlohmann::json set = {{"keys", {at::rsa_jwk(key.get(), kid)}}};
    return http::Response::json(200, set.dump());
  }

  // The browser arrives here from Sanad's start route.
  http::Response authorize(const http::Request& req) {
    auto q = [&req](const char* name) { return req.query_param(name).value_or(""); };
    std::string redirect_uri = q("redirect_uri");
    if (q("client_id") != client_id || redirect_uri.rfind("http", 0) != 0) {
      return http::Response::text(400, "unknown client or redirect_uri");
    }
    if (q("response_type") != "code" || q("scope").find("openid") == std::string::npos ||
        q("code_challenge_method") != "S256" || q("code_challenge").size() != 43 || q("state").empty() ||
        q("nonce").empty()) {
      return http::Response::text(400, "bad authorization request");
    }
    std::string code = random_hex(16);
    {
      std::lock_guard lock(mutex);
      codes[code] = IssuedCode{client_id, redirect_uri, q("code_challenge"), q("nonce"), identity};
    }
    http::Response r = http::Response::text(302, "");
    char sep = redirect_uri.find('?') == std::string::npos ? '?' : '&';
    r.set_header("Location", redirect_uri + sep + "code=" + code + "&state=" + query_encode(q("state")));
    return r;
  }

  http::Response token(const http::Request& req) {
    ++token_requests;
    auto form = parse_form(req.body);
    if (form["grant_type"] != "authorization_code") return oauth_error(400, "unsupported_grant_type");
    if (form["client_id"] != client_id || form["client_secret"] != client_secret) {
      return oauth_error(401, "invalid_client");
    }
    std::lock_guard lock(mutex);
    auto it = codes.find(form["code"]);
    if (it == codes.end()) return oauth_error(400, "invalid_grant");
    IssuedCode issued = it->second;
    codes.erase(it);  // single use
    if (issued.redirect_uri != form["redirect_uri"]) return oauth_error(400, "invalid_grant");
    if (s256(form["code_verifier"]) != issued.code_challenge) return oauth_error(400, "invalid_grant");
    int64_t now = static_cast<int64_t>(std::time(nullptr));
    nlohmann::json claims = {{"iss", tweaks.issuer.value_or(issuer)},
                             {"aud", tweaks.audience.value_or(client_id)},
                             {"sub", issued.identity.subject},
                             {"email", issued.identity.email},
                             {"email_verified", issued.identity.email_verified},
                             {"name", issued.identity.name},
                             {"nonce", tweaks.nonce.value_or(issued.nonce)},
                             {"iat", tweaks.expires_in_seconds < 0 ? now + 2 * tweaks.expires_in_seconds : now},
                             {"exp", now + tweaks.expires_in_seconds}};
    std::string id_token =
        tweaks.sign_with_unpublished_key
            ? at::forge_rs256({{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "stray"}}, claims, stray_key.get())
            : at::forge_rs256({{"alg", "RS256"}, {"typ", "JWT"}, {"kid", kid}}, claims, key.get());
    nlohmann::json body = {{"access_token", random_hex(16)},
                           {"token_type", "Bearer"},
                           {"expires_in", 3600},
                           {"id_token", id_token}};
    http::Response r = http::Response::json(200, body.dump());
    r.set_header("Cache-Control", "no-store");
    return r;
  }
};

OidcTestProvider::OidcTestProvider(std::string client_id, std::string client_secret)
    : state_(std::make_shared<State>()) {
  State& s = *state_;
  s.client_id = std::move(client_id);
  s.client_secret = std::move(client_secret);
  s.key = at::generate_rsa();
  s.kid = "key-0";
  s.http_config.port = 0;
  s.http_config.bind_address = "127.0.0.1";
  s.http_config.io_threads = 1;
  s.http_config.handler_threads = 2;
  State* p = &s;
  s.router.add("GET", "/.well-known/openid-configuration", [p](http::Request&) { return p->discovery(); });
  s.router.add("GET", "/jwks", [p](http::Request&) { return p->jwks(); });
  s.router.add("GET", "/authorize", [p](http::Request& r) { return p->authorize(r); });
  s.router.add("POST", "/token", [p](http::Request& r) { return p->token(r); });
  s.server = std::make_unique<http::Server>(s.http_config, s.router, s.logger, s.metrics);
  if (Status st = s.server->start(); !st) throw std::runtime_error("test provider: " + st.to_string());
  s.issuer = "http://127.0.0.1:" + std::to_string(s.server->port());
}

OidcTestProvider::~OidcTestProvider() { state_->server->shutdown(); }

uint16_t OidcTestProvider::port() const { return state_->server->port(); }
std::string OidcTestProvider::issuer() const { return state_->issuer; }

void OidcTestProvider::set_identity(TestIdentity identity) {
  std::lock_guard lock(state_->mutex);
  state_->identity = std::move(identity);
}

void OidcTestProvider::set_tweaks(TokenTweaks tweaks) {
  std::lock_guard lock(state_->mutex);
  state_->tweaks = std::move(tweaks);
}

void OidcTestProvider::rotate_key() {
  std::lock_guard lock(state_->mutex);
  state_->key = at::generate_rsa();
  state_->kid = "key-" + std::to_string(++state_->key_generation);
}

int OidcTestProvider::jwks_requests() const { return state_->jwks_requests.load(); }
int OidcTestProvider::token_requests() const { return state_->token_requests.load(); }

}  // namespace sanad::testing
