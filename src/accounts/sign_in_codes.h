#pragma once
// One-time codes that hand a finished OpenID Connect sign-in to the web app without
// putting a token in a URL: the callback issues a code for the signed-in user and
// redirects the browser to FRONTEND_URL/#oidc_code=<code>; the app POSTs it to
// /api/auth/oidc/exchange and receives the session in the response body. A code is
// 256 random bits, stored as SHA-256 only (`sign_in_codes`, migration 0008), valid
// one minute and redeemed once (DELETE … RETURNING, atomic across instances).
// Thread-safe; the Database must outlive it.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "db/database.h"

namespace sanad::accounts {

class SignInCodes {
 public:
  static constexpr std::chrono::milliseconds kDefaultLifetime{60'000};

  explicit SignInCodes(db::Database& db, std::chrono::milliseconds lifetime = kDefaultLifetime)
      : db_(db), lifetime_(lifetime) {}

  // A fresh code for `user_id`, signed in through `provider`.
  Result<std::string> issue(std::string_view user_id, std::string_view provider);

  // The user id of an unexpired, unredeemed code, consuming it; nullopt otherwise.
  Result<std::optional<std::string>> redeem(std::string_view code);

  // Removes expired codes; returns how many.
  Result<size_t> delete_expired(int64_t now_ms);

 private:
  db::Database& db_;
  std::chrono::milliseconds lifetime_;
};

}  // namespace sanad::accounts
